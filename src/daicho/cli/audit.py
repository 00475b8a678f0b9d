"""``daicho audit``: read the hash-chained audit log and verify it has not been tampered with."""

from __future__ import annotations

import typer

from daicho.i18n import gettext as _

from ._output import console, emit_json
from ._state import state

__all__ = ["EXIT_BROKEN", "app"]

#: Exit code when verification finds tampering (2 is for user errors, 1 for internal errors).
EXIT_BROKEN = 3

app = typer.Typer(help=_("The tamper-evident audit log."), no_args_is_help=True)


@app.command()
def verify(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help=_("Print JSON for scripts.")),
) -> None:
    """Check the audit chain and every revision it seals; exit 3 if anything was tampered with."""
    with state(ctx).open() as ledger:
        result = ledger.verify_audit()
    if as_json:
        emit_json(
            {
                "ok": result.ok,
                "entries": result.entries,
                "head_hash": result.head_hash,
                "first_broken_entry": result.first_broken_seq,
                "problems": result.problems,
            }
        )
    elif result.ok:
        console().print(
            _("Audit chain intact: {count} entries, head {head}.").format(
                count=result.entries, head=result.head_hash[:16]
            )
        )
    else:
        from rich.markup import escape

        where = (
            _(" First broken link: entry {seq}.").format(seq=result.first_broken_seq)
            if result.first_broken_seq
            else ""
        )
        broken = _("Audit chain BROKEN.")
        console().print(f"[bold red]{escape(broken)}[/]{escape(where)}")
        for problem in result.problems:
            console().print(f"  - {escape(problem)}")
    if not result.ok:
        raise typer.Exit(EXIT_BROKEN)


@app.command("log")
def log(
    ctx: typer.Context,
    limit: int = typer.Option(50, "--limit", "-n", min=1, help=_("How many entries.")),
    as_json: bool = typer.Option(False, "--json", help=_("Print JSON for scripts.")),
) -> None:
    """Show the newest audit entries."""
    with state(ctx).open() as ledger:
        entries = ledger.audit_log(limit=limit)
    if as_json:
        emit_json([e.to_dict() for e in entries])
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(title=_("Audit log (newest first)"))
    for header in ("#", _("when"), _("who"), _("action"), _("record"), _("rev"), _("hash")):
        table.add_column(header)
    for e in entries:
        table.add_row(
            str(e.seq),
            e.at[:19].replace("T", " "),
            Text(e.actor),
            _(e.action),
            Text(f"{e.kind}/{e.key}"),
            str(e.revision),
            e.hash[:12],
        )
    console().print(table)
