"""Which requirements a system must answer, and how far its worksheet has got.

A worksheet row is an applicable requirement none of whose children apply: principles are
answered through their sub-items and reported as a roll-up. Informative entries (definitions,
structure, the status of a bill) apply but ask nothing, so they are not rows. Frameworks that the catalog holds
only as crosswalk targets (titles only) and the contract checklist (answered per vendor) are
not worksheet rows.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from daicho.catalog import ApplicabilityResult, Catalog
from daicho.domain import (
    AISystem,
    FieldProblem,
    ItemStatus,
    Worksheet,
    WorksheetItem,
    system_facts,
)
from daicho.domain._catalog import Force, Requirement
from daicho.domain._errors import did_you_mean
from daicho.i18n import current_language
from daicho.i18n import gettext as _

__all__ = [
    "NOT_IN_WORKSHEETS",
    "PrincipleRollup",
    "Row",
    "SystemApplicability",
    "WorksheetView",
    "applicability",
    "requirement_digest",
    "worksheet_problems",
    "worksheet_view",
]

#: Frameworks that are never worksheet rows: ISO/IEC 42001 and NIST AI RMF are held as ids and
#: titles for crosswalks; the METI contract checklist is answered per vendor relationship.
NOT_IN_WORKSHEETS = frozenset({"iso-42001", "nist-ai-rmf", "meti-ai-contracts"})


def requirement_digest(requirement: Requirement) -> str:
    """A digest of what a requirement asks; it changes when the catalog changes the requirement."""
    body = requirement.model_dump(mode="json", exclude={"keywords"})
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class SystemApplicability:
    """Every requirement, split into those that apply (worksheet rows) and those that do not."""

    system: str
    applies: list[ApplicabilityResult]
    rows: list[ApplicabilityResult]
    not_applicable: list[ApplicabilityResult]


def applicability(
    system: AISystem,
    catalog: Catalog,
    *,
    frameworks: Iterable[str] | None = None,
    on: date | None = None,
    timeline: str | None = None,
) -> SystemApplicability:
    """Evaluate the catalog for ``system``: what applies and why, what does not and why."""
    wanted = (
        set(frameworks)
        if frameworks is not None
        else {f for f in catalog.frameworks if f not in NOT_IN_WORKSHEETS}
    )
    results = catalog.applicability(
        system_facts(system), frameworks=wanted, on=on, timeline=timeline
    )
    applying = {r.requirement_id for r in results if r.applies}
    rows = [
        r
        for r in results
        if r.applies
        and catalog.get(r.requirement_id).force is not Force.INFORMATIVE
        and not any(c.id in applying for c in catalog.children(r.requirement_id))
    ]
    return SystemApplicability(
        system=system.slug,
        applies=[r for r in results if r.applies],
        rows=rows,
        not_applicable=[r for r in results if not r.applies],
    )


@dataclass(frozen=True)
class Row:
    """One worksheet row: the requirement, why it applies, and the organisation's answer."""

    requirement: Requirement
    why: ApplicabilityResult
    item: WorksheetItem | None
    principle: Requirement

    @property
    def status(self) -> ItemStatus | None:
        """The answer's status, or ``None`` while open."""
        return self.item.status if self.item else None


@dataclass(frozen=True)
class PrincipleRollup:
    """Completeness of the rows under one principle (or top-level requirement)."""

    principle: Requirement
    answered: int
    total: int
    by_status: dict[str, int] = field(default_factory=dict)

    @property
    def completeness(self) -> float:
        """Answered share, 0–1 (1 when there is nothing to answer)."""
        return self.answered / self.total if self.total else 1.0


@dataclass(frozen=True)
class WorksheetView:
    """A system's worksheet laid over what applies to it."""

    system: str
    rows: list[Row]
    rollup: list[PrincipleRollup]

    @property
    def answered(self) -> int:
        """Rows with a status."""
        return sum(1 for r in self.rows if r.status is not None)

    @property
    def completeness(self) -> float:
        """Answered share of all rows, 0–1."""
        return self.answered / len(self.rows) if self.rows else 1.0

    @property
    def open_rows(self) -> list[Row]:
        """Rows without a status, in catalog order."""
        return [r for r in self.rows if r.status is None]


def _principle(catalog: Catalog, requirement_id: str) -> Requirement:
    ancestors = catalog.ancestors(requirement_id)
    # The top ancestor under a framework's root, or the requirement itself when it has none.
    return ancestors[-1] if ancestors else catalog.get(requirement_id)


def worksheet_view(
    applies: SystemApplicability, worksheet: Worksheet | None, catalog: Catalog
) -> WorksheetView:
    """Join what applies with the worksheet's answers, and roll completeness up by principle."""
    rows = []
    for result in applies.rows:
        rid = result.requirement_id
        rows.append(
            Row(
                requirement=catalog.get(rid),
                why=result,
                item=worksheet.item(rid) if worksheet else None,
                principle=_principle(catalog, rid),
            )
        )
    groups: dict[str, list[Row]] = {}
    for row in rows:
        groups.setdefault(row.principle.id, []).append(row)
    rollup = []
    for members in groups.values():
        counts: dict[str, int] = {}
        for row in members:
            key = row.status.value if row.status else "open"
            counts[key] = counts.get(key, 0) + 1
        rollup.append(
            PrincipleRollup(
                principle=members[0].principle,
                answered=sum(1 for r in members if r.status is not None),
                total=len(members),
                by_status=counts,
            )
        )
    return WorksheetView(applies.system, rows, rollup)


def worksheet_problems(
    worksheet: Worksheet,
    applies: SystemApplicability,
    catalog: Catalog,
    *,
    filename: str | None = None,
) -> list[FieldProblem]:
    """Items that answer unknown requirements, or requirements that do not apply to the system."""
    answerable = {r.requirement_id for r in applies.rows}
    reasons = {r.requirement_id: r for r in applies.not_applicable}
    problems = []
    for i, item in enumerate(worksheet.items):
        rid = item.requirement
        where = f"items[{i}].requirement"
        if rid not in catalog:
            hint = did_you_mean(rid, list(catalog.requirements))
            problems.append(
                FieldProblem(
                    where,
                    _("no requirement {id!r} in the catalog{hint}").format(id=rid, hint=hint),
                    file=filename,
                )
            )
        elif rid in reasons:
            problems.append(
                FieldProblem(
                    where,
                    _("{id} does not apply to {system}: {reason}").format(
                        id=rid,
                        system=worksheet.system,
                        reason=reasons[rid].reason(current_language()),
                    ),
                    file=filename,
                    expected=_("only requirements listed by `daicho assess applicability`"),
                )
            )
        elif rid not in answerable:
            problems.append(
                FieldProblem(
                    where,
                    _("{id} is answered through its sub-items, not on its own").format(id=rid),
                    file=filename,
                    expected=_("one of its sub-items"),
                )
            )
    return problems
