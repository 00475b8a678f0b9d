"""Performance metrics: classification (from the single scan) and regression, as Ibis expressions.

Classification counts and score sums come from :func:`~daicho.evaluation._stats.cell_stats`; ROC
AUC needs the order of scores and runs as its own Ibis expression, in exact integer arithmetic.
"""

from __future__ import annotations

from typing import Any

import ibis
import numpy as np
from ibis import BaseBackend
from ibis.expr.types import Table

from daicho.domain import UserError
from daicho.i18n import gettext as _

from ._engine import fetch
from ._stats import CellStats
from ._validate import require_columns

__all__ = [
    "CLASSIFICATION_METRICS",
    "REGRESSION_METRICS",
    "classification_metrics",
    "regression_metrics",
    "roc_auc_expr",
]

CLASSIFICATION_METRICS = (
    "n",
    "accuracy",
    "precision",
    "recall",
    "f1",
    "base_rate",
    "selection_rate",
    "n_scored",
    "roc_auc",
    "log_loss",
    "brier",
    "ece",
)
REGRESSION_METRICS = ("n", "mae", "rmse", "r2")


def _ratio(num: float, den: float) -> float | None:
    return float(num) / float(den) if den > 0 else None


def roc_auc_expr(table: Table, *, y_true: str, score: str) -> Table:
    """ROC AUC as one Ibis expression (ties count one half, as in scikit-learn).

    Rows are grouped by distinct score with their positive and negative counts ``p_s, n_s``;
    ``2·AUC·P·N = Σ_s p_s · (2·N_{<s} + n_s)`` where ``N_{<s}`` is the number of negatives with
    a lower score (a running sum). Everything is an integer, so the result is exact and the same
    on every backend. Returns one row: ``twice_num``, ``pos``, ``neg``.
    """
    s = table[score].cast("float64")
    y = table[y_true]
    valid = s.notnull() & ~s.isnan()
    per = (
        table.filter(valid)
        .group_by(s.name("s"))
        .aggregate(p=(y == 1).cast("int64").sum(), q=(y == 0).cast("int64").sum())
    )
    below = per.mutate(below=per.q.cumsum(order_by=per.s) - per.q)
    return below.aggregate(
        twice_num=(below.p * (2 * below.below + below.q)).sum(),
        pos=below.p.sum(),
        neg=below.q.sum(),
    )


def classification_metrics(
    stats: CellStats,
    *,
    table: Table | None = None,
    con: BaseBackend | None = None,
    y_true: str | None = None,
    score: str | None = None,
) -> dict[str, Any]:
    """Overall classification metrics.

    ``accuracy, precision, recall, f1, base_rate, selection_rate`` come from the confusion counts;
    with a score, ``log_loss`` (probabilities clipped to [eps, 1 − eps] as in scikit-learn),
    ``brier`` (mean squared difference of score and label), ``ece`` (expected calibration error:
    ``Σ_b n_b/n · |mean score_b − observed rate_b|`` over ``stats.n_bins`` equal-width bins on
    [0, 1], the last bin closed) and ``roc_auc`` (needs ``table``, ``con``, ``y_true`` and
    ``score``). Score metrics use the rows with a usable score (``n_scored``). Undefined values
    (a zero denominator, a single class) are ``None``.
    """
    g = stats.groups
    tn, fp, fn, tp = (int(g[c].sum()) for c in ("tn", "fp", "fn", "tp"))
    n = tn + fp + fn + tp
    out: dict[str, Any] = {
        "n": n,
        "accuracy": _ratio(tp + tn, n),
        "precision": _ratio(tp, tp + fp),
        "recall": _ratio(tp, tp + fn),
        "f1": _ratio(2 * tp, 2 * tp + fp + fn),
        "base_rate": _ratio(tp + fn, n),
        "selection_rate": _ratio(tp + fp, n),
    }
    if not stats.has_score:
        return out
    n_scored = int(g["score_n"].sum())
    out["n_scored"] = n_scored
    out["log_loss"] = _ratio(float(g["ll_sum"].sum()), n_scored)
    out["brier"] = _ratio(float(g["sq_sum"].sum()), n_scored)
    bins = stats.bins
    assert bins is not None
    per_bin = bins.groupby("bin")[["n", "pos", "score_sum"]].sum()
    gap = np.abs(per_bin["score_sum"].to_numpy() - per_bin["pos"].to_numpy()).sum()
    out["ece"] = _ratio(float(gap), n_scored)
    out["roc_auc"] = None
    if table is not None and con is not None and y_true and score:
        row = fetch(roc_auc_expr(table, y_true=y_true, score=score), con).iloc[0]
        pos = 0 if row.isna()["pos"] else int(row["pos"])
        neg = 0 if row.isna()["neg"] else int(row["neg"])
        if pos > 0 and neg > 0:
            out["roc_auc"] = int(row["twice_num"]) / (2 * pos * neg)
    return out


def regression_metrics(
    table: Table, con: BaseBackend, *, y_true: str, y_pred: str, source: str = "data"
) -> dict[str, Any]:
    """MAE, RMSE and R² as Ibis expressions (two passes: R²'s total sum of squares is taken
    around the mean from the first pass, which keeps it accurate). Rows where either column is
    null are an error. R² is ``None`` when the target is constant."""
    require_columns(table.columns, {"target": [y_true], "prediction": [y_pred]}, source)
    y = table[y_true].cast("float64")
    p = table[y_pred].cast("float64")
    err = p - y
    first = fetch(
        table.aggregate(
            n=table.count(),
            missing=(y.isnull() | p.isnull()).cast("int64").sum(),
            abs_sum=err.abs().sum(),
            sq_sum=(err * err).sum(),
            mean=y.mean(),
        ),
        con,
    ).iloc[0]
    n = int(first["n"])
    if n == 0:
        raise UserError(
            _("{source}: the data has 0 rows; there is nothing to evaluate").format(source=source)
        )
    if int(first["missing"]) > 0:
        raise UserError(
            _(
                "{source}: {count} rows have no value in {target!r} or {prediction!r}; drop or "
                "fill them before a regression evaluation"
            ).format(source=source, count=int(first["missing"]), target=y_true, prediction=y_pred)
        )
    mean = float(first["mean"])
    d = y - ibis.literal(mean)
    sst = float(fetch(table.aggregate(sst=(d * d).sum()), con).iloc[0]["sst"])
    sq = float(first["sq_sum"])
    return {
        "n": n,
        "mae": float(first["abs_sum"]) / n,
        "rmse": float(np.sqrt(sq / n)),
        "r2": 1.0 - sq / sst if sst > 0 else None,
    }
