"""The evaluation result: frames for notebooks, a canonical JSON form for the evidence store."""

from __future__ import annotations

import hashlib
import html
import json
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from daicho._version import __version__
from daicho.i18n import gettext as _

from ._fairness import DISPARITY_METRICS, FairnessReport
from ._pii import PiiReport

__all__ = ["EvaluationResult", "canonical_json", "jsonable"]


def jsonable(obj: Any) -> Any:
    """Plain JSON values: numpy → Python, NaN/inf → ``None``, tuples → lists, frames → records."""
    if isinstance(obj, dict):
        return {str(k): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [jsonable(v) for v in obj]
    if isinstance(obj, pd.DataFrame):
        return [jsonable(r) for r in obj.to_dict(orient="records")]
    if isinstance(obj, np.ndarray):
        return [jsonable(v) for v in obj.tolist()]
    if isinstance(obj, bool | np.bool_):
        return bool(obj)
    if isinstance(obj, int | np.integer):
        return int(obj)
    if isinstance(obj, float | np.floating):
        f = float(obj)
        return f if math.isfinite(f) else None
    if obj is None or isinstance(obj, str):
        return obj
    if obj is pd.NA or obj is pd.NaT:
        return None
    return str(obj)


CANONICAL_DIGITS = 12
"""Significant digits of floats in the canonical form. Parallel engines add floating-point sums
in a different order from run to run, which moves the last bits; rounding to 12 digits keeps
the content address of a result stable (counts and rates from counts are unaffected)."""


def _round(obj: Any) -> Any:
    if isinstance(obj, float):
        return float(f"{obj:.{CANONICAL_DIGITS}g}")
    if isinstance(obj, dict):
        return {k: _round(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_round(v) for v in obj]
    return obj


def canonical_json(obj: Any) -> str:
    """Sorted keys, no insignificant whitespace, floats to 12 significant digits, UTF-8 text:
    the form that is hashed."""
    return json.dumps(
        _round(jsonable(obj)),
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
    )


@dataclass
class EvaluationResult:
    """Everything one evaluation measured.

    Attributes
    ----------
    engine
        The Ibis backend that computed the metrics (``duckdb``, ``pyspark`` …).
    task
        ``classification`` or ``regression``.
    columns
        Roles → column names used (``target``, ``prediction``, ``score``, ``sensitive``).
    fairness, performance, quality, privacy, robustness, explainability
        Each section, or ``None`` when not run.
    settings
        Parameters that change numbers (``min_group_size``, ``bootstrap``, ``seed`` …).
    inputs
        Input name → SHA-256, as given by the caller.
    notes
        Things a reader should know (skipped sections and why, small groups …).
    """

    engine: str
    task: str
    columns: dict[str, Any]
    settings: dict[str, Any]
    fairness: FairnessReport | None = None
    performance: dict[str, Any] | None = None
    quality: dict[str, Any] | None = None
    privacy: PiiReport | None = None
    robustness: pd.DataFrame | None = None
    explainability: pd.DataFrame | None = None
    inputs: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    # ---- machine forms -------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dict (see :meth:`to_json` for the canonical text)."""
        out: dict[str, Any] = {
            "kind": "daicho.evaluation",
            "daicho_version": __version__,
            "engine": self.engine,
            "task": self.task,
            "columns": self.columns,
            "settings": self.settings,
            "inputs": dict(sorted(self.inputs.items())),
            "notes": self.notes,
        }
        if self.fairness is not None:
            f = self.fairness
            groups = f.groups.drop(columns=["values"]).copy()
            groups["values"] = [list(v) for v in f.groups["values"]]
            out["fairness"] = {
                "groups": groups,
                "disparities": f.disparities,
                "calibration": f.calibration,
                "notes": f.notes,
            }
        if self.performance is not None:
            out["performance"] = self.performance
        if self.quality is not None:
            out["quality"] = self.quality
        if self.privacy is not None:
            p = self.privacy
            out["privacy"] = {
                "findings": p.to_frame(),
                "total": p.total,
                "columns_scanned": p.columns_scanned,
                "rows_scanned": p.rows_scanned,
                "notes": p.notes,
            }
        if self.robustness is not None:
            out["robustness"] = self.robustness
        if self.explainability is not None:
            out["explainability"] = self.explainability
        return jsonable(out)

    def to_json(self) -> str:
        """Canonical JSON text (sorted keys, compact)."""
        return canonical_json(self.to_dict())

    def sha256(self) -> str:
        """SHA-256 of :meth:`to_json`: the content address of this result."""
        return hashlib.sha256(self.to_json().encode("utf-8")).hexdigest()

    def to_frame(self) -> pd.DataFrame:
        """All numbers in one long frame.

        Columns: ``section, grouping, group, metric, value, ci_low, ci_high, flag``.
        """
        rows: list[dict[str, Any]] = []
        if self.performance:
            for k, v in self.performance.items():
                rows.append({"section": "performance", "metric": k, "value": v})
        if self.fairness is not None:
            g = self.fairness.groups
            metrics = [
                c
                for c in g.columns
                if c not in ("grouping", "group", "values", "small")
                and not c.endswith(("_ci_low", "_ci_high"))
            ]
            for rec in g.to_dict(orient="records"):
                for m in metrics:
                    rows.append(
                        {
                            "section": "fairness",
                            "grouping": rec["grouping"],
                            "group": rec["group"],
                            "metric": m,
                            "value": rec[m],
                            "ci_low": rec.get(f"{m}_ci_low"),
                            "ci_high": rec.get(f"{m}_ci_high"),
                            "flag": "small_group" if rec["small"] else None,
                        }
                    )
            for rec in self.fairness.disparities.to_dict(orient="records"):
                rows.append(
                    {
                        "section": "fairness",
                        "grouping": rec["grouping"],
                        "metric": rec["metric"],
                        "value": rec["value"],
                        "ci_low": rec["ci_low"],
                        "ci_high": rec["ci_high"],
                        "flag": "four_fifths" if rec["flag"] else None,
                    }
                )
        if self.quality:
            for k, v in self.quality.items():
                if isinstance(v, dict):
                    for kk, vv in v.items():
                        if isinstance(vv, dict):
                            for g, share in vv.items():
                                rows.append(
                                    {
                                        "section": "quality",
                                        "grouping": kk,
                                        "group": g,
                                        "metric": k,
                                        "value": share,
                                    }
                                )
                        else:
                            rows.append(
                                {"section": "quality", "group": kk, "metric": k, "value": vv}
                            )
                else:
                    rows.append({"section": "quality", "metric": k, "value": v})
        if self.privacy is not None:
            for f in self.privacy.findings:
                rows.append(
                    {
                        "section": "privacy",
                        "grouping": f.column,
                        "metric": f.detector,
                        "value": f.count,
                    }
                )
        if self.robustness is not None:
            for rec in self.robustness.to_dict(orient="records"):
                for m in ("drop", "flip_rate"):
                    rows.append(
                        {
                            "section": "robustness",
                            "group": f"{rec['perturbation']}@{rec['level']:g}",
                            "metric": m,
                            "value": rec[m],
                            "flag": rec.get("error"),
                        }
                    )
        if self.explainability is not None:
            for rec in self.explainability.to_dict(orient="records"):
                rows.append(
                    {
                        "section": "explainability",
                        "group": rec["feature"],
                        "metric": "permutation_importance",
                        "value": rec["importance_mean"],
                    }
                )
        cols = ["section", "grouping", "group", "metric", "value", "ci_low", "ci_high", "flag"]
        return pd.DataFrame(rows, columns=cols)

    # ---- notebook form -------------------------------------------------------------------
    def _repr_html_(self) -> str:
        e = html.escape
        parts = [
            "<div class='daicho-evaluation'>",
            "<h3>"
            + e(
                _("daicho evaluation — {task} on {engine}").format(
                    task=self.task, engine=self.engine
                )
            )
            + "</h3>",
        ]
        if self.performance:
            parts.append(
                _table(
                    _("Performance"),
                    ["metric", "value"],
                    [[k, _fmt(v)] for k, v in self.performance.items()],
                )
            )
        if self.fairness is not None:
            d = self.fairness.disparities
            d = d[d["metric"].isin(DISPARITY_METRICS)]
            ci = self.fairness.bootstrap > 0
            head = ["grouping", "metric", "value", *(["CI"] if ci else []), "groups", "flag"]
            body = [
                [
                    r["grouping"],
                    r["metric"],
                    _fmt(r["value"]),
                    *([f"[{_fmt(r['ci_low'])}, {_fmt(r['ci_high'])}]"] if ci else []),
                    str(r["n_groups"]),
                    _("below 4/5") if r["flag"] else "",
                ]
                for r in d.to_dict(orient="records")
            ]
            parts.append(_table(_("Fairness disparities"), head, body))
            g = self.fairness.groups
            cols = [
                "grouping",
                "group",
                "count",
                "selection_rate",
                "accuracy",
                "tpr",
                "fpr",
                "precision",
                "small",
            ]
            body = [[_fmt(r[c]) for c in cols] for r in g.to_dict(orient="records")]
            title = _("Groups (min size {size})").format(size=self.fairness.min_group_size)
            parts.append(_table(title, cols, body))
        if self.quality:
            q = self.quality
            body = [
                [k, _fmt(q[k])]
                for k in ("rows", "max_missing_rate", "duplicate_rate", "min_group_share")
                if k in q
            ]
            parts.append(_table(_("Data quality"), ["measure", "value"], body))
        if self.privacy is not None:
            body = [
                [f.column, f.detector, str(f.count), ", ".join(map(str, f.example_rows))]
                for f in self.privacy.findings
            ]
            parts.append(
                _table(
                    _("Personal information ({count} matches)").format(count=self.privacy.total),
                    ["column", "detector", "count", "example rows"],
                    body,
                )
            )
        if self.robustness is not None:
            body = [
                [
                    r["perturbation"],
                    _fmt(r["level"]),
                    _fmt(r["drop"]),
                    _fmt(r["flip_rate"]),
                    r.get("error") or "",
                ]
                for r in self.robustness.to_dict(orient="records")
            ]
            parts.append(
                _table(
                    _("Robustness"), ["perturbation", "level", "drop", "flip rate", "error"], body
                )
            )
        if self.explainability is not None:
            body = [
                [r["feature"], _fmt(r["importance_mean"]), _fmt(r["importance_std"])]
                for r in self.explainability.head(15).to_dict(orient="records")
            ]
            parts.append(_table(_("Permutation importance"), ["feature", "mean", "std"], body))
        if self.notes:
            parts.append("<ul>" + "".join(f"<li>{e(n)}</li>" for n in self.notes) + "</ul>")
        parts.append("</div>")
        return "".join(parts)


def _fmt(v: Any) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "—"
    if isinstance(v, bool | np.bool_):
        return _("yes") if v else ""
    if isinstance(v, float | np.floating):
        return f"{float(v):.4g}"
    return str(v)


def _table(title: str, head: list[str], body: list[list[Any]]) -> str:
    e = html.escape
    th = "".join(f"<th>{e(str(h))}</th>" for h in head)
    trs = "".join("<tr>" + "".join(f"<td>{e(str(c))}</td>" for c in row) + "</tr>" for row in body)
    return f"<h4>{e(title)}</h4><table><thead><tr>{th}</tr></thead><tbody>{trs}</tbody></table>"
