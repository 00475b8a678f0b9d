"""Gap reports: where each system stands, and the portfolio at a glance."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from daicho.domain import AISystem, ItemStatus, Risk, RiskLevel

from ._eu import EUClassification
from ._oversight import OversightFinding
from ._risks import review_overdue
from ._worksheet import WorksheetView

__all__ = ["SystemGaps", "system_gaps"]

_SERIOUS = {RiskLevel.HIGH, RiskLevel.CRITICAL}


@dataclass
class SystemGaps:
    """One system's open work."""

    system: str
    name: dict[str, str]
    lifecycle_stage: str
    eu_tier: str
    eu_open_questions: list[str]
    rows: int
    answered: int
    completeness: float
    open_items: list[str] = field(default_factory=list)
    partial: list[str] = field(default_factory=list)
    planned: list[tuple[str, date | None]] = field(default_factory=list)
    overdue: list[str] = field(default_factory=list)
    needs_review: list[str] = field(default_factory=list)
    oversight_gap: bool = False
    open_risks: int = 0
    serious_risks: list[str] = field(default_factory=list)
    risk_reviews_overdue: list[str] = field(default_factory=list)
    by_principle: list[dict[str, object]] = field(default_factory=list)


def system_gaps(
    system: AISystem,
    view: WorksheetView,
    risks: list[Risk],
    eu: EUClassification,
    oversight: OversightFinding,
    today: date,
) -> SystemGaps:
    """Summarise ``system``'s gaps."""
    gaps = SystemGaps(
        system=system.slug,
        name={"ja": system.name.ja, "en": system.name.en},
        lifecycle_stage=system.lifecycle_stage.value,
        eu_tier=eu.tier.value,
        eu_open_questions=[q.id.value for q in eu.open_questions],
        rows=len(view.rows),
        answered=view.answered,
        completeness=round(view.completeness, 4),
        oversight_gap=oversight.gap,
    )
    for row in view.rows:
        rid = row.requirement.id
        item = row.item
        if item is None or item.status is None:
            gaps.open_items.append(rid)
            continue
        if item.status is ItemStatus.PARTIALLY_IMPLEMENTED:
            gaps.partial.append(rid)
        if item.status is ItemStatus.PLANNED:
            gaps.planned.append((rid, item.due))
            if item.due is not None and item.due < today:
                gaps.overdue.append(rid)
        if item.needs_review:
            gaps.needs_review.append(rid)
    for risk in risks:
        if risk.status.value == "closed":
            continue
        gaps.open_risks += 1
        level = risk.residual_level or risk.inherent_level
        if level in _SERIOUS:
            gaps.serious_risks.append(risk.id)
        if review_overdue(risk, today):
            gaps.risk_reviews_overdue.append(risk.id)
    gaps.by_principle = [
        {
            "principle": r.principle.id,
            "title": {"ja": r.principle.title.ja, "en": r.principle.title.en},
            "answered": r.answered,
            "total": r.total,
        }
        for r in view.rollup
    ]
    return gaps
