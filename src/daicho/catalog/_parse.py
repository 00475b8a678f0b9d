"""Catalog YAML text → models, with every problem located by file, line and field.

Pure: the functions take the text and the name to report, and never open a file. Errors are
:class:`daicho.domain.InvalidRecordError` listing :class:`daicho.domain.FieldProblem` items, each
with the file, the 1-based line, the dotted field path, what is wrong and what was expected.
Unknown fields get a "did you mean" suggestion from the model's own field names.
"""

from __future__ import annotations

import contextlib
import difflib
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from daicho.codec._problems import dotted, generic_message
from daicho.domain._catalog import CatalogManifest, Crosswalk, Framework
from daicho.domain._errors import FieldProblem, InvalidRecordError
from daicho.i18n import gettext as _

from ._conditions import ConditionError, compile_condition

__all__ = [
    "FileKind",
    "ParsedFile",
    "format_loc",
    "parse_crosswalk",
    "parse_file",
    "parse_framework",
    "parse_manifest",
]

FileKind = Literal["framework", "crosswalk", "manifest"]
_MODELS: dict[str, type[BaseModel]] = {
    "framework": Framework,
    "crosswalk": Crosswalk,
    "manifest": CatalogManifest,
}


@dataclass(frozen=True)
class ParsedFile:
    """A parsed file: its model, the name to report, and the YAML tree for line look-ups."""

    kind: FileKind
    model: BaseModel
    filename: str
    tree: Any

    def line_of(self, loc: Sequence[str | int]) -> int | None:
        """1-based line of the field at ``loc`` (or of its nearest present ancestor)."""
        return _line_of(self.tree, loc)


def format_loc(loc: Sequence[str | int]) -> str:
    """``("requirements", 3, "id")`` → ``requirements[3].id``."""
    return dotted(tuple(loc))


def parse_file(text: str, filename: str, kind: FileKind) -> ParsedFile:
    """Parse and validate one catalog file.

    Parameters
    ----------
    text : str
        The YAML text.
    filename : str
        The name to report in errors (a path, or a package resource name).
    kind : {"framework", "crosswalk", "manifest"}
        What the file holds.

    Returns
    -------
    ParsedFile

    Raises
    ------
    InvalidRecordError
        Listing every problem, each with file and line.
    """
    tree = _load_yaml(text, filename)
    model_cls = _MODELS[kind]
    if not isinstance(tree, CommentedMap):
        raise InvalidRecordError(
            [FieldProblem(field="", message=_("the file must hold a YAML mapping"), file=filename)],
            summary=_("{filename}: not a {kind} file").format(filename=filename, kind=kind),
        )
    try:
        model = model_cls.model_validate(_plain(tree))
    except ValidationError as exc:
        problems = [_problem(err, tree, filename, model_cls) for err in exc.errors()]
        raise InvalidRecordError(
            problems, summary=_("{filename}: invalid {kind}").format(filename=filename, kind=kind)
        ) from None
    parsed = ParsedFile(kind, model, filename, tree)
    if isinstance(model, Framework):
        _check_conditions(parsed, model)
    return parsed


def parse_framework(text: str, filename: str) -> Framework:
    """Parse one framework file into a :class:`Framework` (see :func:`parse_file`)."""
    model = parse_file(text, filename, "framework").model
    assert isinstance(model, Framework)
    return model


def parse_crosswalk(text: str, filename: str) -> Crosswalk:
    """Parse one crosswalk file into a :class:`Crosswalk` (see :func:`parse_file`)."""
    model = parse_file(text, filename, "crosswalk").model
    assert isinstance(model, Crosswalk)
    return model


def parse_manifest(text: str, filename: str) -> CatalogManifest:
    """Parse ``catalog.yaml`` into a :class:`CatalogManifest` (see :func:`parse_file`)."""
    model = parse_file(text, filename, "manifest").model
    assert isinstance(model, CatalogManifest)
    return model


# -- internals ------------------------------------------------------------------------------


def _load_yaml(text: str, filename: str) -> Any:
    yaml = YAML(typ="rt")
    try:
        return yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        message = exc.problem or exc.context or _("YAML syntax error")
        raise InvalidRecordError(
            [FieldProblem(field="", message=f"YAML: {message}", file=filename, line=line)],
            summary=_("{filename}: not valid YAML").format(filename=filename),
        ) from None
    except YAMLError as exc:
        raise InvalidRecordError(
            [FieldProblem(field="", message=f"YAML: {exc}", file=filename)],
            summary=_("{filename}: not valid YAML").format(filename=filename),
        ) from None


def _plain(node: Any) -> Any:
    """Round-trip YAML nodes → plain dicts, lists and scalars."""
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, str):
        return str(node)
    return node


def _line_of(tree: Any, loc: Sequence[str | int]) -> int | None:
    node = tree
    line: int | None = getattr(getattr(tree, "lc", None), "line", None)
    for part in loc:
        if isinstance(node, CommentedMap) and isinstance(part, str) and part in node:
            # a key merged in from an anchor (<<: *x) has no position: keep the parent's line
            with contextlib.suppress(KeyError):
                line = node.lc.key(part)[0]
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            line = node.lc.item(part)[0]
            node = node[part]
        else:
            break
    return None if line is None else line + 1


def _model_at(root: type[BaseModel], path: Sequence[str | int]) -> type[BaseModel] | None:
    """The model class that holds the field at ``path`` (for "did you mean" suggestions)."""
    current: Any = root
    for part in path:
        if isinstance(part, int):
            continue
        model = _as_model(current)
        if model is None or part not in model.model_fields:
            return None
        current = model.model_fields[part].annotation
    return _as_model(current)


def _as_model(tp: Any) -> type[BaseModel] | None:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp
    origin = typing.get_origin(tp)
    if origin in (list, typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(tp):
            found = _as_model(arg)
            if found is not None:
                return found
    return None


def _problem(err: Any, tree: Any, filename: str, root: type[BaseModel]) -> FieldProblem:
    loc = tuple(err["loc"])
    kind = err["type"]
    message = generic_message(kind, err.get("ctx") or {}) or str(err["msg"])
    expected: str | None = None
    if kind == "extra_forbidden":
        holder = _model_at(root, loc[:-1])
        name = str(loc[-1])
        hint = ""
        if holder is not None:
            fields = list(holder.model_fields)
            close = difflib.get_close_matches(name, fields, n=1, cutoff=0.6)
            if close:
                hint = _("; did you mean {guess!r}?").format(guess=close[0])
            expected = _("one of {choices}").format(choices=", ".join(fields))
        message = _("unknown field {name!r}{hint}").format(name=name, hint=hint)
    elif kind == "missing":
        message = _("this field is required")
    elif "ctx" in err and "expected" in err["ctx"]:
        expected = str(err["ctx"]["expected"])
    elif "ctx" in err and "pattern" in err["ctx"]:
        expected = _("text matching {pattern}").format(pattern=err["ctx"]["pattern"])
    if message.startswith("Value error, "):
        message = message.removeprefix("Value error, ")
    return FieldProblem(
        field=format_loc(loc),
        message=message,
        file=filename,
        line=_line_of(tree, loc),
        expected=expected,
    )


def _check_conditions(parsed: ParsedFile, framework: Framework) -> None:
    problems: list[FieldProblem] = []
    for i, req in enumerate(framework.requirements):
        try:
            compile_condition(req.applies_if)
        except ConditionError as exc:
            loc = ("requirements", i, "applies_if")
            message = _("{id}: {message} at column {column}").format(
                id=req.id, message=exc.message, column=exc.position + 1
            )
            if exc.hint:
                message += f"; {exc.hint}"
            problems.append(
                FieldProblem(
                    field=format_loc(loc),
                    message=message,
                    file=parsed.filename,
                    line=parsed.line_of(loc),
                    expected=_("a condition over the facts in daicho.domain.FACT_NAMES"),
                )
            )
    if problems:
        raise InvalidRecordError(
            problems, summary=_("{filename}: invalid conditions").format(filename=parsed.filename)
        )
