"""The applicability-condition language: a tokenizer, a recursive-descent parser and a compiler.

A condition is a small boolean expression over the facts of an AI system
(:data:`daicho.domain.FACT_NAMES`)::

    generative
    processes_personal_data and not processes_anonymous_data
    eu_nexus and sector == "finance"
    sector in ["finance", "insurance"]
    "biometrics" in tags

Grammar (lowest precedence first)::

    expr    := and_ ("or" and_)*
    and_    := not_ ("and" not_)*
    not_    := "not" not_ | compare
    compare := operand (("==" | "!=" | "in" | "not" "in") operand)?
    operand := NAME | STRING | "true" | "false" | "(" expr ")" | list
    list    := "[" [STRING ("," STRING)* [","]] "]"

Nothing is ever passed to :func:`eval`. Names must be fact names; a bare name must be a yes/no
fact; text facts are compared with ``==``/``!=``/``in``; set facts (``roles``, ``tags``) are
tested with ``"x" in name``; string literals compared with an enumerated fact (``sector``,
``roles`` …) must be one of its values. Every mistake is a :class:`ConditionError` that says
where it is and, for a misspelt name or value, what was probably meant.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import Literal

from daicho.domain._enums import (
    ActorRole,
    DeploymentContext,
    HumanOversight,
    LifecycleStage,
    Sector,
)
from daicho.domain._errors import UserError
from daicho.domain._facts import FACT_NAMES, FactValue
from daicho.i18n import gettext as _

__all__ = ["Condition", "ConditionError", "compile_condition", "fact_types"]

Kind = Literal["bool", "text", "set", "list"]

#: Enumerations whose values a text or set fact may take; literals are checked against them.
_FACT_VALUES: dict[str, type[StrEnum]] = {
    "sector": Sector,
    "lifecycle_stage": LifecycleStage,
    "deployment_context": DeploymentContext,
    "human_oversight": HumanOversight,
    "roles": ActorRole,
}

_TOKEN_RE = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<string>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')
  | (?P<op>==|!=|\(|\)|\[|\]|,)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
    """,
    re.VERBOSE,
)
_KEYWORDS = {"and", "or", "not", "in", "true", "false"}


class ConditionError(UserError):
    """A condition that cannot be compiled; ``position`` is a 0-based column in ``expression``."""

    def __init__(self, message: str, expression: str, position: int, hint: str | None = None):
        self.message = message
        self.expression = expression
        self.position = position
        self.hint = hint
        text = _("{message} at column {column} of {expression!r}").format(
            message=message, column=position + 1, expression=expression
        )
        if hint:
            text += f"; {hint}"
        super().__init__(text)


Fn = Callable[[Mapping[str, FactValue]], object]


def _const(value: object) -> Fn:
    def fn(facts: Mapping[str, FactValue]) -> object:
        return value

    return fn


def _fact(name: str) -> Fn:
    def fn(facts: Mapping[str, FactValue]) -> object:
        return facts[name]

    return fn


def _and(left: Fn, right: Fn) -> Fn:
    def fn(facts: Mapping[str, FactValue]) -> object:
        return bool(left(facts)) and bool(right(facts))

    return fn


def _or(left: Fn, right: Fn) -> Fn:
    def fn(facts: Mapping[str, FactValue]) -> object:
        return bool(left(facts)) or bool(right(facts))

    return fn


def _not(operand: Fn) -> Fn:
    def fn(facts: Mapping[str, FactValue]) -> object:
        return not operand(facts)

    return fn


def _eq(left: Fn, right: Fn) -> Fn:
    def fn(facts: Mapping[str, FactValue]) -> object:
        return left(facts) == right(facts)

    return fn


def _ne(left: Fn, right: Fn) -> Fn:
    def fn(facts: Mapping[str, FactValue]) -> object:
        return left(facts) != right(facts)

    return fn


def _in(left: Fn, right: Fn) -> Fn:
    def fn(facts: Mapping[str, FactValue]) -> object:
        container = right(facts)
        assert isinstance(container, frozenset)
        return left(facts) in container

    return fn


def _not_in(left: Fn, right: Fn) -> Fn:
    inner = _in(left, right)

    def fn(facts: Mapping[str, FactValue]) -> object:
        return not inner(facts)

    return fn


@dataclass(frozen=True)
class _Token:
    kind: str  # "string", "op", "name", "keyword", "end"
    text: str
    pos: int


def _tokenize(expression: str) -> list[_Token]:
    tokens: list[_Token] = []
    pos = 0
    while pos < len(expression):
        m = _TOKEN_RE.match(expression, pos)
        if m is None:
            ch = expression[pos]
            hint = None
            if ch == ".":
                hint = _("attribute access is not allowed; use a fact name")
            elif ch in "=<>!":
                hint = _("use == or !=")
            raise ConditionError(
                _("unexpected character {char!r}").format(char=ch), expression, pos, hint
            )
        kind = m.lastgroup or ""
        text = m.group()
        if kind == "name" and text in _KEYWORDS:
            kind = "keyword"
        if kind != "ws":
            tokens.append(_Token(kind, text, pos))
        pos = m.end()
    tokens.append(_Token("end", "", len(expression)))
    return tokens


@dataclass(frozen=True)
class _Node:
    """A typed node of the compiled expression: its kind and the function computing its value."""

    kind: Kind
    fn: Fn
    pos: int
    fact: str | None = None  # set when the node is a bare fact name
    literal: object = None  # set when the node is a literal
    is_literal: bool = False


@lru_cache(maxsize=1)
def fact_types() -> dict[str, Kind]:
    """The kind (``bool``, ``text`` or ``set``) of every fact, read off a sample system."""
    from daicho.domain._facts import system_facts
    from daicho.domain._system import AISystem

    sample = AISystem(
        slug="sample",
        name={"ja": "見本", "en": "sample"},
        purpose={"en": "type probe"},
        roles=["developer"],
    )
    kinds: dict[str, Kind] = {}
    for name, value in system_facts(sample).items():
        kinds[name] = (
            "bool" if isinstance(value, bool) else "text" if isinstance(value, str) else "set"
        )
    return kinds


class _Parser:
    def __init__(self, expression: str) -> None:
        self.expression = expression
        self.tokens = _tokenize(expression)
        self.i = 0
        self.names: set[str] = set()

    # -- helpers --------------------------------------------------------------------------
    def peek(self) -> _Token:
        return self.tokens[self.i]

    def take(self) -> _Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def error(self, message: str, pos: int, hint: str | None = None) -> ConditionError:
        return ConditionError(message, self.expression, pos, hint)

    def expect(self, text: str) -> _Token:
        tok = self.take()
        if tok.text != text or tok.kind in ("string", "end"):
            got = _("end of condition") if tok.kind == "end" else repr(tok.text)
            raise self.error(
                _("expected {wanted!r}, found {got}").format(wanted=text, got=got), tok.pos
            )
        return tok

    def need_bool(self, node: _Node, what: str) -> None:
        if node.kind == "bool":
            return
        if node.fact is not None:
            hint = (
                _('compare it, e.g. {fact} == "..."').format(fact=node.fact)
                if node.kind == "text"
                else _('test membership, e.g. "..." in {fact}').format(fact=node.fact)
            )
            raise self.error(
                _("{fact!r} is a {kind} fact, not yes/no").format(fact=node.fact, kind=node.kind),
                node.pos,
                hint,
            )
        raise self.error(
            _("{what} needs a yes/no value, not a {kind}").format(what=what, kind=node.kind),
            node.pos,
        )

    # -- grammar --------------------------------------------------------------------------
    def parse(self) -> _Node:
        if self.peek().kind == "end":
            raise self.error(_("empty condition"), 0, _("write `true` for 'always applies'"))
        node = self.or_()
        tok = self.peek()
        if tok.kind != "end":
            raise self.error(
                _("unexpected {token!r}").format(token=tok.text),
                tok.pos,
                _("join parts with and / or"),
            )
        self.need_bool(node, _("a condition"))
        return node

    def or_(self) -> _Node:
        left = self.and_()
        while self.peek().text == "or" and self.peek().kind == "keyword":
            op = self.take()
            right = self.and_()
            self.need_bool(left, "'or'")
            self.need_bool(right, "'or'")
            lf, rf = left.fn, right.fn
            left = _Node("bool", _or(lf, rf), op.pos)
        return left

    def and_(self) -> _Node:
        left = self.not_()
        while self.peek().text == "and" and self.peek().kind == "keyword":
            op = self.take()
            right = self.not_()
            self.need_bool(left, "'and'")
            self.need_bool(right, "'and'")
            lf, rf = left.fn, right.fn
            left = _Node("bool", _and(lf, rf), op.pos)
        return left

    def not_(self) -> _Node:
        tok = self.peek()
        if tok.kind == "keyword" and tok.text == "not":
            self.take()
            operand = self.not_()
            self.need_bool(operand, "'not'")
            fn = operand.fn
            return _Node("bool", _not(fn), tok.pos)
        return self.compare()

    def compare(self) -> _Node:
        left = self.operand()
        tok = self.peek()
        if tok.kind == "op" and tok.text in ("==", "!="):
            self.take()
            right = self.operand()
            return self.equality(left, right, negate=tok.text == "!=", pos=tok.pos)
        if tok.kind == "keyword" and tok.text == "in":
            self.take()
            return self.membership(left, self.operand(), negate=False, pos=tok.pos)
        if tok.kind == "keyword" and tok.text == "not" and self.tokens[self.i + 1].text == "in":
            self.take()
            self.take()
            return self.membership(left, self.operand(), negate=True, pos=tok.pos)
        return left

    def operand(self) -> _Node:
        tok = self.take()
        if tok.kind == "string":
            value = _unquote(tok.text)
            return _Node("text", _const(value), tok.pos, literal=value, is_literal=True)
        if tok.kind == "keyword" and tok.text in ("true", "false"):
            value_b = tok.text == "true"
            return _Node("bool", _const(value_b), tok.pos, literal=value_b, is_literal=True)
        if tok.kind == "op" and tok.text == "(":
            node = self.or_()
            self.expect(")")
            return node
        if tok.kind == "op" and tok.text == "[":
            return self.list_(tok)
        if tok.kind == "name":
            return self.name(tok)
        if tok.kind == "end":
            raise self.error(_("the condition ends too early"), tok.pos)
        raise self.error(_("unexpected {token!r}").format(token=tok.text), tok.pos)

    def list_(self, start: _Token) -> _Node:
        items: list[str] = []
        while self.peek().text != "]" or self.peek().kind != "op":
            tok = self.take()
            if tok.kind != "string":
                raise self.error(_("lists may hold only quoted strings"), tok.pos)
            items.append(_unquote(tok.text))
            if self.peek().kind == "op" and self.peek().text == ",":
                self.take()
            elif self.peek().text != "]":
                raise self.error(_("expected ',' or ']' in the list"), self.peek().pos)
        self.take()
        value = frozenset(items)
        return _Node("list", _const(value), start.pos, literal=tuple(items), is_literal=True)

    def name(self, tok: _Token) -> _Node:
        if self.peek().kind == "op" and self.peek().text == "(":
            raise self.error(
                _("function calls are not allowed ({name}(…))").format(name=tok.text), tok.pos
            )
        kinds = fact_types()
        if tok.text not in FACT_NAMES:
            close = difflib.get_close_matches(tok.text, list(FACT_NAMES), n=1, cutoff=0.6)
            hint = (
                _("did you mean {guess!r}?").format(guess=close[0])
                if close
                else _("see `daicho catalog facts`")
            )
            raise self.error(_("unknown fact {name!r}").format(name=tok.text), tok.pos, hint)
        self.names.add(tok.text)
        key = tok.text
        return _Node(kinds[key], _fact(key), tok.pos, fact=key)

    # -- typed operators ------------------------------------------------------------------
    def check_value(self, fact_node: _Node, literal: _Node) -> None:
        """Check that a literal compared with an enumerated fact is one of its values."""
        if fact_node.fact is None or fact_node.fact not in _FACT_VALUES:
            return
        allowed = [m.value for m in _FACT_VALUES[fact_node.fact]]
        values = literal.literal if isinstance(literal.literal, tuple) else (literal.literal,)
        for v in values:
            if v not in allowed:
                close = difflib.get_close_matches(str(v), allowed, n=1, cutoff=0.5)
                hint = (
                    _("did you mean {guess!r}?").format(guess=close[0])
                    if close
                    else _("one of: {choices}").format(choices=", ".join(allowed))
                )
                raise self.error(
                    _("{value!r} is not a value of {fact}").format(value=v, fact=fact_node.fact),
                    literal.pos,
                    hint,
                )

    def equality(self, left: _Node, right: _Node, *, negate: bool, pos: int) -> _Node:
        if left.kind != right.kind or left.kind in ("set", "list"):
            raise self.error(
                _("cannot compare a {left} with a {right} using ==/!=").format(
                    left=left.kind, right=right.kind
                ),
                pos,
                _('use `in` for sets, e.g. "developer" in roles'),
            )
        if left.is_literal and right.is_literal:
            raise self.error(_("comparing two literals is always the same; use a fact"), pos)
        if left.kind == "text":
            fact, lit = (left, right) if right.is_literal else (right, left)
            self.check_value(fact, lit)
        lf, rf = left.fn, right.fn
        if negate:
            return _Node("bool", _ne(lf, rf), pos)
        return _Node("bool", _eq(lf, rf), pos)

    def membership(self, left: _Node, right: _Node, *, negate: bool, pos: int) -> _Node:
        if right.kind not in ("set", "list"):
            raise self.error(
                _("the right side of 'in' must be a list or a set fact, not a {kind}").format(
                    kind=right.kind
                ),
                right.pos,
                _('e.g. sector in ["finance", "insurance"] or "developer" in roles'),
            )
        if left.kind != "text":
            raise self.error(
                _("the left side of 'in' must be text, not a {kind}").format(kind=left.kind),
                left.pos,
            )
        if right.kind == "list" and left.is_literal:
            raise self.error(_("testing a literal against a literal list is constant"), pos)
        if right.kind == "list":
            self.check_value(left, right)
        elif left.is_literal:
            self.check_value(right, left)
        lf, rf = left.fn, right.fn
        if negate:
            return _Node("bool", _not_in(lf, rf), pos)
        return _Node("bool", _in(lf, rf), pos)


def _unquote(text: str) -> str:
    body = text[1:-1]
    return re.sub(r"\\(.)", r"\1", body)


@dataclass(frozen=True)
class Condition:
    """A compiled applicability condition.

    Attributes
    ----------
    expression : str
        The source text.
    names : frozenset[str]
        The fact names it refers to.
    """

    expression: str
    names: frozenset[str]
    _fn: Fn = field(repr=False, compare=False)

    def __call__(self, facts: Mapping[str, FactValue]) -> bool:
        """Evaluate the condition over ``facts`` (the output of :func:`system_facts`)."""
        return bool(self._fn(facts))

    def facts_used(self, facts: Mapping[str, FactValue]) -> dict[str, FactValue]:
        """The values of the facts this condition looked at, for explaining a result."""
        return {name: facts[name] for name in self.ordered_names}

    @property
    def ordered_names(self) -> tuple[str, ...]:
        """The fact names, sorted."""
        return tuple(sorted(self.names))


@lru_cache(maxsize=4096)
def compile_condition(expression: str) -> Condition:
    """Compile ``expression`` once into a predicate over a system's facts.

    Parameters
    ----------
    expression : str
        A condition in the language described in this module.

    Returns
    -------
    Condition
        A callable ``facts -> bool``.

    Raises
    ------
    ConditionError
        If the expression is malformed, names an unknown fact, mixes types, or compares an
        enumerated fact with a value it cannot take.

    Examples
    --------
    >>> c = compile_condition('eu_nexus and sector in ["finance", "insurance"]')
    >>> sorted(c.names)
    ['eu_nexus', 'sector']
    """
    parser = _Parser(expression)
    node = parser.parse()
    return Condition(expression, frozenset(parser.names), node.fn)
