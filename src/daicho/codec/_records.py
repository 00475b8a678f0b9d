"""Ledger records as YAML files: one record per file, with a ``kind`` saying what it is."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from daicho.domain import (
    AISystem,
    FieldProblem,
    InvalidRecordError,
    Organisation,
    Risk,
    Vendor,
    Worksheet,
)
from daicho.domain._errors import did_you_mean
from daicho.i18n import gettext as _

from . import _yaml
from ._problems import problems_from_validation

__all__ = [
    "MAX_RECORD_BYTES",
    "RECORD_KINDS",
    "LoadedRecord",
    "RecordKind",
    "dump_record",
    "load_record",
    "record_json_schema",
]

#: A record file is hand-written configuration; anything larger is a mistake, not a record.
MAX_RECORD_BYTES = 1_000_000


@dataclass(frozen=True)
class RecordKind:
    """How one kind of record is named, keyed and laid out on disk."""

    name: str
    model: type[BaseModel]
    key: Callable[[Any], str]
    path: Callable[[str], str]
    #: Fields written even when they hold their default, because reviewers look for them.
    always_shown: tuple[str, ...] = ()


RECORD_KINDS: dict[str, RecordKind] = {
    "system": RecordKind(
        name="system",
        model=AISystem,
        key=lambda record: record.slug,
        path=lambda key: f"systems/{key}.yaml",
        always_shown=(
            "lifecycle_stage",
            "sector",
            "deployment_context",
            "significant_decisions",
            "human_oversight",
            "generative",
        ),
    ),
    "organisation": RecordKind(
        name="organisation",
        model=Organisation,
        key=lambda record: "organisation",
        path=lambda key: "organisation.yaml",
    ),
    "worksheet": RecordKind(
        name="worksheet",
        model=Worksheet,
        key=lambda record: record.system,
        path=lambda key: f"worksheets/{key}.yaml",
    ),
    "risk": RecordKind(
        name="risk",
        model=Risk,
        key=lambda record: record.key,
        path=lambda key: f"risks/{key}.yaml",
        always_shown=("treatment", "status"),
    ),
    "vendor": RecordKind(
        name="vendor",
        model=Vendor,
        key=lambda record: record.slug,
        path=lambda key: f"vendors/{key}.yaml",
    ),
}


@dataclass(frozen=True)
class LoadedRecord:
    """A validated record and where it came from."""

    kind: str
    record: Any
    filename: str

    @property
    def key(self) -> str:
        """The record's key within its kind (a slug)."""
        return RECORD_KINDS[self.kind].key(self.record)


def _fail(filename: str, message: str, line: int | None = None, **kw: Any) -> InvalidRecordError:
    problem = FieldProblem(
        field=kw.pop("field", ""), message=message, file=filename, line=line, **kw
    )
    return InvalidRecordError(
        problems=[problem], summary=_("{filename}: cannot be read").format(filename=filename)
    )


def load_record(data: bytes, filename: str, *, max_bytes: int = MAX_RECORD_BYTES) -> LoadedRecord:
    """Decode, parse and validate one record file.

    Raises
    ------
    InvalidRecordError
        With every problem found, each naming the file, line, field and what would be right.
    """
    if len(data) > max_bytes:
        raise _fail(
            filename,
            _("the file is {size:.1f} MB; a record file may be at most {limit:.0f} MB").format(
                size=len(data) / 1e6, limit=max_bytes / 1e6
            ),
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise _fail(
            filename,
            _("not UTF-8 text (byte 0x{byte:02x})").format(byte=data[exc.start]),
            line,
            column=column,
            expected=_("a file saved as UTF-8"),
        ) from None
    try:
        raw = _yaml.load(text)
    except _yaml.YamlSyntaxError as exc:
        raise _fail(
            filename,
            _("malformed YAML: {error}").format(error=exc),
            exc.line,
            column=exc.column,
        ) from None
    if not isinstance(raw, dict):
        raise _fail(
            filename,
            _("the file must hold a mapping of fields"),
            expected=_("key: value lines"),
        )
    kind_name = raw.pop("kind", "system")
    kind = RECORD_KINDS.get(str(kind_name))
    if kind is None:
        hint = did_you_mean(str(kind_name), list(RECORD_KINDS))
        raise _fail(
            filename,
            _("unknown kind {kind!r}{hint}").format(kind=kind_name, hint=hint),
            _line_of_key(text, "kind"),
            field="kind",
            expected=_("one of: {choices}").format(choices=", ".join(RECORD_KINDS)),
        )
    try:
        record = kind.model.model_validate(raw)
    except ValidationError as exc:
        problems = problems_from_validation(
            exc, kind.model, filename=filename, root=_yaml.compose(text)
        )
        summary = (
            _("{filename}: {count} problem in this {kind}")
            if len(problems) == 1
            else _("{filename}: {count} problems in this {kind}")
        ).format(filename=filename, count=len(problems), kind=kind.name)
        raise InvalidRecordError(problems=problems, summary=summary) from None
    return LoadedRecord(kind.name, record, filename)


def _line_of_key(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return number
    return None


def dump_record(kind: str, record: BaseModel) -> str:
    """Write ``record`` as YAML in a stable layout: export → import → export is byte-identical."""
    spec = RECORD_KINDS[kind]
    body = record.model_dump(mode="json", exclude_defaults=True)
    full = record.model_dump(mode="json")
    ordered: dict[str, Any] = {"kind": kind}
    for name in spec.model.model_fields:
        if name in body:
            ordered[name] = body[name]
        elif name in spec.always_shown:
            ordered[name] = full[name]
    return _yaml.dump(ordered)


def record_json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of a record file of ``kind``, including its ``kind`` key."""
    spec = RECORD_KINDS[kind]
    schema = spec.model.model_json_schema()
    schema["properties"] = {
        "kind": {"const": kind, "description": "What this file holds", "default": "system"},
        **schema["properties"],
    }
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"daicho {kind}"
    return schema
