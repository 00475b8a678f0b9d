"""Shared building blocks for ledger records: strict base model, bilingual text, rule errors."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from daicho.i18n import gettext as _

__all__ = [
    "SLUG_PATTERN",
    "BilingualText",
    "Link",
    "LocalizedText",
    "Record",
    "Slug",
    "raise_rule_errors",
]

SLUG_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$"
_SLUG_RE = re.compile(SLUG_PATTERN)

Slug = Annotated[
    str,
    Field(
        pattern=SLUG_PATTERN,
        description="Lower-case letters, digits and hyphens, e.g. `credit-scoring`.",
    ),
]


class Record(BaseModel):
    """Base for every ledger model: unknown fields are errors; assignments are validated."""

    model_config = ConfigDict(
        extra="forbid",
        validate_assignment=True,
        str_strip_whitespace=True,
        use_enum_values=False,
    )


class BilingualText(Record):
    """Text that must be given in both Japanese and English (names, titles)."""

    ja: str = Field(min_length=1, description="Japanese text")
    en: str = Field(min_length=1, description="English text")

    def get(self, lang: str) -> str:
        """Return the text in ``lang`` (``"ja"`` or ``"en"``)."""
        return self.ja if lang == "ja" else self.en


class LocalizedText(Record):
    """Text in Japanese, English or both; at least one must be given."""

    ja: str | None = Field(default=None, description="Japanese text")
    en: str | None = Field(default=None, description="English text")

    @model_validator(mode="after")
    def _one_language_at_least(self) -> LocalizedText:
        if not self.ja and not self.en:
            raise ValueError(_("give the text in Japanese (ja), English (en) or both"))
        return self

    def get(self, lang: str) -> str:
        """Return the text in ``lang``, falling back to the other language."""
        first, second = (self.ja, self.en) if lang == "ja" else (self.en, self.ja)
        return first or second or ""


class Link(Record):
    """A titled reference to a document, ticket or dashboard."""

    title: str = Field(min_length=1)
    url: str = Field(min_length=1, description="An absolute URL or a repository-relative path")


def raise_rule_errors(title: str, problems: list[tuple[tuple[str | int, ...], str, Any]]) -> None:
    """Raise one :class:`pydantic.ValidationError` holding every broken consistency rule.

    Each problem is ``(loc, message, input)``. Raising a ``ValidationError`` (not a bare
    ``ValueError``) keeps each problem's own field path, which the YAML codec turns into a line.
    """
    if not problems:
        return
    details = [
        InitErrorDetails(
            type=PydanticCustomError("consistency", message),
            loc=loc,
            input=value,
        )
        for loc, message, value in problems
    ]
    raise ValidationError.from_exception_data(title, details)


def is_slug(text: str) -> bool:
    """Whether ``text`` is a valid record slug."""
    return bool(_SLUG_RE.match(text))
