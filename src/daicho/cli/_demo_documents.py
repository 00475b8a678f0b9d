"""The documents part of ``daicho demo``: the vendor checklist, dossiers, reports, verification.

``daicho demo`` calls :func:`run` at the end, once the example ledger holds its assessments and
evaluation evidence. It goes through the same use cases as ``daicho vendor``, ``daicho
dossier`` and ``daicho report``, so what the demo writes is what a user gets.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text

from daicho.i18n import gettext as _

from ._output import progress_bar

if TYPE_CHECKING:
    from rich.console import Console

    from daicho.ledger import Ledger

__all__ = ["VENDOR", "run"]

VENDOR = "example-ai-cloud"


def run(
    ledger: Ledger,
    home: Path,
    out: Console,
    lang: str,
    author: str,
    say: Callable[[str], None],
) -> None:
    """Show the vendor checklist, write every example system's dossier and the reports.

    Parameters
    ----------
    ledger
        The demo ledger (the example systems imported and assessed).
    home
        The demo folder; dossiers go to ``home/dossiers`` and reports to ``home/reports``.
    out
        Where to print.
    lang
        The language of the messages.
    author
        Who records the change to the vendor checklist.
    say
        Starts a numbered demo step with a title.
    """
    from daicho._dossier_verify import verify_dossier
    from daicho.cli.vendor import status_label

    say(_("The vendor contract checklist (METI 2025)"))
    view = ledger.vendor_checklist(VENDOR)
    out.print(
        Text(
            _("{vendor}: {covered} covered, {not_covered} not covered, {open} open.").format(
                vendor=view.vendor.name.get(lang), **view.counts
            )
        )
    )
    item = ledger.set_vendor_topic(
        VENDOR,
        "output-identification",
        status="covered",
        notes="Amendment No. 1, §2.5: outputs are the generated text and its citations.",
        author=author,
        reason="demo: amendment signed with the vendor",
    )
    revisions = ledger.vendor_history(VENDOR)
    out.print(
        Text(
            _("{topic} → {status} (vendor revision {number}).").format(
                topic=item.topic, status=status_label(item.status.value), number=len(revisions)
            )
        )
    )

    say(_("Write the deployment dossiers"))
    folder = home / "dossiers"
    written = []
    for system in ledger.systems(include_retired=False):
        with progress_bar(_("Dossier") + f" {system.slug}") as update:
            report = ledger.build_dossier(system.slug, folder, pdf=True, progress=update)
        written.append(report)
        out.print(
            Text(
                _("{slug}: {count} files → {zip}").format(
                    slug=system.slug, count=len(report.files), zip=report.zip_path
                )
            )
        )

    say(_("Write the portfolio report and the policy draft"))
    reports = home / "reports"
    paths = ledger.portfolio_report(reports, pdf=True) + ledger.governance_policy(reports)
    for path in paths:
        out.print(Text(f"  {path}"))

    say(_("Verify a dossier offline"))
    checked = verify_dossier(written[0].zip_path)
    out.print(
        Text(
            _("{path}: {count} files checked against manifest.json; intact: {ok}.").format(
                path=checked.path, count=checked.checked, ok=_("yes") if checked.ok else _("NO")
            )
        )
    )
    out.print(
        Text(
            _(
                "Dossiers are in {dossiers}; open index.html in a browser. Reports are in {reports}."
            ).format(dossiers=folder, reports=reports)
        )
    )
