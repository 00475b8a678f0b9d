"""``daicho vendor``: vendor relationships and their METI contract checklist."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from daicho.i18n import gettext as _

from ._output import console, emit_json, print_history, to_jsonable
from ._state import state

if TYPE_CHECKING:
    from daicho._vendors import VendorChecklistView

__all__ = ["app", "status_label"]

app = typer.Typer(
    help=_("Vendors of AI services and their contract checklist (METI 2025)."),
    no_args_is_help=True,
)
JSON_OPTION = typer.Option(False, "--json", help=_("Print JSON for scripts."))

_STYLES = {"covered": "green", "not_covered": "red", "not_needed": "dim", "open": "yellow"}


def status_label(status: str) -> str:
    """The translated name of a checklist status."""
    labels = {
        "covered": _("covered"),
        "not_covered": _("not covered"),
        "not_needed": _("not needed"),
        "open": _("open"),
    }
    return labels.get(status, status)


def _contract_label(kind: str) -> str:
    return {"use": _("use-type"), "development": _("development-type")}.get(kind, kind)


@app.command()
def add(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help=_("A YAML file with kind: vendor.")),
    reason: str = typer.Option("vendor recorded", "--reason", "-m", help=_("Why.")),
) -> None:
    """Add a vendor (or a new revision of it) from a YAML file."""
    st = state(ctx)
    with st.open() as ledger:
        vendor = ledger.read_record_file(file, kind="vendor")
        ledger.save_vendor(vendor, author=st.author, reason=reason)
    console().print(_("Saved vendor {slug}.").format(slug=vendor.slug))


@app.command("list")
def list_(
    ctx: typer.Context,
    system: str | None = typer.Option(
        None, "--system", help=_("Only the vendors linked to this system.")
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """List vendors with their contract type and checklist progress."""
    st = state(ctx)
    with st.open() as ledger:
        views = [ledger.vendor_checklist(v.slug) for v in ledger.vendors(system)]
    if as_json:
        emit_json([{**to_jsonable(v.vendor), "counts": v.counts} for v in views])
        return
    if not views:
        console().print(_("No vendors yet. Add one with `daicho vendor add FILE`."))
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(title=_("Vendors ({count})").format(count=len(views)))
    for header in (_("slug"), _("name"), _("contract"), _("systems"), _("checklist")):
        table.add_column(header, no_wrap=header == _("slug"))
    for view in views:
        v = view.vendor
        counts = view.counts
        table.add_row(
            Text(v.slug),
            Text(v.name.get(st.lang)),
            _contract_label(v.contract_type.value),
            Text(", ".join(v.systems) or "—"),
            _("{covered}/{total} covered, {open} open").format(
                covered=counts["covered"], total=len(view.rows), open=counts["open"]
            ),
        )
    console().print(table)


@app.command()
def show(
    ctx: typer.Context,
    slug: str = typer.Argument(..., help=_("The vendor's slug.")),
    as_yaml: bool = typer.Option(False, "--yaml", help=_("Print the vendor as YAML.")),
    as_json: bool = JSON_OPTION,
) -> None:
    """Show one vendor."""
    st = state(ctx)
    with st.open() as ledger:
        vendor = ledger.vendor(slug)
    if as_json:
        emit_json(vendor)
        return
    from daicho.codec import dump_record

    text = dump_record("vendor", vendor)
    if as_yaml:
        console().out(text, end="")
        return
    from rich.text import Text

    out = console()
    out.print(Text(f"{vendor.slug} — {vendor.name.get(st.lang)}", style="bold"))
    fields = (
        (_("contract"), _contract_label(vendor.contract_type.value)),
        (_("contract reference"), vendor.contract_reference or "—"),
        (_("contact"), vendor.contact or "—"),
        (_("services"), ", ".join(vendor.services) or "—"),
        (_("systems"), ", ".join(vendor.systems) or "—"),
    )
    for label, value in fields:
        out.print(Text(f"  {label}: {value}"))
    out.print(
        _("  checklist: {answered} topics answered (`daicho vendor checklist {slug}`)").format(
            answered=len(vendor.checklist), slug=vendor.slug
        )
    )


def _checklist_table(view: VendorChecklistView, lang: str) -> Any:
    from rich.table import Table
    from rich.text import Text

    v = view.vendor
    table = Table(
        title=_("Contract checklist of {name} ({kind})").format(
            name=v.name.get(lang), kind=_contract_label(v.contract_type.value)
        )
    )
    for header in (_("topic"), _("group"), _("status"), _("notes")):
        table.add_column(header, no_wrap=header == _("topic"))
    for row in view.rows:
        table.add_row(
            Text(row.title.get(lang)),
            Text(row.group.get(lang) if row.group else "—"),
            Text(status_label(row.status), style=_STYLES.get(row.status, "")),
            Text(row.notes or ""),
        )
    return table


@app.command()
def checklist(
    ctx: typer.Context,
    slug: str = typer.Argument(..., help=_("The vendor's slug.")),
    as_json: bool = JSON_OPTION,
) -> None:
    """Every METI checklist topic of the vendor's contract type: covered, not covered, open."""
    st = state(ctx)
    with st.open() as ledger:
        view = ledger.vendor_checklist(slug)
    if as_json:
        emit_json(view.to_dict())
        return
    out = console()
    out.print(_checklist_table(view, st.lang))
    counts = view.counts
    out.print(
        _(
            "{covered} covered, {not_covered} not covered, {not_needed} not needed, {open} open."
        ).format(**counts)
    )


@app.command("set")
def set_(
    ctx: typer.Context,
    slug: str = typer.Argument(..., help=_("The vendor's slug.")),
    topic: str = typer.Argument(
        ..., help=_("A topic id, e.g. meti-ai-contracts/use/input-use (or just input-use).")
    ),
    status: str = typer.Option(
        ..., "--status", help=_("covered, not_covered or not_needed."), show_default=False
    ),
    notes: str | None = typer.Option(
        None, "--notes", help=_("Where the contract says it, or why it is not needed.")
    ),
    reason: str = typer.Option(..., "--reason", "-m", help=_("Why (recorded in the audit log).")),
) -> None:
    """Record how the contract covers one checklist topic."""
    from daicho.domain import ChecklistStatus, UserError

    if status not in {s.value for s in ChecklistStatus}:
        raise UserError(
            _("--status must be covered, not_covered or not_needed, not {status!r}").format(
                status=status
            )
        )
    st = state(ctx)
    with st.open() as ledger:
        item = ledger.set_vendor_topic(
            slug, topic, status=status, notes=notes, author=st.author, reason=reason
        )
    console().print(
        _("{slug}: {topic} is now {status}.").format(
            slug=slug, topic=item.topic, status=status_label(item.status.value)
        )
    )


@app.command()
def history(
    ctx: typer.Context,
    slug: str = typer.Argument(..., help=_("The vendor's slug.")),
    as_json: bool = JSON_OPTION,
) -> None:
    """Show every revision of a vendor: who, when, why, and what changed."""
    st = state(ctx)
    with st.open() as ledger:
        revisions = ledger.vendor_history(slug)
    print_history(revisions, _("History of {slug}").format(slug=slug), as_json=as_json)
