"""``daicho catalog``: browse the regulatory catalog, compare versions, export OSCAL.

Heavy imports (pydantic, ruamel.yaml, the catalog itself, compliance-trestle) happen inside the
commands, so that ``daicho --help`` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from daicho.i18n import gettext as _
from daicho.i18n import term

from ._output import console, emit_json
from ._state import state

if TYPE_CHECKING:
    from daicho.catalog import Catalog, CatalogDiff
    from daicho.domain._catalog import Requirement

__all__ = ["app"]

app = typer.Typer(
    help=_("The regulatory catalog: frameworks, requirements, crosswalks, OSCAL export."),
    no_args_is_help=True,
)

_LANG = typer.Option(
    None, "--lang", help=_("Language of the output: ja or en (default: DAICHO_LANG, else ja).")
)
_JSON = typer.Option(False, "--json", help=_("Print JSON for scripts."))


def _lang(ctx: typer.Context, lang: str | None) -> str:
    from daicho.domain import UserError

    chosen = lang or ctx.find_root().params.get("lang") or "ja"
    if chosen not in ("ja", "en"):
        raise UserError(_("--lang must be ja or en, not {value!r}").format(value=chosen))
    return str(chosen)


def _catalog(ctx: typer.Context) -> Catalog:
    """The built-in catalog plus the custom frameworks in the ledger home, if any."""
    from daicho._location import resolve_location
    from daicho.catalogs import load_catalog

    home, _db = resolve_location(state(ctx).home)
    extra = [home] if (home / "frameworks").is_dir() else []
    return load_catalog(extra)


@app.command("list")
def list_(
    ctx: typer.Context,
    framework: str | None = typer.Argument(
        None, help=_("A framework id: list its requirements instead of the frameworks.")
    ),
    lang: str | None = _LANG,
    as_json: bool = _JSON,
) -> None:
    """List the frameworks, or the requirements of one framework."""
    lg = _lang(ctx, lang)
    cat = _catalog(ctx)
    from rich.table import Table
    from rich.text import Text

    if framework is None:
        rows: list[dict[str, Any]] = [
            {
                "id": fw.id,
                "title": fw.title.get(lg),
                "version": fw.version,
                "legal_nature": fw.legal_nature.value,
                "requirements": len(fw.requirements),
                "unverified": sum(not r.verified for r in fw.requirements),
                "file": cat.origins.get(fw.id),
            }
            for fw in cat.frameworks.values()
        ]
        if as_json:
            emit_json({"catalog_version": cat.version, "frameworks": rows})
            return
        table = Table(title=Text(_("Catalog {version}").format(version=cat.version)))
        for col in (
            _("id"),
            _("title"),
            _("version"),
            _("legal nature"),
            _("items"),
            _("unverified"),
        ):
            table.add_column(col)
        for r in rows:
            table.add_row(
                r["id"], Text(r["title"]), Text(r["version"]), _(r["legal_nature"]),
                str(r["requirements"]), str(r["unverified"]),
            )  # fmt: skip
        console().print(table)
        return
    fw = cat.framework(framework)
    if as_json:
        emit_json([_brief(r, lg) for r in fw.requirements])
        return
    table = Table(title=Text(f"{fw.title.get(lg)} ({fw.version})"))
    for col in (_("id"), _("title"), _("actors"), _("applies if"), _("verified")):
        table.add_column(col)
    for req in fw.requirements:
        depth = len(cat.ancestors(req.id))
        table.add_row(
            req.id,
            Text("  " * depth + req.title.get(lg)),
            ", ".join(a.value for a in req.actors),
            Text(req.applies_if),
            "✔" if req.verified else "✖",
        )
    console().print(table)


def _brief(req: Requirement, lang: str) -> dict[str, Any]:
    return {
        "id": req.id,
        "title": req.title.get(lang),
        "parent": req.parent,
        "actors": [a.value for a in req.actors],
        "applies_if": req.applies_if,
        "verified": req.verified,
    }


@app.command()
def show(
    ctx: typer.Context,
    requirement_id: str = typer.Argument(..., metavar="ID", help=_("A requirement id.")),
    lang: str | None = _LANG,
    as_json: bool = _JSON,
) -> None:
    """Show one requirement: summary, source, condition, children and related requirements."""
    lg = _lang(ctx, lang)
    cat = _catalog(ctx)
    req = cat.get(requirement_id)
    related = cat.related(requirement_id)
    children = [c.id for c in cat.children(requirement_id)]
    if as_json:
        emit_json(
            {
                "requirement": req,
                "children": children,
                "related": [
                    {"id": r.id, "relationship": r.relationship.value, "hops": r.hops,
                     "path": list(r.path), "rationale": r.rationale.get(lg)}
                    for r in related
                ],
            }
        )  # fmt: skip
        return
    from rich.table import Table
    from rich.text import Text

    src = req.source
    table = Table(show_header=False, title=Text(f"{req.id} — {req.title.get(lg)}"))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    rows: list[tuple[str, str]] = [
        (_("summary"), req.summary.get(lg)),
        (_("framework"), cat.framework_of(req.id).title.get(lg)),
        (_("parent"), req.parent or "—"),
        (_("actors"), ", ".join(a.value for a in req.actors)),
        (_("applies if"), req.applies_if),
        (_("force"), term(req.force)),
        (_("penalty"), req.penalty.get(lg) if req.penalty else "—"),
        (_("evidence"), ", ".join(e.value for e in req.evidence) or "—"),
        (_("source"), "; ".join(x for x in (src.document, src.version, src.section) if x)),
        (_("URL"), src.url),
        (_("verified"), _("yes") if req.verified else _("no")),
    ]
    if src.note:
        rows.append((_("source note"), src.note.get(lg)))
    for d in req.deadlines:
        span = f"{d.days_min}–{d.days}" if d.days_min is not None else str(d.days)
        rows.append((_("deadline"), f"{d.label.get(lg)}: {span} {_('days')}"))
    if children:
        rows.append((_("children"), ", ".join(children)))
    for r in related:
        rows.append((_("related"), f"{r.id} ({r.relationship.value}) — {r.rationale.get(lg)}"))
    for label, value in rows:
        table.add_row(label, Text(value))
    console().print(table)


@app.command()
def search(
    ctx: typer.Context,
    text: str = typer.Argument(..., help=_("Words to look for (all must occur).")),
    framework: str | None = typer.Option(
        None, "--framework", "-f", help=_("Limit to one framework.")
    ),
    lang: str | None = _LANG,
    as_json: bool = _JSON,
) -> None:
    """Search requirements by id, title, summary and keywords, in both languages."""
    lg = _lang(ctx, lang)
    cat = _catalog(ctx)
    if framework is not None:
        cat.framework(framework)
    hits = cat.search(text, framework=framework)
    if as_json:
        emit_json([_brief(r, lg) for r in hits])
        return
    if not hits:
        console().print(_("No requirement matches {text!r}.").format(text=text))
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(_("{n} requirements match").format(n=len(hits))))
    table.add_column(_("id"))
    table.add_column(_("title"))
    for req in hits:
        table.add_row(req.id, Text(req.title.get(lg)))
    console().print(table)


@app.command()
def diff(
    ctx: typer.Context,
    old: Path = typer.Argument(..., help=_("Folder of the old catalog (with frameworks/).")),
    new: Path = typer.Argument(..., help=_("Folder of the new catalog.")),
    lang: str | None = _LANG,
    as_json: bool = _JSON,
) -> None:
    """Compare two catalog folders: requirements added, changed (which fields) and removed."""
    _lang(ctx, lang)
    from daicho.catalog import diff_catalogs
    from daicho.catalogs import load_catalog_from

    result = diff_catalogs(load_catalog_from(old), load_catalog_from(new))
    if as_json:
        emit_json(_diff_json(result))
        return
    out = console()
    out.print(_("Catalog {old} → {new}").format(old=result.old_version, new=result.new_version))
    if result.empty:
        out.print(_("No differences."))
        return
    from rich.markup import escape

    for fid in result.frameworks_added:
        out.print(f"[green]+ {escape(fid)}[/] ({_('framework')})")
    for fid in result.frameworks_removed:
        out.print(f"[red]- {escape(fid)}[/] ({_('framework')})")
    for ch in result.frameworks_changed:
        out.print(f"[yellow]~ {escape(ch.id)}[/] ({_('framework')}): {', '.join(ch.fields)}")
    for rid in result.added:
        out.print(f"[green]+ {escape(rid)}[/]")
    for rid in result.removed:
        out.print(f"[red]- {escape(rid)}[/]")
    for ch in result.changed:
        out.print(f"[yellow]~ {escape(ch.id)}[/]: {escape(', '.join(ch.fields))}")


def _diff_json(result: CatalogDiff) -> dict[str, Any]:
    def changes(items: Any) -> list[dict[str, Any]]:
        return [
            {"id": c.id, "fields": list(c.fields),
             "changes": [{"path": f.path, "before": f.before, "after": f.after} for f in c.changes]}
            for c in items
        ]  # fmt: skip

    return {
        "old_version": result.old_version,
        "new_version": result.new_version,
        "added": list(result.added),
        "removed": list(result.removed),
        "changed": changes(result.changed),
        "frameworks_added": list(result.frameworks_added),
        "frameworks_removed": list(result.frameworks_removed),
        "frameworks_changed": changes(result.frameworks_changed),
    }


@app.command()
def export(
    ctx: typer.Context,
    framework: str = typer.Argument(
        ..., help=_("Framework id, or 'crosswalks' for all crosswalks as a mapping collection.")
    ),
    fmt: str = typer.Option("oscal", "--format", help=_("Export format (only oscal).")),
    out: Path | None = typer.Option(None, "--out", "-o", help=_("Write to this file.")),
    lang: str | None = _LANG,
    as_json: bool = _JSON,
) -> None:
    """Export a framework as an OSCAL 1.2 catalog, or the crosswalks as a mapping collection."""
    from daicho.domain import UserError

    lg = _lang(ctx, lang)
    if fmt != "oscal":
        raise UserError(_("unknown format {fmt!r}; the only format is oscal").format(fmt=fmt))
    cat = _catalog(ctx)
    from daicho.catalog._oscal import crosswalks_to_oscal, framework_to_oscal, oscal_json

    released = cat.manifest.released if cat.manifest else None
    if framework == "crosswalks":
        text = oscal_json(crosswalks_to_oscal(cat, last_modified=released))
    else:
        fw = cat.framework(framework)
        text = oscal_json(
            framework_to_oscal(fw, lang=lg, catalog_version=cat.version, last_modified=released)
        )
    if out is None:
        typer.echo(text)
        return
    try:
        out.write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        raise UserError(
            _("cannot write {path}: {why}").format(path=out, why=exc.strerror or exc)
        ) from None
    if as_json:
        emit_json({"written": str(out), "bytes": len(text.encode("utf-8")) + 1})
    else:
        console().print(_("Wrote {path}.").format(path=out))


@app.command()
def facts(as_json: bool = _JSON) -> None:
    """List the system facts that applicability conditions may use."""
    from daicho.catalog import fact_types
    from daicho.domain import FACT_NAMES

    kinds = fact_types()
    if as_json:
        emit_json([{"name": n, "kind": kinds[n], "meaning": m} for n, m in FACT_NAMES.items()])
        return
    from rich.table import Table

    table = Table(title=_("Facts for applicability conditions"))
    for col in (_("name"), _("kind"), _("meaning")):
        table.add_column(col)
    for name, meaning in FACT_NAMES.items():
        table.add_row(name, kinds[name], meaning)
    console().print(table)
