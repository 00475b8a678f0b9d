"""``daicho risk``: the risk register of each system."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from daicho.i18n import gettext as _
from daicho.i18n import term

from ._output import console, emit_json
from ._state import state

__all__ = ["app"]

app = typer.Typer(help=_("Risk registers: 5×5 likelihood and impact."), no_args_is_help=True)
JSON_OPTION = typer.Option(False, "--json", help=_("Print JSON for scripts."))


def _risk_rows(risks: list[Any], lang: str) -> Any:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=_("Risks ({count})").format(count=len(risks)))
    for header in (
        _("system"),
        _("risk"),
        _("title"),
        _("category"),
        _("L×I"),
        _("level"),
        _("residual"),
        _("status"),
        _("owner"),
        _("review by"),
    ):
        table.add_column(header, no_wrap=header in (_("system"), _("risk")))
    for r in risks:
        residual = r.residual_level
        table.add_row(
            Text(r.system),
            Text(r.id),
            Text(r.title.get(lang)),
            term(r.category),
            f"{r.likelihood}×{r.impact}={r.inherent_score}",
            term(r.inherent_level),
            term(residual) if residual else "—",
            term(r.status),
            Text(r.owner or "—"),
            r.review_by.isoformat() if r.review_by else "—",
        )
    return table


@app.command("list")
def list_(
    ctx: typer.Context,
    slug: str | None = typer.Argument(None, help=_("A system (default: every system).")),
    as_json: bool = JSON_OPTION,
) -> None:
    """List risks with their inherent and residual levels."""
    st = state(ctx)
    with st.open() as ledger:
        risks = ledger.risks(slug)
    if as_json:
        emit_json(
            [
                {
                    **r.model_dump(mode="json"),
                    "inherent_score": r.inherent_score,
                    "inherent_level": r.inherent_level.value,
                    "residual_level": r.residual_level.value if r.residual_level else None,
                }
                for r in risks
            ]
        )
        return
    if not risks:
        console().print(_("No risks yet. `daicho risk seed SYSTEM` proposes typical ones."))
        return
    console().print(_risk_rows(risks, st.lang))


@app.command()
def seed(
    ctx: typer.Context,
    slug: str = typer.Argument(..., help=_("The system's slug.")),
    as_json: bool = JSON_OPTION,
) -> None:
    """Add typical risks from the risk library that fit the system's profile."""
    st = state(ctx)
    with st.open() as ledger:
        added = ledger.seed_risks(slug, author=st.author)
    if as_json:
        emit_json(added)
        return
    if not added:
        console().print(_("No new risks: the library's risks for this profile are registered."))
        return
    console().print(_risk_rows(added, st.lang))
    console().print(
        _("Added {count} risks; adjust them with `daicho risk edit`.").format(count=len(added))
    )


@app.command()
def add(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help=_("A YAML file with kind: risk.")),
    reason: str = typer.Option("risk recorded", "--reason", "-m", help=_("Why.")),
) -> None:
    """Add (or replace) a risk from a YAML file."""
    st = state(ctx)
    with st.open() as ledger:
        risk = ledger.read_record_file(file, kind="risk")
        ledger.save_risk(risk, author=st.author, reason=reason)
    console().print(_("Saved risk {key}.").format(key=risk.key))


@app.command()
def edit(
    ctx: typer.Context,
    slug: str = typer.Argument(..., help=_("The system's slug.")),
    risk_id: str = typer.Argument(..., help=_("The risk's id.")),
    sets: list[str] = typer.Option(
        [], "--set", help=_("FIELD=VALUE, e.g. likelihood=2 or status=monitoring (repeatable).")
    ),
    reason: str = typer.Option(..., "--reason", "-m", help=_("Why (recorded in the audit log).")),
) -> None:
    """Change a risk: scores, treatment, owner, review date, status."""
    from daicho.domain import UserError

    from .system import _parse_assignment

    if not sets:
        raise UserError(_("give at least one --set FIELD=VALUE"))
    st = state(ctx)
    with st.open() as ledger:
        risk = ledger.update_risk(
            slug, risk_id, dict(_parse_assignment(s) for s in sets), author=st.author, reason=reason
        )
    console().print(
        _("Updated {key}: {score} ({level}).").format(
            key=risk.key, score=risk.inherent_score, level=term(risk.inherent_level)
        )
    )


@app.command()
def show(
    ctx: typer.Context,
    slug: str = typer.Argument(..., help=_("The system's slug.")),
    risk_id: str = typer.Argument(..., help=_("The risk's id.")),
    as_yaml: bool = typer.Option(False, "--yaml", help=_("Print the risk as YAML.")),
    as_json: bool = JSON_OPTION,
) -> None:
    """Show one risk."""
    st = state(ctx)
    with st.open() as ledger:
        risk = ledger.risk(slug, risk_id)
    if as_json:
        emit_json(risk)
        return
    from daicho.codec import dump_record

    text = dump_record("risk", risk)
    if as_yaml:
        console().out(text, end="")
        return
    console().print(_risk_rows([risk], st.lang))
    for control in risk.controls:
        console().print(
            f"  • {control.requirement}"
            + (f": {control.description}" if control.description else "")
        )
