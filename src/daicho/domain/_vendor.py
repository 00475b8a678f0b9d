"""Vendors of AI services and models, with the METI contract checklist of each relationship."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import Field, model_validator

from daicho.i18n import gettext as _

from ._base import LocalizedText, Record, Slug, raise_rule_errors
from ._catalog import REQUIREMENT_ID_PATTERN

__all__ = [
    "CONTRACT_FRAMEWORK",
    "ChecklistStatus",
    "ContractType",
    "Vendor",
    "VendorChecklistItem",
]

#: The catalog framework whose requirements are the contract-checklist topics.
CONTRACT_FRAMEWORK = "meti-ai-contracts"


class ContractType(StrEnum):
    """The two kinds of contract METI's 2025 checklist distinguishes."""

    USE = "use"  # using a general-purpose AI service
    DEVELOPMENT = "development"  # having an AI system developed


class ChecklistStatus(StrEnum):
    """How the contract stands on one checklist topic."""

    COVERED = "covered"
    NOT_COVERED = "not_covered"
    NOT_NEEDED = "not_needed"  # a note saying why is mandatory


class VendorChecklistItem(Record):
    """The contract's answer to one checklist topic."""

    topic: str = Field(
        pattern=REQUIREMENT_ID_PATTERN,
        description="A meti-ai-contracts requirement id, e.g. meti-ai-contracts/use/input-use",
    )
    status: ChecklistStatus
    notes: str | None = Field(
        default=None, description="Where the contract says it, or why the topic is not needed"
    )

    @model_validator(mode="after")
    def _reason_for_not_needed(self) -> VendorChecklistItem:
        if self.status is ChecklistStatus.NOT_NEEDED and not self.notes:
            raise_rule_errors(
                "VendorChecklistItem",
                [(("notes",), _("a 'not_needed' topic must say why in notes"), None)],
            )
        return self


class Vendor(Record):
    """A vendor relationship: who supplies what, under which contract, for which systems."""

    slug: Slug
    name: LocalizedText
    contact: str | None = Field(default=None, description="Person, desk or e-mail at the vendor")
    services: list[str] = Field(default_factory=list, description="What the vendor supplies")
    contract_type: ContractType
    contract_reference: str | None = Field(
        default=None, description="Contract number, title or where the signed copy is kept"
    )
    systems: list[Slug] = Field(
        default_factory=list, description="Slugs of the systems that rely on this vendor"
    )
    checklist: list[VendorChecklistItem] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistency(self) -> Vendor:
        problems: list[tuple[tuple[str | int, ...], str, Any]] = []
        prefix = f"{CONTRACT_FRAMEWORK}/{self.contract_type.value}/"
        seen: set[str] = set()
        for i, item in enumerate(self.checklist):
            if not item.topic.startswith(prefix):
                problems.append(
                    (
                        ("checklist", i, "topic"),
                        _(
                            "{topic} is not a topic of the {contract_type}-type "
                            "contract checklist (topics start with {prefix})"
                        ).format(
                            topic=item.topic, contract_type=self.contract_type.value, prefix=prefix
                        ),
                        item.topic,
                    )
                )
            if item.topic in seen:
                problems.append(
                    (
                        ("checklist", i, "topic"),
                        _("topic {topic} is answered twice").format(topic=item.topic),
                        item.topic,
                    )
                )
            seen.add(item.topic)
        if len(set(self.systems)) != len(self.systems):
            problems.append((("systems",), _("each system may be listed once"), self.systems))
        raise_rule_errors("Vendor", problems)
        return self

    def item(self, topic: str) -> VendorChecklistItem | None:
        """The answer for ``topic``, if recorded."""
        return next((i for i in self.checklist if i.topic == topic), None)
