"""``daicho assess``: applicability, the comply-or-explain worksheet, EU AI Act tier, oversight."""

from __future__ import annotations

from typing import Any

import typer

from daicho.i18n import gettext as _
from daicho.i18n import term

from ._output import console, emit_json, to_jsonable
from ._state import state

__all__ = ["app"]

app = typer.Typer(help=_("Comply-or-explain assessment of a system."), no_args_is_help=True)

JSON_OPTION = typer.Option(False, "--json", help=_("Print JSON for scripts."))
TIMELINE_OPTION = typer.Option(
    None, "--timeline", help=_("EU AI Act timeline: current-law or digital-omnibus.")
)


@app.command()
def applicability(
    ctx: typer.Context,
    slug: str = typer.Argument(..., help=_("The system's slug.")),
    show_all: bool = typer.Option(False, "--all", help=_("Also list what does not apply.")),
    timeline: str | None = TIMELINE_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Which requirements apply to a system, and why; with --all, which do not, and why."""
    st = state(ctx)
    with st.open() as ledger:
        result = ledger.applicability(slug, timeline=timeline)
        catalog = ledger.catalog()
    if as_json:

        def row(r: Any) -> dict[str, Any]:
            req = catalog.get(r.requirement_id)
            return {
                "requirement": r.requirement_id,
                "title": req.title.get(st.lang),
                "applies": r.applies,
                "worksheet_row": r in result.rows,
                "actors": list(r.matched_actors),
                "condition": r.condition,
                "condition_met": r.condition_met,
                "facts": to_jsonable(dict(r.facts_used)),
                "effective_from": r.effective_from.isoformat() if r.effective_from else None,
                "reason": r.reason(st.lang),
            }

        emit_json(
            {
                "system": slug,
                "applies": [row(r) for r in result.applies],
                "not_applicable": [row(r) for r in result.not_applicable] if show_all else None,
            }
        )
        return
    from rich.table import Table
    from rich.text import Text

    for title, rows in (
        (_("Applies ({count})"), result.applies),
        (_("Does not apply ({count})"), result.not_applicable if show_all else []),
    ):
        if not rows:
            continue
        table = Table(title=title.format(count=len(rows)))
        table.add_column(_("requirement"), no_wrap=True)
        table.add_column(_("title"))
        table.add_column(_("why"))
        for r in rows:
            table.add_row(
                Text(r.requirement_id),
                Text(catalog.get(r.requirement_id).title.get(st.lang)),
                Text(r.reason(st.lang)),
            )
        console().print(table)
    console().print(
        _(
            "{rows} worksheet rows for {slug}; `daicho assess worksheet {slug}` shows their status."
        ).format(rows=len(result.rows), slug=slug)
    )


@app.command()
def worksheet(
    ctx: typer.Context,
    slug: str = typer.Argument(..., help=_("The system's slug.")),
    open_only: bool = typer.Option(False, "--open", help=_("Only rows without a status.")),
    as_json: bool = JSON_OPTION,
    as_yaml: bool = typer.Option(False, "--yaml", help=_("Print the worksheet as YAML.")),
) -> None:
    """The comply-or-explain worksheet: every row, its status, and completeness by principle."""
    st = state(ctx)
    with st.open() as ledger:
        view = ledger.worksheet_view(slug)
        sheet = ledger.worksheet(slug)
    if as_yaml:
        from daicho.codec import dump_record

        console().out(dump_record("worksheet", sheet), end="")
        return
    rows = view.open_rows if open_only else view.rows
    if as_json:
        emit_json(
            {
                "system": slug,
                "completeness": view.completeness,
                "answered": view.answered,
                "rows": len(view.rows),
                "by_principle": [
                    {
                        "principle": r.principle.id,
                        "title": r.principle.title.get(st.lang),
                        "answered": r.answered,
                        "total": r.total,
                        "by_status": r.by_status,
                    }
                    for r in view.rollup
                ],
                "items": [
                    {
                        "requirement": r.requirement.id,
                        "title": r.requirement.title.get(st.lang),
                        "principle": r.principle.id,
                        "item": to_jsonable(r.item) if r.item else None,
                    }
                    for r in rows
                ],
            }
        )
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(title=_("Worksheet of {slug}").format(slug=slug))
    for header in (_("requirement"), _("title"), _("status"), _("owner"), _("due"), _("evidence")):
        table.add_column(header, no_wrap=header == _("requirement"))
    for r in rows:
        item = r.item
        status = term(item.status) if item and item.status else term("open", "Verdict")
        if item and item.needs_review:
            status += " " + _("(review)")
        table.add_row(
            Text(r.requirement.id),
            Text(r.requirement.title.get(st.lang)),
            Text(status),
            Text(item.owner or "" if item else ""),
            item.due.isoformat() if item and item.due else "",
            str(len(item.evidence)) if item and item.evidence else "",
        )
    console().print(table)
    rollup = Table(title=_("Completeness by principle"))
    rollup.add_column(_("principle"), no_wrap=True)
    rollup.add_column(_("title"))
    rollup.add_column(_("answered"), justify="right")
    for p in view.rollup:
        rollup.add_row(
            Text(p.principle.id), Text(p.principle.title.get(st.lang)), f"{p.answered}/{p.total}"
        )
    console().print(rollup)
    console().print(
        _("Completeness: {answered}/{total} ({share:.0%}).").format(
            answered=view.answered, total=len(view.rows), share=view.completeness
        )
    )


_STATUS_KEYS = {
    "i": "implemented",
    "p": "partially_implemented",
    "l": "planned",
    "e": "explained",
    "n": "not_applicable",
}


@app.command()
def answer(
    ctx: typer.Context,
    slug: str = typer.Argument(..., help=_("The system's slug.")),
    requirement: str | None = typer.Option(
        None,
        "--requirement",
        "-r",
        help=_("Answer one requirement instead of walking the open ones."),
    ),
    status: str | None = typer.Option(
        None,
        "--status",
        help=_("implemented, partially_implemented, planned, explained or not_applicable."),
    ),
    explanation: str | None = typer.Option(
        None, "--explanation", help=_("The alternative taken, or why it does not apply.")
    ),
    due: str | None = typer.Option(None, "--due", help=_("Due date of a planned item.")),
    owner: str | None = typer.Option(None, "--owner", help=_("Who owns the item.")),
    notes: str | None = typer.Option(None, "--notes", help=_("Notes.")),
    evidence: list[str] = typer.Option([], "--evidence", help=_("Evidence URL (repeatable).")),
    reason: str | None = typer.Option(None, "--reason", "-m", help=_("Why.")),
) -> None:
    """Answer worksheet items: one with --requirement, or walk the open items interactively."""
    from daicho.domain import UserError

    st = state(ctx)
    with st.open() as ledger:
        if requirement is not None:
            if status is None:
                raise UserError(_("--requirement needs --status"))
            item = ledger.answer(
                slug,
                requirement,
                status=status,
                explanation=explanation,
                due=due,
                owner=owner,
                notes=notes,
                evidence=[{"title": url, "url": url} for url in evidence],
                author=st.author,
                reason=reason,
            )
            console().print(
                _("{requirement}: {status}.").format(
                    requirement=item.requirement, status=term(item.status) if item.status else ""
                )
            )
            return
        _questionnaire(ledger, slug, st.lang, st.author)


def _questionnaire(ledger: Any, slug: str, lang: str, author: str | None) -> None:
    from datetime import date

    from rich.markup import escape

    from daicho.domain import Worksheet, WorksheetItem

    out = console()
    view = ledger.worksheet_view(slug)
    system = ledger.system(slug)
    open_rows = view.open_rows
    if not open_rows:
        out.print(_("Every item of {slug} has a status.").format(slug=slug))
        return
    out.print(
        _("{count} open items for {slug}. Answer each; s skips, q saves and stops.").format(
            count=len(open_rows), slug=slug
        )
    )
    answers: list[WorksheetItem] = []
    for n, row in enumerate(open_rows, start=1):
        req = row.requirement
        out.rule(f"{n}/{len(open_rows)}  {escape(req.id)}")
        out.print(f"[bold]{escape(req.title.get(lang))}[/]")
        out.print(escape(req.summary.get(lang)))
        out.print(f"[dim]{escape(row.why.reason(lang))}[/]")
        choice = (
            typer.prompt(
                _(
                    "Status: [i]mplemented [p]artial p[l]anned [e]xplained [n]ot applicable [s]kip [q]uit"
                ),
                default="s",
            )
            .strip()
            .lower()
        )
        if choice == "q":
            break
        if choice not in _STATUS_KEYS:
            continue
        data: dict[str, Any] = {"requirement": req.id, "status": _STATUS_KEYS[choice]}
        if choice == "l":
            while True:
                text = typer.prompt(_("Due date (YYYY-MM-DD)"))
                try:
                    data["due"] = date.fromisoformat(text.strip())
                    break
                except ValueError:
                    out.print(_("Please give a date such as 2027-03-31."))
        if choice in ("e", "n"):
            label = (
                _("Explanation of the alternative") if choice == "e" else _("Why it does not apply")
            )
            while not data.get("explanation"):
                data["explanation"] = typer.prompt(label).strip()
        data["owner"] = typer.prompt(_("Owner"), default=system.owner or "").strip() or None
        notes = typer.prompt(_("Notes (optional)"), default="").strip()
        if notes:
            data["notes"] = notes
        answers.append(WorksheetItem.model_validate(data))
    if not answers:
        out.print(_("Nothing answered; nothing saved."))
        return
    sheet = ledger.worksheet(slug)
    kept = [i for i in sheet.items if i.requirement not in {a.requirement for a in answers}]
    ledger.save_worksheet(
        Worksheet(system=slug, catalog_version=sheet.catalog_version, items=kept + answers),
        author=author,
        reason=_("questionnaire: {count} answers").format(count=len(answers)),
    )
    view = ledger.worksheet_view(slug)
    out.print(
        _("Saved {count} answers. Completeness: {answered}/{total} ({share:.0%}).").format(
            count=len(answers),
            answered=view.answered,
            total=len(view.rows),
            share=view.completeness,
        )
    )


@app.command()
def eu(
    ctx: typer.Context,
    slug: str = typer.Argument(..., help=_("The system's slug.")),
    timeline: str | None = TIMELINE_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """EU AI Act tier: why, the obligations that follow with their dates, and open questions."""
    st = state(ctx)
    with st.open() as ledger:
        result = ledger.classify_eu(slug, timeline=timeline)
    lang = st.lang
    if as_json:
        emit_json(
            {
                "system": slug,
                "timeline": result.timeline,
                "in_scope": result.in_scope,
                "tier": result.tier.value,
                "tiers": [t.value for t in result.tiers],
                "provisional": result.provisional,
                "prohibited_points": result.prohibited_points,
                "high_risk_basis": result.high_risk_basis,
                "art_6_3_exempt": result.art_6_3_exempt,
                "transparency_paragraphs": result.transparency_paragraphs,
                "gpai_systemic_risk": result.gpai_systemic_risk,
                "reasons": [r.get(lang) for r in result.reasons],
                "answers": [
                    {
                        "question": a.question.value,
                        "value": a.value,
                        "source": a.source,
                        "because": a.because,
                    }
                    for a in result.answers
                ],
                "open_questions": [
                    {"id": q.id.value, "article": q.article, "question": q.text.get(lang)}
                    for q in result.open_questions
                ],
                "obligations": [
                    {
                        "requirement": o.requirement_id,
                        "title": o.title.get(lang),
                        "role": o.role,
                        "applies_from": o.applies_from.isoformat() if o.applies_from else None,
                        "key_date": o.key_date,
                        "date_status": o.date_status,
                        "date_verified": o.date_verified,
                    }
                    for o in result.obligations
                ],
            }
        )
        return
    from rich.table import Table
    from rich.text import Text

    out = console()
    tier = ", ".join(term(t) for t in result.tiers)
    if result.provisional:
        tier += " " + _("(provisional: open questions below)")
    out.print(
        Text(_("EU AI Act tier of {slug}: {tier}").format(slug=slug, tier=tier), style="bold")
    )
    for reason in result.reasons:
        out.print(Text("  • " + reason.get(lang)))
    if result.obligations:
        table = Table(title=_("Obligations ({timeline} timeline)").format(timeline=result.timeline))
        for header in (
            _("requirement"),
            _("title"),
            _("role"),
            _("applies from"),
            _("date status"),
        ):
            table.add_column(header, no_wrap=header == _("requirement"))
        for o in result.obligations:
            status = (o.date_status or "") + ("" if o.date_verified in (True, None) else " ◐")
            table.add_row(
                Text(o.requirement_id),
                Text(o.title.get(lang)),
                term(o.role, "EURole"),
                o.applies_from.isoformat() if o.applies_from else "—",
                status,
            )
        out.print(table)
    if result.open_questions:
        out.print(
            Text(
                _("Open questions — answer them in the system record under eu_ai_act:"),
                style="bold",
            )
        )
        for q in result.open_questions:
            out.print(Text(f"  {q.id.value} ({q.article}): {q.text.get(lang)}"))
        out.print(
            _('e.g. daicho system edit {slug} --set eu_ai_act.{qid}=false -m "…"').format(
                slug=slug, qid=result.open_questions[0].id.value
            )
        )


@app.command()
def oversight(
    ctx: typer.Context,
    slug: str = typer.Argument(..., help=_("The system's slug.")),
    as_json: bool = JSON_OPTION,
) -> None:
    """Whether human involvement is expected, against the recorded oversight mode."""
    st = state(ctx)
    with st.open() as ledger:
        finding = ledger.oversight(slug)
    if as_json:
        emit_json(
            {
                "system": slug,
                "expected": finding.expected,
                "recorded": finding.recorded.value,
                "gap": finding.gap,
                "reasons": [r.get(st.lang) for r in finding.reasons],
            }
        )
    else:
        from rich.text import Text

        verdict = _("GAP") if finding.gap else _("ok")
        console().print(
            Text(
                _(
                    "Human oversight of {slug}: expected {expected}, recorded {recorded} — {verdict}"
                ).format(
                    slug=slug,
                    expected=_("yes") if finding.expected else _("no"),
                    recorded=term(finding.recorded),
                    verdict=verdict,
                )
            )
        )
        for reason in finding.reasons:
            console().print(Text("  • " + reason.get(st.lang)))
    if finding.gap:
        raise typer.Exit(3)


@app.command("review-catalog")
def review_catalog(
    ctx: typer.Context,
    as_json: bool = JSON_OPTION,
) -> None:
    """After a catalog update: what changed for each system; marks worksheet items for review."""
    st = state(ctx)
    with st.open() as ledger:
        reviews = ledger.review_catalog_changes(author=st.author)
    if as_json:
        emit_json(reviews)
        return
    if not reviews:
        console().print(_("No worksheets yet; nothing to review."))
    for r in reviews:
        console().print(
            _(
                "{system}: catalog {old} → {new}: {added} added, {changed} changed, {removed} removed."
            ).format(
                system=r.system,
                old=r.from_version or "—",
                new=r.to_version,
                added=len(r.added),
                changed=len(r.changed),
                removed=len(r.removed),
            )
        )
