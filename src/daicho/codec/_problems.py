"""Turn Pydantic validation errors into problems a person can fix: field, line, expected value."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from daicho.domain import FieldProblem

from ._locate import locate

__all__ = ["dotted", "problems_from_validation"]


def dotted(loc: tuple[str | int, ...]) -> str:
    """Render a field path as ``datasets[0].legal_basis``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def problems_from_validation(
    exc: ValidationError,
    model: type[BaseModel],
    *,
    filename: str | None,
    root: yaml.Node | None,
    loc_prefix: tuple[str | int, ...] = (),
) -> list[FieldProblem]:
    """One :class:`FieldProblem` per error in ``exc``, located in the YAML node tree ``root``."""
    problems = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        position = locate(root, loc_prefix + loc)
        message, expected = _explain(err, model, loc)
        problems.append(
            FieldProblem(
                field=dotted(loc),
                message=message,
                file=filename,
                line=position[0] if position else None,
                column=position[1] if position else None,
                expected=expected,
            )
        )
    return problems


def _explain(
    err: Any, model: type[BaseModel], loc: tuple[str | int, ...]
) -> tuple[str, str | None]:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "extra_forbidden":
        owner = _model_at(model, loc[:-1])
        name = str(loc[-1])
        known = sorted(owner.model_fields) if owner else []
        guess = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        hint = f"; did you mean {guess[0]!r}?" if guess else ""
        expected = "one of: " + ", ".join(known) if known and not guess else None
        return f"unknown field {name!r}{hint}", expected
    if kind == "missing":
        return "this field is required", None
    if kind in {"enum", "literal_error"}:
        return f"{err['input']!r} is not an allowed value", str(ctx.get("expected"))
    if kind in {"bool_type", "bool_parsing"}:
        return f"{err['input']!r} is not a boolean", "true or false"
    if kind == "string_pattern_mismatch" and loc and loc[-1] in {"slug", "vendor", "system"}:
        return (
            f"{err['input']!r} is not a valid slug",
            "lower-case letters, digits and hyphens, e.g. credit-scoring",
        )
    if kind == "uuid_parsing":
        return f"{err['input']!r} is not a UUID", "a UUID such as 8c0e…; or leave it out"
    message = str(err["msg"])
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    return message, None


def _model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = _find_model(field.annotation)
    return current


def _find_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is None and not isinstance(annotation, types.UnionType):
        return None
    for arg in typing.get_args(annotation):
        found = _find_model(arg)
        if found is not None:
            return found
    return None
