"""`daicho check`, the CI gate: findings per system, as text, JSON or JUnit XML."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from xml.sax.saxutils import escape, quoteattr

from daicho.domain import BilingualText, ItemStatus, Risk

from ._oversight import OversightFinding
from ._risks import review_overdue
from ._worksheet import WorksheetView

__all__ = ["CheckReport", "Finding", "FindingKind", "Severity", "check_system", "junit_xml"]


class FindingKind(StrEnum):
    """Why a system fails (or warns in) the gate."""

    MISSING_STATUS = "missing-status"
    MISSING_EXPLANATION = "missing-explanation"
    OVERDUE_PLAN = "overdue-plan"
    OVERDUE_RISK_REVIEW = "overdue-risk-review"
    OVERSIGHT_GAP = "oversight-gap"
    INVALID_RECORD = "invalid-record"
    NEEDS_REVIEW = "needs-review"


class Severity(StrEnum):
    """Errors fail the gate; warnings are reported only."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One reason a system is not ready."""

    system: str
    kind: FindingKind
    subject: str
    message: BilingualText
    severity: Severity = Severity.ERROR


@dataclass
class CheckReport:
    """The result of the gate over the selected systems."""

    systems: list[str]
    findings: list[Finding] = field(default_factory=list)
    today: date | None = None

    @property
    def errors(self) -> list[Finding]:
        """Findings that fail the gate."""
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def ok(self) -> bool:
        """Whether no finding fails the gate."""
        return not self.errors


def _t(ja: str, en: str) -> BilingualText:
    return BilingualText(ja=ja, en=en)


def check_system(
    view: WorksheetView,
    risks: list[Risk],
    oversight: OversightFinding,
    today: date,
) -> list[Finding]:
    """Every finding for one system."""
    system = view.system
    out: list[Finding] = []
    for row in view.rows:
        rid = row.requirement.id
        item = row.item
        if item is None or item.status is None:
            out.append(
                Finding(
                    system,
                    FindingKind.MISSING_STATUS,
                    rid,
                    _t(
                        f"{rid}（{row.requirement.title.ja}）の対応状況が未記入",
                        f"{rid} ({row.requirement.title.en}) has no status",
                    ),
                )
            )
            continue
        if item.status is ItemStatus.EXPLAINED and not item.explanation:
            out.append(
                Finding(
                    system,
                    FindingKind.MISSING_EXPLANATION,
                    rid,
                    _t(
                        f"{rid} は「説明」だが説明がない",
                        f"{rid} is 'explained' without an explanation",
                    ),
                )
            )
        if item.status is ItemStatus.PLANNED and item.due is not None and item.due < today:
            out.append(
                Finding(
                    system,
                    FindingKind.OVERDUE_PLAN,
                    rid,
                    _t(
                        f"{rid} の計画期限 {item.due.isoformat()} を過ぎている",
                        f"{rid} was planned for {item.due.isoformat()}, which has passed",
                    ),
                )
            )
        if item.needs_review:
            out.append(
                Finding(
                    system,
                    FindingKind.NEEDS_REVIEW,
                    rid,
                    _t(
                        f"{rid} はカタログ改訂により要確認（{item.review_reason or ''}）",
                        f"{rid} needs review after a catalog change ({item.review_reason or ''})",
                    ),
                    Severity.WARNING,
                )
            )
    for risk in risks:
        if review_overdue(risk, today):
            assert risk.review_by is not None
            out.append(
                Finding(
                    system,
                    FindingKind.OVERDUE_RISK_REVIEW,
                    risk.id,
                    _t(
                        f"リスク {risk.id} の見直し期限 {risk.review_by.isoformat()} を過ぎている",
                        f"risk {risk.id} was due for review on {risk.review_by.isoformat()}",
                    ),
                )
            )
    if oversight.gap:
        why = "; ".join(r.en for r in oversight.reasons)
        why_ja = "、".join(r.ja for r in oversight.reasons)
        out.append(
            Finding(
                system,
                FindingKind.OVERSIGHT_GAP,
                "human_oversight",
                _t(
                    f"人間の関与が必要（{why_ja}）だが human_oversight が none",
                    f"human involvement is expected ({why}) but human_oversight is none",
                ),
            )
        )
    return out


def junit_xml(report: CheckReport, lang: str = "en") -> str:
    """The report as JUnit XML: one test suite per system, one test case per rule."""
    rules = [k for k in FindingKind if k is not FindingKind.NEEDS_REVIEW]
    lines = ['<?xml version="1.0" encoding="UTF-8"?>']
    total = len(report.systems) * len(rules)
    lines.append(
        f'<testsuites name="daicho check" tests="{total}" failures="{len(report.errors)}">'
    )
    for system in report.systems:
        mine = [f for f in report.findings if f.system == system]
        failing = {f.kind for f in mine if f.severity is Severity.ERROR}
        lines.append(
            f'  <testsuite name={quoteattr(system)} tests="{len(rules)}" failures="{len(failing)}">'
        )
        for rule in rules:
            found = [f for f in mine if f.kind is rule]
            lines.append(
                f"    <testcase classname={quoteattr(system)} name={quoteattr(rule.value)}>"
            )
            if found:
                text = "\n".join(f"{f.subject}: {f.message.get(lang)}" for f in found)
                lines.append(
                    f"      <failure message={quoteattr(f'{len(found)} finding(s)')}>"
                    f"{escape(text)}</failure>"
                )
            lines.append("    </testcase>")
        warnings = [f for f in mine if f.severity is Severity.WARNING]
        if warnings:
            text = "\n".join(f"{f.subject}: {f.message.get(lang)}" for f in warnings)
            lines.append(f"    <system-out>{escape(text)}</system-out>")
        lines.append("  </testsuite>")
    lines.append("</testsuites>")
    return "\n".join(lines) + "\n"
