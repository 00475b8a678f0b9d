"""The portfolio report for management: every system, its EU tier, gaps and open risks."""

from __future__ import annotations

from collections import Counter

from daicho.i18n import translator

from ._charts import heat_map_svg
from ._context import PortfolioContext
from ._env import environment, stylesheet
from ._model_card import open_risks
from ._pdf import html_to_pdf

__all__ = ["render_portfolio_html", "render_portfolio_pdf"]


def render_portfolio_html(ctx: PortfolioContext, lang: str) -> str:
    """The portfolio report as a self-contained HTML document.

    Shows the number of systems, average worksheet completeness, open and overdue items, the
    EU AI Act tiers, a table of every system's gaps, what needs attention, a heat map of all
    open risks and the open risks, most serious first.
    """
    _ = translator(lang).gettext
    live = open_risks(ctx.risks)
    systems = ctx.systems
    tiers = Counter(g.eu_tier for g in systems)
    totals = {
        "open": sum(len(g.open_items) for g in systems),
        "overdue": sum(len(g.overdue) for g in systems),
        "risks": sum(g.open_risks for g in systems),
        "serious": sum(len(g.serious_risks) for g in systems),
    }
    average = sum(g.completeness for g in systems) / len(systems) if systems else None
    return (
        environment(lang, "html")
        .get_template("portfolio.html")
        .render(
            style=stylesheet(),
            organisation=ctx.organisation,
            generated_at=ctx.generated_at,
            systems=systems,
            tiers=sorted(tiers.items()),
            totals=totals,
            average=average,
            open_risks=live,
            heat_map=heat_map_svg(live, _),
        )
    )


def render_portfolio_pdf(ctx: PortfolioContext, lang: str) -> bytes:
    """The portfolio report as PDF (the HTML report through :func:`html_to_pdf`)."""
    return html_to_pdf(render_portfolio_html(ctx, lang))
