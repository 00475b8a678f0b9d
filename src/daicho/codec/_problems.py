"""Turn Pydantic validation errors into problems a person can fix: field, line, expected value."""

from __future__ import annotations

import types
import typing
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from daicho.domain import FieldProblem
from daicho.domain._errors import did_you_mean
from daicho.i18n import gettext as _

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
        hint = did_you_mean(name, known)
        expected = (
            _("one of: {choices}").format(choices=", ".join(known)) if known and not hint else None
        )
        return _("unknown field {name!r}{hint}").format(name=name, hint=hint), expected
    if kind == "missing":
        return _("this field is required"), None
    if kind in {"enum", "literal_error"}:
        return (
            _("{value!r} is not an allowed value").format(value=err["input"]),
            str(ctx.get("expected")),
        )
    if kind in {"bool_type", "bool_parsing"}:
        return _("{value!r} is not a boolean").format(value=err["input"]), _("true or false")
    if kind == "string_pattern_mismatch" and loc and loc[-1] in {"slug", "vendor", "system"}:
        return (
            _("{value!r} is not a valid slug").format(value=err["input"]),
            _("lower-case letters, digits and hyphens, e.g. credit-scoring"),
        )
    if kind == "uuid_parsing":
        return (
            _("{value!r} is not a UUID").format(value=err["input"]),
            _("a UUID such as 8c0e…; or leave it out"),
        )
    generic = generic_message(kind, ctx)
    if generic is not None:
        return generic, None
    message = str(err["msg"])
    if message.startswith("Value error, "):
        # Our own validators raise messages already translated.
        message = message[len("Value error, ") :]
    return message, None


def generic_message(kind: str, ctx: dict[str, Any]) -> str | None:
    """Pydantic's own message for ``kind``, in the current language (English as Pydantic says it).

    ``consistency`` errors are our rules (domain ``raise_rule_errors``), translated when raised.
    """
    if kind == "int_parsing":
        return _("Input should be a valid integer, unable to parse string as an integer")
    if kind == "int_from_float":
        return _("Input should be a valid integer, got a number with a fractional part")
    if kind == "int_type":
        return _("Input should be a valid integer")
    if kind == "float_parsing":
        return _("Input should be a valid number, unable to parse string as a number")
    if kind == "float_type":
        return _("Input should be a valid number")
    if kind == "less_than_equal":
        return _("Input should be less than or equal to {limit}").format(limit=ctx.get("le"))
    if kind == "greater_than_equal":
        return _("Input should be greater than or equal to {limit}").format(limit=ctx.get("ge"))
    if kind == "less_than":
        return _("Input should be less than {limit}").format(limit=ctx.get("lt"))
    if kind == "greater_than":
        return _("Input should be greater than {limit}").format(limit=ctx.get("gt"))
    if kind == "too_short":
        return _(
            "{field_type} should have at least {min_length} item(s) after validation, "
            "not {actual_length}"
        ).format(
            field_type=ctx.get("field_type", "List"),
            min_length=ctx.get("min_length"),
            actual_length=ctx.get("actual_length"),
        )
    if kind == "string_too_short":
        return _("String should have at least {min_length} character(s)").format(
            min_length=ctx.get("min_length")
        )
    if kind == "string_too_long":
        return _("String should have at most {max_length} character(s)").format(
            max_length=ctx.get("max_length")
        )
    if kind == "string_pattern_mismatch":
        return _("String should match pattern '{pattern}'").format(pattern=ctx.get("pattern"))
    if kind == "string_type":
        return _("Input should be a valid string")
    if kind == "list_type":
        return _("Input should be a valid list")
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return _("Input should be a mapping of fields (key: value lines)")
    if kind in {"date_from_datetime_parsing", "date_parsing"}:
        return _("Input should be a valid date (YYYY-MM-DD), {error}").format(
            error=ctx.get("error", "")
        )
    if kind == "date_from_datetime_inexact":
        return _("Input should be a date without a time (YYYY-MM-DD)")
    if kind == "date_type":
        return _("Input should be a valid date (YYYY-MM-DD)")
    if kind == "url_parsing":
        return _("Input should be a valid URL, {error}").format(error=ctx.get("error", ""))
    return None


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
