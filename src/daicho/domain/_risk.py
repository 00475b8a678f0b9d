"""Risks of an AI system, scored on 5×5 likelihood and impact scales."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field, model_validator

from daicho.i18n import gettext as _

from ._assessment import RequirementRef
from ._base import LocalizedText, Record, Slug, raise_rule_errors
from ._enums import LifecycleStage

__all__ = [
    "Control",
    "Risk",
    "RiskCategory",
    "RiskLevel",
    "RiskStatus",
    "RiskTreatment",
    "Score",
    "risk_level",
]

Score = Annotated[int, Field(ge=1, le=5, description="1 (lowest) to 5 (highest)")]


class RiskCategory(StrEnum):
    """What kind of harm the risk is about."""

    FAIRNESS = "fairness"
    SAFETY = "safety"
    SECURITY = "security"
    PRIVACY = "privacy"
    INTELLECTUAL_PROPERTY = "intellectual_property"
    TRANSPARENCY = "transparency"
    MISINFORMATION = "misinformation"
    HUMAN_RIGHTS = "human_rights"
    THIRD_PARTY = "third_party"
    RELIABILITY = "reliability"
    ACCOUNTABILITY = "accountability"
    OTHER = "other"


class RiskTreatment(StrEnum):
    """What the organisation does about the risk."""

    MITIGATE = "mitigate"
    AVOID = "avoid"
    TRANSFER = "transfer"
    ACCEPT = "accept"


class RiskStatus(StrEnum):
    """Where the risk is in its life."""

    OPEN = "open"
    TREATING = "treating"
    MONITORING = "monitoring"
    CLOSED = "closed"


class RiskLevel(StrEnum):
    """Band of a likelihood × impact score."""

    LOW = "low"  # 1–4
    MEDIUM = "medium"  # 5–9
    HIGH = "high"  # 10–16
    CRITICAL = "critical"  # 20–25


def risk_level(likelihood: int, impact: int) -> RiskLevel:
    """Band a 5×5 score: 1–4 low, 5–9 medium, 10–16 high, 20–25 critical."""
    score = likelihood * impact
    if score >= 20:
        return RiskLevel.CRITICAL
    if score >= 10:
        return RiskLevel.HIGH
    if score >= 5:
        return RiskLevel.MEDIUM
    return RiskLevel.LOW


class Control(Record):
    """A control that treats the risk, linked to the requirement it implements."""

    requirement: RequirementRef
    description: str | None = None


class Risk(Record):
    """One risk in a system's risk register."""

    system: Slug
    id: Slug = Field(description="Unique within the system, e.g. privacy-leakage")
    title: LocalizedText
    description: LocalizedText | None = None
    category: RiskCategory
    lifecycle_stage: LifecycleStage
    likelihood: Score
    impact: Score
    treatment: RiskTreatment = RiskTreatment.MITIGATE
    controls: list[Control] = Field(default_factory=list)
    residual_likelihood: Score | None = None
    residual_impact: Score | None = None
    owner: str | None = None
    review_by: date | None = None
    status: RiskStatus = RiskStatus.OPEN
    source: str | None = Field(default=None, description="e.g. library:privacy-leakage")

    @model_validator(mode="after")
    def _residual_pair(self) -> Risk:
        problems: list[tuple[tuple[str | int, ...], str, Any]] = []
        if (self.residual_likelihood is None) != (self.residual_impact is None):
            problems.append(
                (("residual_impact",), _("give residual likelihood and impact together"), None)
            )
        raise_rule_errors("Risk", problems)
        return self

    @property
    def key(self) -> str:
        """Ledger key: ``<system>/<id>``."""
        return f"{self.system}/{self.id}"

    @property
    def inherent_score(self) -> int:
        """Likelihood × impact before treatment."""
        return self.likelihood * self.impact

    @property
    def inherent_level(self) -> RiskLevel:
        """Band of the inherent score."""
        return risk_level(self.likelihood, self.impact)

    @property
    def residual_level(self) -> RiskLevel | None:
        """Band after treatment, if assessed."""
        if self.residual_likelihood is None or self.residual_impact is None:
            return None
        return risk_level(self.residual_likelihood, self.residual_impact)
