"""``daicho org``: the organisation profile that documents draw on."""

from __future__ import annotations

from pathlib import Path

import typer

from daicho.i18n import gettext as _
from daicho.i18n import term

from ._output import console, emit_json
from ._state import state

__all__ = ["app"]

app = typer.Typer(help=_("The organisation profile."), no_args_is_help=True)


@app.command()
def show(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help=_("Print JSON for scripts.")),
) -> None:
    """Show the organisation profile."""
    st = state(ctx)
    with st.open() as ledger:
        org = ledger.organisation()
    if as_json:
        emit_json(org)
        return
    if org is None:
        console().print(_("No organisation profile yet. Set one with `daicho org set FILE`."))
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(show_header=False, title=Text(org.name.get(st.lang)))
    table.add_column(style="bold")
    table.add_column()
    contact = org.contact
    for label, value in (
        (_("name (ja)"), org.name.ja),
        (_("name (en)"), org.name.en),
        (_("industry"), term(org.industry)),
        (_("size"), term(org.size)),
        (_("AI executive"), org.ai_executive),
        (_("AI contact point"), contact.name.get(st.lang)),
        (_("e-mail"), contact.email or "—"),
        (_("phone"), contact.phone or "—"),
        (_("web"), contact.url or "—"),
    ):
        table.add_row(label, Text(value))
    console().print(table)


@app.command("set")
def set_(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help=_("A YAML file with kind: organisation.")),
    reason: str = typer.Option("organisation profile set", "--reason", "-m", help=_("Why.")),
) -> None:
    """Set the organisation profile from a YAML file."""
    st = state(ctx)
    with st.open() as ledger:
        org = ledger.read_record_file(file, kind="organisation")
        ledger.set_organisation(org, author=st.author, reason=reason)
    console().print(_("Organisation profile saved."))
