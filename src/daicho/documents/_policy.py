"""The AI governance policy: a first draft for people to edit, aligned with the METI/MIC
guidelines (the common guiding principles and the agile governance cycle, cited by id)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from daicho.domain import ActorRole, Requirement
from daicho.i18n import translator

from ._context import PolicyContext
from ._env import environment, stylesheet
from ._model_card import _tidy

if TYPE_CHECKING:
    from daicho.catalog import Catalog

__all__ = ["policy_requirements", "render_policy_html", "render_policy_markdown"]

#: The framework whose principles the policy follows.
FRAMEWORK = "meti-aigl"


def policy_requirements(catalog: Catalog) -> tuple[list[Requirement], list[Requirement]]:
    """The common guiding principles (``meti-aigl/C-1`` … ``C-10``) and the agile governance
    entries (``meti-aigl/E`` then its stages), in catalog order, for :class:`PolicyContext`."""
    principles = [
        r
        for r in catalog.requirements.values()
        if r.framework_id == FRAMEWORK and r.section == "c" and r.parent is None
    ]
    governance: list[Requirement] = []
    root = f"{FRAMEWORK}/E"
    if root in catalog.requirements:
        governance = [catalog.get(root), *catalog.children(root)]
    return principles, governance


def policy_data(ctx: PolicyContext, lang: str) -> dict[str, Any]:
    """The variables the policy templates use."""
    _ = translator(lang).gettext
    org = ctx.organisation.name.get(lang) if ctx.organisation else _("the organisation")
    roles = [
        (role, sum(1 for s in ctx.systems if role in s.roles))
        for role in ActorRole
        if any(role in s.roles for s in ctx.systems)
    ]
    return {
        "title": _("AI governance policy of {organisation} (draft)").format(organisation=org),
        "purpose": _(
            "This policy sets out how {organisation} develops, provides and uses AI safely, "
            "fairly and transparently, in line with the AI Guidelines for Business of the "
            "Ministry of Economy, Trade and Industry and the Ministry of Internal Affairs and "
            "Communications, and with the AI Promotion Act."
        ).format(organisation=org),
        "scope": _(
            "It covers every AI system in the organisation's AI register ({count} at present) "
            "and everyone who develops, provides or uses them. The roles the organisation holds "
            "for its systems:"
        ).format(count=len(ctx.systems)),
        "roles": roles,
        "organisation": ctx.organisation,
        "systems": ctx.systems,
        "principles": ctx.principles,
        "governance": ctx.governance,
        "catalog_version": ctx.catalog_version,
        "generated_at": ctx.generated_at,
    }


def render_policy_markdown(ctx: PolicyContext, lang: str) -> str:
    """The policy draft as Markdown (record values escaped)."""
    env = environment(lang, "md")
    return _tidy(env.get_template("policy.md").render(**policy_data(ctx, lang)))


def render_policy_html(ctx: PolicyContext, lang: str) -> str:
    """The policy draft as a self-contained HTML document."""
    env = environment(lang, "html")
    return env.get_template("policy.html").render(style=stylesheet(), **policy_data(ctx, lang))
