"""``daicho system``: add, list, show, edit, retire, and see the history of AI systems."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from daicho.i18n import gettext as _
from daicho.i18n import term

from ._output import console, emit_json, print_history
from ._state import state

if TYPE_CHECKING:
    from daicho.domain import AISystem

__all__ = ["app"]

app = typer.Typer(help=_("The register of AI systems."), no_args_is_help=True)

JSON_OPTION = typer.Option(False, "--json", help=_("Print JSON for scripts."))
REASON_OPTION = typer.Option(..., "--reason", "-m", help=_("Why (recorded in the audit log)."))


@app.command("list")
def list_(
    ctx: typer.Context,
    include_retired: bool = typer.Option(False, "--all", help=_("Include retired systems.")),
    as_json: bool = JSON_OPTION,
) -> None:
    """List the AI systems in the register."""
    st = state(ctx)
    with st.open() as ledger:
        systems = ledger.systems(include_retired=include_retired)
    if as_json:
        emit_json(systems)
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(title=_("AI systems ({count})").format(count=len(systems)))
    for header in (_("slug"), _("name"), _("stage"), _("roles"), _("context"), _("owner")):
        table.add_column(header, no_wrap=header == _("slug"))
    for s in systems:
        table.add_row(
            Text(s.slug),
            Text(s.name.get(st.lang)),
            Text(term(s.lifecycle_stage)),
            Text(", ".join(term(r) for r in s.roles)),
            Text(term(s.deployment_context)),
            Text(s.owner or "—"),
        )
    if not systems:
        console().print(_("No systems yet. Add one with `daicho system add` or `daicho import`."))
        return
    console().print(table)


@app.command()
def show(
    ctx: typer.Context,
    slug: str = typer.Argument(..., help=_("The system's slug.")),
    as_json: bool = JSON_OPTION,
    as_yaml: bool = typer.Option(False, "--yaml", help=_("Print the entry as YAML.")),
) -> None:
    """Show one AI system."""
    st = state(ctx)
    with st.open() as ledger:
        system = ledger.system(slug)
    if as_json:
        emit_json(system)
        return
    if as_yaml:
        from daicho.codec import dump_record

        console().out(dump_record("system", system), end="")
        return
    _print_system(system, st.lang)


def _print_system(system: AISystem, lang: str) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(show_header=False, title=Text(f"{system.name.get(lang)} ({system.slug})"))
    table.add_column(style="bold")
    table.add_column()
    rows: list[tuple[str, Any]] = [
        (_("id"), system.id),
        (_("name (ja)"), system.name.ja),
        (_("name (en)"), system.name.en),
        (_("purpose"), system.purpose.get(lang)),
        (_("description"), system.description.get(lang) if system.description else None),
        (_("roles"), ", ".join(term(r) for r in system.roles)),
        (_("stage"), term(system.lifecycle_stage)),
        (_("sector"), term(system.sector)),
        (_("business unit"), system.business_unit),
        (_("owner"), system.owner),
        (_("accountable executive"), system.accountable_executive),
        (_("context"), term(system.deployment_context)),
        (_("users"), ", ".join(system.users)),
        (_("affected parties"), ", ".join(system.affected_parties)),
        (_("significant decisions"), _yes(system.significant_decisions)),
        (_("human oversight"), term(system.human_oversight)),
        (_("generative"), _yes(system.generative)),
        (
            _("foundation model"),
            f"{system.foundation_model.name} ({system.foundation_model.provider})"
            if system.foundation_model
            else None,
        ),
        (_("EU nexus"), _yes(system.eu_nexus.any)),
        (_("vendors"), ", ".join(system.vendors)),
        (_("tags"), ", ".join(system.tags)),
    ]
    for label, value in rows:
        table.add_row(label, Text("—" if value in (None, "") else str(value)))
    for ds in system.datasets:
        categories = ", ".join(term(c) for c in ds.appi_categories) or _("no personal data")
        abroad = ", ".join(ds.cross_border_transfers)
        text = f"{ds.source} — {categories}"
        if abroad:
            text += " — " + _("transferred to {countries}").format(countries=abroad)
        table.add_row(_("dataset {name}").format(name=ds.name), Text(text))
    for m in system.models:
        detail = ", ".join(x for x in (m.type, m.version, m.framework, m.vendor) if x)
        table.add_row(_("model {name}").format(name=m.name), Text(detail))
    console().print(table)


def _yes(flag: bool) -> str:
    return _("yes") if flag else _("no")


@app.command()
def add(
    ctx: typer.Context,
    file: Path | None = typer.Argument(
        None, help=_("A YAML file with the system entry."), show_default=False
    ),
    slug: str | None = typer.Option(None, "--slug", help=_("Slug, e.g. credit-scoring.")),
    name_ja: str | None = typer.Option(None, "--name-ja", help=_("Name in Japanese.")),
    name_en: str | None = typer.Option(None, "--name-en", help=_("Name in English.")),
    purpose: str | None = typer.Option(None, "--purpose", help=_("What the system is for.")),
    roles: list[str] = typer.Option(
        [], "--role", help=_("developer, provider or business_user (repeatable).")
    ),
    reason: str = typer.Option("registered", "--reason", "-m", help=_("Why.")),
    as_json: bool = JSON_OPTION,
) -> None:
    """Register a new AI system, from a YAML file or from options."""
    from daicho.domain import UserError

    st = state(ctx)
    with st.open() as ledger:
        if file is not None:
            record: Any = ledger.read_record_file(file, kind="system")
        else:
            missing = [
                flag
                for flag, value in (
                    ("--slug", slug),
                    ("--name-ja", name_ja),
                    ("--name-en", name_en),
                    ("--purpose", purpose),
                    ("--role", roles),
                )
                if not value
            ]
            if missing:
                raise UserError(
                    _("give a YAML file, or all of: {flags}").format(flags=", ".join(missing))
                )
            lang = "ja" if st.lang == "ja" else "en"
            record = {
                "slug": slug,
                "name": {"ja": name_ja, "en": name_en},
                "purpose": {lang: purpose},
                "roles": roles,
            }
        system = ledger.register_system(record, author=st.author, reason=reason)
    if as_json:
        emit_json(system)
        return
    console().print(_("Registered {slug} ({id}).").format(slug=system.slug, id=system.id))


@app.command()
def edit(
    ctx: typer.Context,
    slug: str = typer.Argument(..., help=_("The system's slug.")),
    sets: list[str] = typer.Option(
        [],
        "--set",
        help=_("FIELD=VALUE, e.g. owner=tanaka or eu_nexus.output_used_in_eu=true (repeatable)."),
    ),
    file: Path | None = typer.Option(None, "--file", help=_("Replace the entry with this YAML.")),
    reason: str = REASON_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Change a system. Without --set or --file, opens the entry in $EDITOR."""
    from daicho.domain import UserError

    st = state(ctx)
    with st.open() as ledger:
        change: Any
        if sets and file:
            raise UserError(_("use --set or --file, not both"))
        if sets:
            change = dict(_parse_assignment(item) for item in sets)
        elif file is not None:
            change = ledger.read_record_file(file, kind="system")
        else:
            change = _edit_in_editor(ledger, slug)
        before = ledger.system(slug)
        after = ledger.update_system(slug, change, author=st.author, reason=reason)
    if as_json:
        emit_json(after)
        return
    if after == before:
        console().print(_("Nothing changed; no revision written."))
    else:
        console().print(_("Updated {slug}.").format(slug=slug))


def _parse_assignment(item: str) -> tuple[str, Any]:
    from daicho.codec import _yaml
    from daicho.domain import UserError

    path, sep, raw = item.partition("=")
    if not sep or not path.strip():
        raise UserError(_("--set takes FIELD=VALUE, got {item!r}").format(item=item))
    try:
        value = _yaml.load(raw) if raw.strip() else None
    except _yaml.YamlSyntaxError as exc:
        raise UserError(f"--set {item}: {exc}") from None
    return path.strip(), value


def _edit_in_editor(ledger: Any, slug: str) -> Any:
    import os
    import shlex
    import subprocess
    import tempfile

    from daicho.codec import dump_record
    from daicho.domain import UserError

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        raise UserError(_("set $EDITOR, or use --set FIELD=VALUE or --file FILE"))
    text = dump_record("system", ledger.system(slug))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{slug}.yaml"
        path.write_text(text, encoding="utf-8")
        subprocess.run([*shlex.split(editor), str(path)], check=False)
        return ledger.read_record_file(path, kind="system")


@app.command()
def retire(
    ctx: typer.Context,
    slug: str = typer.Argument(..., help=_("The system's slug.")),
    reason: str = REASON_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Retire a system: it leaves the active register; its history stays."""
    st = state(ctx)
    with st.open() as ledger:
        system = ledger.retire_system(slug, author=st.author, reason=reason)
    if as_json:
        emit_json(system)
        return
    console().print(_("Retired {slug}.").format(slug=slug))


@app.command()
def history(
    ctx: typer.Context,
    slug: str = typer.Argument(..., help=_("The system's slug.")),
    as_json: bool = JSON_OPTION,
) -> None:
    """Show every revision of a system: who, when, why, and what changed."""
    st = state(ctx)
    with st.open() as ledger:
        revisions = ledger.history(slug)
    print_history(revisions, _("History of {slug}").format(slug=slug), as_json=as_json)
