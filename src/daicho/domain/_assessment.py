"""The comply-or-explain worksheet: for each applicable requirement, what the organisation does."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field, field_validator, model_validator

from daicho.i18n import gettext as _

from ._base import Record, Slug, raise_rule_errors

__all__ = ["EvidenceLink", "ItemStatus", "RequirementRef", "Worksheet", "WorksheetItem"]

RequirementRef = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9-]*/[A-Za-z0-9][A-Za-z0-9._-]*$",
        description="A catalog requirement id, e.g. meti-aigl/C-3-ii",
    ),
]


class ItemStatus(StrEnum):
    """How the organisation stands on one requirement."""

    IMPLEMENTED = "implemented"
    PARTIALLY_IMPLEMENTED = "partially_implemented"
    PLANNED = "planned"
    EXPLAINED = "explained"  # a deliberate alternative; the explanation is mandatory
    NOT_APPLICABLE = "not_applicable"  # the reason is mandatory


class EvidenceLink(Record):
    """A pointer to evidence: a document, a ticket, or a stored evidence file by hash."""

    title: str = Field(min_length=1)
    url: str | None = None
    sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")

    @model_validator(mode="after")
    def _somewhere(self) -> EvidenceLink:
        if not self.url and not self.sha256:
            raise ValueError(_("evidence needs a url or the sha256 of a stored evidence file"))
        return self


class WorksheetItem(Record):
    """The answer to one requirement."""

    requirement: RequirementRef
    status: ItemStatus | None = Field(default=None, description="Empty while the item is open")
    due: date | None = Field(default=None, description="When a planned item will be done")
    explanation: str | None = Field(
        default=None,
        description="Why: mandatory for explained (the alternative) and not_applicable (the reason)",
    )
    owner: str | None = None
    notes: str | None = None
    evidence: list[EvidenceLink] = Field(default_factory=list)
    last_reviewed: date | None = None
    needs_review: bool = Field(
        default=False, description="Set when the requirement changed in the catalog"
    )
    review_reason: str | None = None
    requirement_digest: str | None = Field(
        default=None, description="Digest of the requirement as it was when last answered"
    )

    @model_validator(mode="after")
    def _status_rules(self) -> WorksheetItem:
        problems: list[tuple[tuple[str | int, ...], str, Any]] = []
        status = self.status
        if status is ItemStatus.EXPLAINED and not self.explanation:
            problems.append(
                (
                    ("explanation",),
                    _("an 'explained' item must explain the alternative the organisation takes"),
                    self.explanation,
                )
            )
        if status is ItemStatus.NOT_APPLICABLE and not self.explanation:
            problems.append(
                (("explanation",), _("a 'not_applicable' item must give its reason"), None)
            )
        if status is ItemStatus.PLANNED and self.due is None:
            problems.append((("due",), _("a 'planned' item needs a due date"), None))
        raise_rule_errors("WorksheetItem", problems)
        return self

    @property
    def is_open(self) -> bool:
        """Whether the item still has no status."""
        return self.status is None


class Worksheet(Record):
    """One system's comply-or-explain worksheet."""

    system: Slug
    catalog_version: str | None = Field(
        default=None, description="Catalog version the worksheet was last checked against"
    )
    items: list[WorksheetItem] = Field(default_factory=list)

    @field_validator("items")
    @classmethod
    def _unique(cls, items: list[WorksheetItem]) -> list[WorksheetItem]:
        seen: set[str] = set()
        for item in items:
            if item.requirement in seen:
                raise ValueError(
                    _("requirement {requirement} is answered twice").format(
                        requirement=item.requirement
                    )
                )
            seen.add(item.requirement)
        return items

    def item(self, requirement_id: str) -> WorksheetItem | None:
        """The item for ``requirement_id``, if answered."""
        return next((i for i in self.items if i.requirement == requirement_id), None)
