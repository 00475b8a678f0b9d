"""Read a stored evaluation result (``PlanResult.to_dict()``) into what the templates show."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from ._charts import group_bars_svg
from ._context import EvaluationSummary
from ._terms import metric_label

__all__ = ["EvaluationView", "GroupingView", "evaluation_view", "hf_metrics"]

#: Per-group columns shown in the tables (rates with 95% CIs when the evidence has them).
GROUP_METRICS = ("selection_rate", "tpr", "fpr", "accuracy", "base_rate")
#: Per-group columns drawn as bar charts.
CHART_METRICS = ("selection_rate", "tpr")
#: Headline performance metrics, in this order, when present.
PERFORMANCE = ("accuracy", "roc_auc", "f1", "precision", "recall", "brier", "ece")


@dataclass
class GroupingView:
    """One sensitive grouping (e.g. ``sex``): its groups, disparities and charts."""

    grouping: str
    groups: list[dict[str, Any]]
    disparities: list[dict[str, Any]]
    charts: list[Markup] = field(default_factory=list)


@dataclass
class EvaluationView:
    """The latest evaluation as the documents show it."""

    sha256: str
    created_at: Any
    status: str | None
    plan: str | None
    task: str | None
    checks: list[dict[str, Any]]
    performance: list[tuple[str, str, float]]
    groupings: list[GroupingView]
    notes: list[str]
    sensitive: list[str]
    data_sha256: str | None


def evaluation_view(summary: EvaluationSummary, gettext: Callable[[str], str]) -> EvaluationView:
    """Turn the stored JSON into tables and inline SVG charts (titles in ``gettext``'s language)."""
    payload = summary.payload or {}
    evaluation = payload.get("evaluation") or {}
    fairness = evaluation.get("fairness") or {}
    performance = evaluation.get("performance") or {}
    checks = [
        {**c, "label": metric_label(str(c.get("metric")), gettext)}
        for c in payload.get("checks") or []
    ]
    perf = [
        (name, metric_label(name, gettext), float(performance[name]))
        for name in PERFORMANCE
        if isinstance(performance.get(name), int | float)
    ]
    groupings: dict[str, GroupingView] = {}
    for row in fairness.get("groups") or []:
        key = str(row.get("grouping"))
        groupings.setdefault(key, GroupingView(key, [], [])).groups.append(row)
    for row in fairness.get("disparities") or []:
        key = str(row.get("grouping"))
        if key in groupings:
            groupings[key].disparities.append(
                {**row, "label": metric_label(str(row.get("metric")), gettext)}
            )
    for view in groupings.values():
        for metric in CHART_METRICS:
            if any(isinstance(g.get(metric), int | float) for g in view.groups):
                title = f"{metric_label(metric, gettext)} — {view.grouping}"
                view.charts.append(group_bars_svg(view.groups, metric, title))
    notes = [str(n) for n in (evaluation.get("notes") or []) + (fairness.get("notes") or [])]
    columns = evaluation.get("columns") or {}
    inputs = payload.get("inputs") or evaluation.get("inputs") or {}
    return EvaluationView(
        sha256=summary.sha256,
        created_at=summary.created_at,
        status=summary.status or payload.get("status"),
        plan=(payload.get("plan") or {}).get("name"),
        task=evaluation.get("task"),
        checks=checks,
        performance=perf,
        groupings=list(groupings.values()),
        notes=notes,
        sensitive=[str(s) for s in columns.get("sensitive") or []],
        data_sha256=inputs.get("data") or inputs.get("predictions"),
    )


def hf_metrics(view: EvaluationView) -> list[dict[str, Any]]:
    """Hugging Face ``model-index`` metrics: performance, then each fairness disparity."""
    metrics: list[dict[str, Any]] = [
        {"type": name, "value": round(value, 6), "name": label}
        for name, label, value in view.performance
    ]
    for grouping in view.groupings:
        for d in grouping.disparities:
            if isinstance(d.get("value"), int | float):
                metrics.append(
                    {
                        "type": str(d["metric"]),
                        "value": round(float(d["value"]), 6),
                        "name": f"{d['label']} ({grouping.grouping})",
                    }
                )
    return metrics
