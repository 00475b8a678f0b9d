"""The assessment part of ``daicho demo``: applicability, EU AI Act, risks, worksheet, gate."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from daicho.i18n import gettext as _
from daicho.i18n import term

__all__ = ["run"]


def run(
    ledger: Any, home: Path, out: Console, lang: str, author: str, say: Callable[[str], None]
) -> None:
    """Walk through the assessment of the example systems."""
    from daicho.assess import junit_xml

    say(_("Which requirements apply, and why"))
    for system in ledger.systems():
        result = ledger.applicability(system.slug)
        out.print(
            _(
                "{slug}: {applies} requirements apply ({rows} worksheet rows), {not_applicable} do not."
            ).format(
                slug=system.slug,
                applies=len(result.applies),
                rows=len(result.rows),
                not_applicable=len(result.not_applicable),
            )
        )
    example = ledger.applicability("support-chatbot")
    for row in example.rows:
        if row.requirement_id in ("eu-ai-act/art-50-1", "meti-aigl/P-6-ii", "appi/art-28"):
            out.print(Text(f"  {row.requirement_id}: {row.reason(lang)}"))

    say(_("EU AI Act classification"))
    table = Table()
    for header in (_("system"), _("tier"), _("obligations"), _("open questions")):
        table.add_column(header)
    for system in ledger.systems():
        eu = ledger.classify_eu(system.slug)
        table.add_row(
            Text(system.slug),
            ", ".join(term(t) for t in eu.tiers)
            + (" " + _("(provisional)") if eu.provisional else ""),
            Text(
                "\n".join(f"{o.requirement_id} ({o.applies_from})" for o in eu.obligations) or "—"
            ),
            str(len(eu.open_questions)),
        )
    out.print(table)

    say(_("Seed the risk registers from the risk library"))
    for system in ledger.systems():
        seeded = ledger.seed_risks(system.slug, author=author)
        out.print(
            _("{slug}: {count} risks ({ids})").format(
                slug=system.slug, count=len(seeded), ids=", ".join(r.id for r in seeded)
            )
        )
    ledger.update_risk(
        "credit-screening",
        "bias-discrimination",
        {
            "residual_likelihood": 2,
            "residual_impact": 4,
            "review_by": "2026-06-30",
            "status": "treating",
        },
        author=author,
        reason="demo: fairness tests at each release; review was due mid-2026",
    )

    say(_("Comply-or-explain worksheet of credit-screening"))
    view = ledger.worksheet_view("credit-screening")
    out.print(
        _("Completeness: {answered}/{total} ({share:.0%}).").format(
            answered=view.answered, total=len(view.rows), share=view.completeness
        )
    )
    for roll in view.rollup:
        if roll.principle.id.startswith("meti-aigl/C-") and roll.total:
            out.print(
                Text(
                    f"  {roll.principle.id} {roll.principle.title.get(lang)}: {roll.answered}/{roll.total}"
                )
            )

    say(_("The CI gate: daicho check"))
    today = date(2026, 11, 25)
    report = ledger.check(today=today)
    counts: dict[str, int] = {}
    for f in report.errors:
        counts[f"{f.system} {f.kind.value}"] = counts.get(f"{f.system} {f.kind.value}", 0) + 1
    for key, count in sorted(counts.items()):
        out.print(Text(f"  {key}: {count}"))
    junit = home / "check-junit.xml"
    junit.write_text(junit_xml(report, lang), encoding="utf-8")
    out.print(
        _("Gate {verdict}; JUnit report for CI written to {path}.").format(
            verdict=_("PASSED") if report.ok else _("FAILED"), path=junit
        )
    )

    say(_("Gap report"))
    table = Table()
    for header in (_("system"), _("answered"), _("overdue"), _("oversight"), _("high risks")):
        table.add_column(header)
    for g in ledger.gaps(today=today):
        table.add_row(
            Text(g.system),
            f"{g.answered}/{g.rows} ({g.completeness:.0%})",
            str(len(g.overdue)),
            _("GAP") if g.oversight_gap else _("ok"),
            Text(", ".join(g.serious_risks) or "—"),
        )
    out.print(table)
