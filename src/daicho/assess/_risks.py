"""The risk library, seeding risks from a system profile, and checks on a risk register."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from daicho.catalog import Catalog, Condition, compile_condition
from daicho.domain import (
    AISystem,
    Control,
    FieldProblem,
    LocalizedText,
    Risk,
    RiskCategory,
    system_facts,
)
from daicho.domain._errors import did_you_mean
from daicho.i18n import gettext as _

__all__ = ["RiskTemplate", "parse_risk_library", "risk_problems", "seed_risks"]


@dataclass(frozen=True)
class RiskTemplate:
    """A typical risk and the profile that makes it likely."""

    id: str
    when: Condition
    category: RiskCategory
    likelihood: int
    impact: int
    title: LocalizedText
    description: LocalizedText
    controls: tuple[str, ...]


def parse_risk_library(text: str) -> list[RiskTemplate]:
    """Parse ``risk_library.yaml``."""
    from daicho.codec._yaml import load

    return [
        RiskTemplate(
            id=raw["id"],
            when=compile_condition(raw["when"]),
            category=RiskCategory(raw["category"]),
            likelihood=int(raw["likelihood"]),
            impact=int(raw["impact"]),
            title=LocalizedText.model_validate(raw["title"]),
            description=LocalizedText.model_validate(raw["description"]),
            controls=tuple(raw["controls"]),
        )
        for raw in load(text)["risks"]
    ]


def seed_risks(
    system: AISystem, library: list[RiskTemplate], existing: set[str] | None = None
) -> list[Risk]:
    """Risks from the library that fit ``system``'s profile, skipping ids already registered."""
    facts = system_facts(system)
    have = existing or set()
    return [
        Risk(
            system=system.slug,
            id=t.id,
            title=t.title,
            description=t.description,
            category=t.category,
            lifecycle_stage=system.lifecycle_stage,
            likelihood=t.likelihood,
            impact=t.impact,
            controls=[Control(requirement=c) for c in t.controls],
            owner=system.owner,
            source=f"library:{t.id}",
        )
        for t in library
        if t.when(facts) and t.id not in have
    ]


def risk_problems(
    risk: Risk, catalog: Catalog, *, filename: str | None = None
) -> list[FieldProblem]:
    """Controls that link to requirements the catalog does not hold."""
    problems = []
    for i, control in enumerate(risk.controls):
        if control.requirement not in catalog:
            hint = did_you_mean(control.requirement, list(catalog.requirements))
            problems.append(
                FieldProblem(
                    f"controls[{i}].requirement",
                    _("no requirement {id!r} in the catalog{hint}").format(
                        id=control.requirement, hint=hint
                    ),
                    file=filename,
                    expected=_("a requirement id from `daicho catalog search`"),
                )
            )
    return problems


def review_overdue(risk: Risk, today: date) -> bool:
    """Whether an open risk's review date has passed."""
    return risk.status.value != "closed" and risk.review_by is not None and risk.review_by < today
