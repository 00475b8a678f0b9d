"""User notices: that AI is used and for what, its limits, the data, a person to reach."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from daicho.domain import HumanOversight
from daicho.i18n import translator

from ._context import SystemContext
from ._env import environment
from ._model_card import _tidy

__all__ = ["notice_data", "render_notice_html", "render_notice_text"]


def notice_data(ctx: SystemContext, lang: str) -> dict[str, Any]:
    """The variables the notice templates use."""
    _ = translator(lang).gettext
    system = ctx.system
    org = ctx.organisation.name.get(lang) if ctx.organisation else None
    name = system.name.get(lang)
    ai_used = (
        _("This service uses an AI system, {name}, operated by {organisation}.").format(
            name=name, organisation=org
        )
        if org
        else _("This service uses an AI system, {name}.").format(name=name)
    )
    cautions = [
        _("The AI's output is an estimate and can be wrong; it is not a guarantee."),
        _("The AI can be less accurate for people or situations unlike those it was built on."),
    ]
    if system.generative:
        cautions.append(
            _("Generated content can be inaccurate or invented; check it before relying on it.")
        )
    if system.human_oversight is HumanOversight.HUMAN_IN_THE_LOOP:
        cautions.append(_("A person reviews the AI's output before a decision is made."))
    elif system.human_oversight is HumanOversight.HUMAN_ON_THE_LOOP:
        cautions.append(_("People monitor the AI's output and can step in."))
    if system.significant_decisions:
        human = _(
            "Decisions about you made with this AI's help can be reviewed by a person. To ask "
            "for a review, to contest a decision or to ask for an explanation, contact us below."
        )
    else:
        human = _("To talk to a person about this AI or its output, contact us below.")
    return {
        "system": system,
        "organisation": ctx.organisation,
        "ai_used": ai_used,
        "cautions": cautions,
        "personal": [d for d in system.datasets if d.holds_personal_data],
        "human": human,
        "generated_at": ctx.generated_at,
    }


def render_notice_html(ctx: SystemContext, lang: str, *, heading_level: int = 2) -> str:
    """The notice as an HTML snippet to embed in a page.

    No ``<html>``/``<head>``: one ``<div class="daicho-notice">`` with its own ``<style>``
    whose selectors all start with ``.daicho-notice``, so it does not restyle the host page.
    Every value is escaped.

    Parameters
    ----------
    ctx
        The system's data.
    lang
        ``ja`` or ``en``.
    heading_level
        The level of the notice's heading (2 → ``<h2>``; its sections one level below).
    """
    env = environment(lang, "html")
    data = notice_data(ctx, lang)
    return env.get_template("notice.html").render(h=heading_level, **data)


def render_notice_text(ctx: SystemContext, lang: str) -> str:
    """The notice as plain text (for e-mail, a letter or a chat message)."""
    env = environment(lang, "txt")
    return _tidy(env.get_template("notice.txt").render(**notice_data(ctx, lang)))


def notice_markup(ctx: SystemContext, lang: str, heading_level: int = 3) -> Markup:
    """The HTML snippet as markup for embedding in another template."""
    return Markup(render_notice_html(ctx, lang, heading_level=heading_level))
