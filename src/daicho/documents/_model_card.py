"""Model cards: Markdown with Hugging Face–compatible YAML metadata, and HTML."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml
from markupsafe import Markup

from daicho.domain import Model, Risk, RiskLevel, RiskStatus
from daicho.i18n import translator

from ._context import SystemContext
from ._env import environment, stylesheet
from ._evaluation import EvaluationView, evaluation_view, hf_metrics

__all__ = ["model_card_data", "render_model_card_html", "render_model_card_markdown"]

_SERIOUS = (RiskLevel.HIGH, RiskLevel.CRITICAL)


def _select_model(ctx: SystemContext, model: str | None) -> Model | None:
    if model is None:
        return ctx.system.models[0] if ctx.system.models else None
    for m in ctx.system.models:
        if m.name == model:
            return m
    known = ", ".join(m.name for m in ctx.system.models) or "none"
    raise ValueError(f"{ctx.system.slug} has no model {model!r} (models: {known})")


def open_risks(risks: list[Risk]) -> list[Risk]:
    """Risks not closed, most serious (inherent score) first."""
    live = [r for r in risks if r.status is not RiskStatus.CLOSED]
    return sorted(live, key=lambda r: (-r.inherent_score, r.system, r.id))


def _out_of_scope(ctx: SystemContext, _: Callable[[str], str]) -> list[str]:
    items = [_("Any use other than the intended use above, or by users other than those listed.")]
    if ctx.system.significant_decisions:
        items.append(
            _(
                "Decisions about individuals made by the system alone, without the human review "
                "described under Human oversight."
            )
        )
    items.append(
        _("Use on people, data or conditions that differ from those the system was evaluated on.")
    )
    if not ctx.system.eu_nexus.any:
        items.append(
            _(
                "Use in the European Union, which would first need an assessment under the EU AI Act."
            )
        )
    return items


def _limitations(
    ctx: SystemContext, ev: EvaluationView | None, lang: str, _: Callable[[str], str]
) -> list[str]:
    items = [_("The output is a statistical estimate and can be wrong in an individual case.")]
    if ctx.system.generative:
        items.append(
            _("Generated content can be inaccurate or invented; check it before relying on it.")
        )
    if ev is None:
        items.append(_("No evaluation evidence has been recorded yet."))
    else:
        for check in ev.checks:
            if check.get("status") in ("fail", "warn"):
                value = check.get("value")
                items.append(
                    _(
                        "The latest evaluation did not meet the threshold of check {check} "
                        "({metric} = {value}; required {require}, warning {warn})."
                    ).format(
                        check=check.get("id"),
                        metric=check["label"],
                        value="—" if value is None else f"{float(value):.3f}",
                        require=check.get("require") or "—",
                        warn=check.get("warn") or "—",
                    )
                )
    for risk in open_risks(ctx.risks):
        level = risk.residual_level or risk.inherent_level
        if level in _SERIOUS:
            items.append(_("Known risk: {title}.").format(title=risk.title.get(lang)))
    return items


def model_card_data(ctx: SystemContext, lang: str, model: str | None = None) -> dict[str, Any]:
    """The variables the model card templates use (also used by the dossier page)."""
    _ = translator(lang).gettext
    latest = ctx.latest_evaluation
    ev = evaluation_view(latest, _) if latest else None
    live = open_risks(ctx.risks)
    counts = {level: 0 for level in RiskLevel}
    for r in live:
        counts[r.residual_level or r.inherent_level] += 1
    return {
        "system": ctx.system,
        "model": _select_model(ctx, model),
        "organisation": ctx.organisation,
        "oversight": ctx.oversight,
        "eu": ctx.eu,
        "ev": ev,
        "open_risks": live,
        "level_counts": list(counts.items()),
        "limitations": _limitations(ctx, ev, lang, _),
        "out_of_scope": _out_of_scope(ctx, _),
        "generated_at": ctx.generated_at,
    }


def hf_metadata(ctx: SystemContext, lang: str, model: str | None = None) -> dict[str, Any]:
    """Hugging Face model-card metadata: ``language``, ``license``, ``tags``, ``model-index``.

    ``license`` is taken from a system tag ``license:<id>`` (e.g. ``license:apache-2.0``) and
    left out when there is none. ``model-index`` holds one result per model, from the latest
    evaluation evidence: its task, the evaluation data (by SHA-256) and the metrics.
    """
    data = model_card_data(ctx, lang, model)
    chosen: Model | None = data["model"]
    ev: EvaluationView | None = data["ev"]
    tags = [t for t in ctx.system.tags if not t.startswith("license:")]
    licence = next((t.split(":", 1)[1] for t in ctx.system.tags if t.startswith("license:")), None)
    meta: dict[str, Any] = {"language": ["ja", "en"]}
    if licence:
        meta["license"] = licence
    meta["tags"] = ["daicho", ctx.system.sector.value, *tags]
    if chosen and chosen.framework:
        meta["library_name"] = chosen.framework.lower()
    name = chosen.name if chosen else ctx.system.slug
    results = []
    if ev is not None:
        data_hash = ev.data_sha256 or ev.sha256
        results.append(
            {
                "task": {
                    "type": f"tabular-{ev.task or 'classification'}",
                    "name": ev.task or "classification",
                },
                "dataset": {
                    "type": f"sha256:{data_hash}",
                    "name": f"{ev.plan or 'evaluation'} data",
                    "split": "test",
                },
                "metrics": hf_metrics(ev),
                "source": {"name": "daicho evaluation evidence", "url": f"sha256:{ev.sha256}"},
            }
        )
    meta["model-index"] = [{"name": name, "results": results}]
    return meta


def render_model_card_markdown(ctx: SystemContext, lang: str, model: str | None = None) -> str:
    """The model card as Markdown with Hugging Face YAML front matter.

    Parameters
    ----------
    ctx
        The system's data.
    lang
        ``ja`` or ``en``.
    model
        The name of one of the system's models (default: its first model).

    Returns
    -------
    str
        Markdown text starting with ``---`` front matter. Every value from the record is
        escaped for Markdown: no raw HTML can come through.
    """
    front = yaml.safe_dump(
        hf_metadata(ctx, lang, model), allow_unicode=True, sort_keys=False, width=100
    )
    env = environment(lang, "md")
    data = model_card_data(ctx, lang, model)
    text = env.get_template("model_card.md").render(front_matter=Markup(front.rstrip()), **data)
    return _tidy(text)


def render_model_card_html(ctx: SystemContext, lang: str, model: str | None = None) -> str:
    """The model card as a self-contained HTML document (inline CSS and SVG charts)."""
    env = environment(lang, "html")
    data = model_card_data(ctx, lang, model)
    return env.get_template("model_card.html").render(style=stylesheet(), **data)


def _tidy(text: str) -> str:
    """Collapse runs of blank lines left by template blocks."""
    lines: list[str] = []
    for line in text.splitlines():
        if not line.strip() and lines and not lines[-1].strip():
            continue
        lines.append(line.rstrip())
    return "\n".join(lines).strip() + "\n"
