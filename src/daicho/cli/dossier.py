"""``daicho dossier``: write a system's deployment dossier, and verify one offline.

``daicho dossier SYSTEM [--pdf] [--out DIR]`` writes ``DIR/SYSTEM-dossier/`` and its ZIP.
``daicho dossier verify PATH`` checks a dossier folder or ZIP against its manifest: exit 0 when
intact, 3 when any file was changed, added or removed (each is named), 2 when PATH is not a
dossier.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup

from daicho.i18n import gettext as _

from ._output import console, emit_json, err_console, progress_bar
from ._state import state

__all__ = ["EXIT_CHANGED", "app"]

#: Exit code when a dossier differs from its manifest ("checked and found problems").
EXIT_CHANGED = 3


class _SystemFirst(TyperGroup):
    """``dossier SYSTEM …`` runs ``dossier build SYSTEM …``; ``dossier verify PATH`` verifies."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["build", *args]
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=_SystemFirst,
    help=_(
        "Deployment dossier of a system: `daicho dossier SYSTEM [--pdf] [--out DIR]`; "
        "`daicho dossier verify PATH` checks one."
    ),
    no_args_is_help=True,
)
JSON_OPTION = typer.Option(False, "--json", help=_("Print JSON for scripts."))


@app.command("build")
def build(
    ctx: typer.Context,
    system: str = typer.Argument(..., help=_("The system's slug.")),
    pdf: bool = typer.Option(False, "--pdf", help=_("Also write dossier.pdf (WeasyPrint).")),
    out: Path = typer.Option(
        Path("."), "--out", "-o", help=_("Folder to write SYSTEM-dossier/ and its ZIP into.")
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Write the deployment dossier of a system: a folder and a ZIP with a hash manifest."""
    st = state(ctx)
    with st.open() as ledger, progress_bar(_("Dossier"), enabled=not as_json) as update:
        report = ledger.build_dossier(system, out, pdf=pdf, progress=update)
    if as_json:
        emit_json(report.to_dict())
        return
    from rich.text import Text

    audit = report.manifest["audit"]
    output = console()
    output.print(
        _("Dossier of {system}: {count} files.").format(system=system, count=len(report.files))
    )
    output.print(Text(_("  folder: {path}").format(path=report.folder)))
    output.print(Text(_("  ZIP:    {path}").format(path=report.zip_path)))
    output.print(
        _("  audit chain: {entries} entries, head {head}").format(
            entries=audit["entries"], head=audit["head_hash"][:16]
        )
    )
    output.print(_("Open index.html in a browser; check it later with `daicho dossier verify`."))
    if not audit["intact"]:
        err_console().print(
            _(
                "warning: the ledger's audit chain is broken; the manifest records it as such. "
                "Run `daicho audit verify`."
            )
        )


@app.command("verify")
def verify(
    path: Path = typer.Argument(..., help=_("A dossier folder or its ZIP.")),
    as_json: bool = JSON_OPTION,
) -> None:
    """Check every file of a dossier against its manifest, offline; name what changed."""
    from daicho._dossier_verify import verify_dossier

    result = verify_dossier(path)
    if as_json:
        emit_json(result.to_dict())
    else:
        _print_verification(result)
    if not result.ok:
        raise typer.Exit(EXIT_CHANGED)


def _print_verification(result: Any) -> None:
    from rich.text import Text

    output = console()
    system = (result.manifest.get("system") or {}).get("slug", "?")
    if result.ok:
        output.print(
            Text(
                _(
                    "{path}: intact — {count} files of the dossier of {system} match the manifest."
                ).format(path=result.path, count=result.checked, system=system)
            )
        )
        return
    labels = {"changed": _("changed"), "added": _("added"), "removed": _("removed")}
    output.print(
        Text(
            _("{path}: {count} file(s) differ from the manifest.").format(
                path=result.path, count=len(result.differences)
            ),
            style="bold red",
        )
    )
    for diff in result.differences:
        line = f"  {labels[diff.kind]}: {diff.path}"
        if diff.note:  # the only note: the manifest was edited to match a changed file
            line += " (" + _("the evidence file no longer hashes to its name") + ")"
        output.print(Text(line))
