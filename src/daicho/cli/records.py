"""``daicho init``, ``import``, ``export`` and ``schema``: the ledger as YAML in git."""

from __future__ import annotations

from pathlib import Path

import typer

from daicho.i18n import gettext as _

from ._output import console, emit_json, progress_bar
from ._state import state

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add these commands to the top level of ``app``."""
    app.command("init")(init)
    app.command("import")(import_)
    app.command("export")(export)
    app.command("schema")(schema)


def init(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help=_("Print JSON for scripts.")),
) -> None:
    """Create a ledger (SQLite in the home directory, or the --db database)."""
    st = state(ctx)
    with st.init() as ledger:
        home, database = ledger.home, ledger.database
    if as_json:
        emit_json({"home": str(home.absolute()), "database": database})
        return
    console().print(_("Ledger ready at {home} ({database}).").format(home=home, database=database))


def import_(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(..., help=_("YAML files or folders of them.")),
    reason: str = typer.Option("imported from YAML", "--reason", "-m", help=_("Why.")),
    as_json: bool = typer.Option(False, "--json", help=_("Print JSON for scripts.")),
) -> None:
    """Import systems (and the organisation profile) from YAML: all files, or none."""
    st = state(ctx)
    with st.open() as ledger, progress_bar(_("import"), enabled=not as_json) as update:
        report = ledger.import_paths(paths, author=st.author, reason=reason, progress=update)
    if as_json:
        emit_json(report)
        return
    console().print(
        _(
            "Imported {files} files: {created} new, {updated} changed, {unchanged} unchanged."
        ).format(
            files=report.files,
            created=len(report.created),
            updated=len(report.updated),
            unchanged=len(report.unchanged),
        )
    )


def export(
    ctx: typer.Context,
    directory: Path = typer.Argument(..., help=_("Folder to write into.")),
    as_json: bool = typer.Option(False, "--json", help=_("Print JSON for scripts.")),
) -> None:
    """Export every system as one YAML file (systems/<slug>.yaml)."""
    st = state(ctx)
    with st.open() as ledger:
        report = ledger.export(directory)
    if as_json:
        emit_json(report)
        return
    console().print(
        _("Wrote {count} files to {directory}.").format(
            count=len(report.files), directory=directory
        )
    )


def schema(
    kind: str = typer.Option("system", "--kind", help=_("system or organisation.")),
) -> None:
    """Print the JSON Schema of a record file, for editor completion."""
    from daicho.codec import RECORD_KINDS, record_json_schema
    from daicho.domain import UserError

    if kind not in RECORD_KINDS:
        raise UserError(
            _("unknown kind {kind!r}; choose one of: {kinds}").format(
                kind=kind, kinds=", ".join(RECORD_KINDS)
            )
        )
    emit_json(record_json_schema(kind))
