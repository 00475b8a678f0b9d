"""The condition language: what it accepts, what it computes, and what it refuses."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daicho.catalog import ConditionError, compile_condition, fact_types
from daicho.domain import FACT_NAMES, AISystem, FactValue, system_facts


def facts(**overrides: Any) -> dict[str, FactValue]:
    base = system_facts(
        AISystem(slug="s", name={"ja": "系", "en": "s"}, purpose={"en": "x"}, roles=["developer"])
    )
    base.update(overrides)
    return base


@pytest.mark.parametrize(
    ("expression", "overrides", "expected"),
    [
        ("true", {}, True),
        ("false", {}, False),
        ("generative", {"generative": True}, True),
        ("generative", {"generative": False}, False),
        ("not generative", {"generative": False}, True),
        ('eu_nexus and sector == "finance"', {"eu_nexus": True, "sector": "finance"}, True),
        ('eu_nexus and sector == "finance"', {"eu_nexus": True, "sector": "retail"}, False),
        ("sector != 'finance'", {"sector": "retail"}, True),
        ('sector in ["finance", "insurance"]', {"sector": "insurance"}, True),
        ('sector in ["finance", "insurance"]', {"sector": "retail"}, False),
        ('sector not in ["finance"]', {"sector": "retail"}, True),
        ('"developer" in roles', {}, True),
        ('"provider" in roles', {}, False),
        ('"biometrics" in tags', {"tags": frozenset({"biometrics"})}, True),
        ("generative or eu_nexus and public", {"generative": True}, True),
        ("(generative or eu_nexus) and public", {"generative": True, "public": False}, False),
        ("not not deployed", {"deployed": True}, True),
        ('"a\\"b" in tags', {"tags": frozenset({'a"b'})}, True),
    ],
)
def test_evaluates(expression: str, overrides: dict[str, Any], expected: bool) -> None:
    assert compile_condition(expression)(facts(**overrides)) is expected


def test_and_binds_tighter_than_or() -> None:
    cond = compile_condition("generative or eu_nexus and public")
    assert cond(facts(generative=False, eu_nexus=True, public=False)) is False
    assert cond(facts(generative=True, eu_nexus=False, public=False)) is True


def test_names_are_recorded() -> None:
    cond = compile_condition('eu_nexus and (sector == "finance" or "x" in tags)')
    assert cond.names == frozenset({"eu_nexus", "sector", "tags"})
    assert set(cond.facts_used(facts())) == {"eu_nexus", "sector", "tags"}


def test_fact_types_cover_every_fact() -> None:
    kinds = fact_types()
    assert set(kinds) == set(FACT_NAMES)
    assert kinds["sector"] == "text" and kinds["roles"] == "set" and kinds["generative"] == "bool"


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ('__import__("os")', "function calls are not allowed"),
        ("__import__", "unknown fact '__import__'"),
        ("open('x')", "function calls are not allowed"),
        ("generative.__class__", "unexpected character '.'"),
        ("system.generative", "unexpected character '.'"),
        ("generativ", "did you mean 'generative'?"),
        ("eu_nexs and generative", "did you mean 'eu_nexus'?"),
        ('sector == "finanse"', "did you mean 'finance'?"),
        ('sector in ["finance", "banking"]', "'banking' is not a value of sector"),
        ('"develper" in roles', "did you mean 'developer'?"),
        ("sector", "'sector' is a text fact, not yes/no"),
        ("roles", "'roles' is a set fact"),
        ("generative and", "ends too early"),
        ("(generative", "expected ')'"),
        ("generative generative", "unexpected 'generative'"),
        ("", "empty condition"),
        ("x = 1", "unexpected character '='"),
        ("sector == 1", "unexpected character '1'"),
        ('"a" == "a"', "comparing two literals"),
        ('"a" in "abc"', "right side of 'in' must be a list or a set fact"),
        ("generative == sector", "cannot compare a bool with a text"),
        ("sector == roles", "cannot compare a text with a set"),
        ("[generative]", "lists may hold only quoted strings"),
        ("lambda: 1", "unexpected character ':'"),
        ("lambda", "unknown fact 'lambda'"),
        ("generative; import os", "unexpected character ';'"),
    ],
)
def test_rejects(expression: str, message: str) -> None:
    with pytest.raises(ConditionError) as err:
        compile_condition(expression)
    assert message in str(err.value)


def test_error_carries_position() -> None:
    with pytest.raises(ConditionError) as err:
        compile_condition("generative and eu_nexs")
    assert err.value.position == 15
    assert err.value.hint == "did you mean 'eu_nexus'?"


# -- property: the compiler agrees with a direct evaluation -----------------------------------

BOOL_FACTS = sorted(k for k, v in fact_types().items() if v == "bool")


def _exprs() -> st.SearchStrategy[tuple[str, Any]]:
    leaf = st.sampled_from(BOOL_FACTS).map(lambda n: (n, ("fact", n)))
    return st.recursive(
        leaf,
        lambda sub: st.one_of(
            sub.map(lambda e: (f"not ({e[0]})", ("not", e[1]))),
            st.tuples(sub, sub).map(
                lambda p: (f"({p[0][0]}) and ({p[1][0]})", ("and", p[0][1], p[1][1]))
            ),
            st.tuples(sub, sub).map(
                lambda p: (f"({p[0][0]}) or ({p[1][0]})", ("or", p[0][1], p[1][1]))
            ),
        ),
        max_leaves=8,
    )


def _reference(tree: Any, values: dict[str, bool]) -> bool:
    op = tree[0]
    if op == "fact":
        return values[tree[1]]
    if op == "not":
        return not _reference(tree[1], values)
    left, right = _reference(tree[1], values), _reference(tree[2], values)
    return (left and right) if op == "and" else (left or right)


@given(
    expr=_exprs(), bits=st.lists(st.booleans(), min_size=len(BOOL_FACTS), max_size=len(BOOL_FACTS))
)
def test_compiled_matches_reference(expr: tuple[str, Any], bits: list[bool]) -> None:
    values = dict(zip(BOOL_FACTS, bits, strict=True))
    assert compile_condition(expr[0])(facts(**values)) is _reference(expr[1], values)
