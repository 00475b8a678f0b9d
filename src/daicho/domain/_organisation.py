"""The organisation profile that documents (policy, notices) draw on."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from ._base import BilingualText, Record
from ._enums import Sector

__all__ = ["ContactPoint", "Organisation", "OrganisationSize"]


class OrganisationSize(StrEnum):
    """Size band, after the SME Basic Act's thresholds in spirit: small, medium or large."""

    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


class ContactPoint(Record):
    """Where people send questions, complaints and requests about the organisation's AI."""

    name: BilingualText = Field(description="e.g. AI相談窓口 / AI Inquiry Desk")
    email: str | None = None
    phone: str | None = None
    url: str | None = None


class Organisation(Record):
    """The organisation that keeps this ledger."""

    name: BilingualText
    industry: Sector = Sector.OTHER
    size: OrganisationSize = OrganisationSize.LARGE
    ai_executive: str = Field(
        min_length=1, description="The executive accountable for AI across the organisation"
    )
    contact: ContactPoint
