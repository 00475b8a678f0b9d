"""One scan: sufficient statistics per (finest group, y_true, y_pred[, score bin]).

Every count-based fairness and classification metric is a ratio of confusion-cell counts, so the
data is scanned once with a single ``GROUP BY sensitive..., y_true, y_pred[, score_bin]`` (an Ibis
expression that runs on any backend). The result has at most ``groups × 4 × bins`` rows; coarser
groupings are exact integer roll-ups of it (what ``GROUPING SETS`` would compute) and are done on
that small table, as are the disparities and the bootstrap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import ibis
import numpy as np
import pandas as pd
from ibis import BaseBackend
from ibis.expr.types import Table

from daicho.domain import UserError
from daicho.i18n import gettext as _

from ._engine import fetch
from ._validate import require_columns

__all__ = ["CellStats", "cell_stats", "cell_stats_expr"]

EPS = float(np.finfo(np.float64).eps)
"""Probabilities are clipped to ``[EPS, 1 - EPS]`` for log loss, as scikit-learn does."""

_Y, _P, _BIN = "__y", "__p", "__bin"
CELLS = ("tn", "fp", "fn", "tp")  # index = 2 * y_true + y_pred


def cell_stats_expr(
    table: Table,
    *,
    y_true: str,
    y_pred: str,
    sensitive: Sequence[str] = (),
    score: str | None = None,
    n_bins: int = 10,
) -> Table:
    """The single-scan aggregation as an Ibis expression.

    Returns one row per (sensitive values, y_true, y_pred[, score bin]) with ``n`` and, when a
    score is given, ``score_n`` (rows with a usable score), ``score_sum``, ``sq_sum`` (Brier),
    ``ll_sum`` (log loss), ``score_min`` and ``score_max``. Bins are equal-width on [0, 1]:
    bin ``b`` holds ``b/n_bins <= score < (b+1)/n_bins``, and a score of exactly 1 falls in the
    last bin. NaN and null scores count as missing (``__bin`` null, not in ``score_n``).
    """
    keys = [table[c] for c in sensitive]
    keys += [table[y_true].name(_Y), table[y_pred].name(_P)]
    aggs: dict[str, ibis.Value] = {"n": table.count()}
    if score is not None:
        s = table[score].cast("float64")
        valid = s.notnull() & ~s.isnan()
        y = table[y_true].cast("float64")
        ibin = ibis.least((s * n_bins).floor(), n_bins - 1).cast("int32")
        keys.append(ibis.ifelse(valid, ibin, ibis.null("int32")).name(_BIN))
        p = s.clip(lower=EPS, upper=1.0 - EPS)
        q = (1.0 - s).clip(lower=EPS, upper=1.0 - EPS)
        aggs |= {
            "score_n": valid.sum(),
            "score_sum": s.sum(where=valid),
            "sq_sum": ((s - y) * (s - y)).sum(where=valid),
            "ll_sum": ibis.ifelse(y == 1.0, -p.ln(), -q.ln()).sum(where=valid),
            "score_min": s.min(where=valid),
            "score_max": s.max(where=valid),
        }
    return table.group_by(keys).aggregate(**aggs)


@dataclass(frozen=True)
class CellStats:
    """The fetched single-scan result, validated, with confusion cells as columns.

    Attributes
    ----------
    groups
        One row per finest group: the sensitive columns, then ``tn, fp, fn, tp`` (int64) and,
        with a score, ``score_n, score_n_pos, score_sum, sq_sum, ll_sum``.
    bins
        With a score: one row per (finest group, bin) with ``n, pos, score_sum``; else ``None``.
    sensitive
        The sensitive columns, finest grouping.
    n_bins
        Number of equal-width calibration bins.
    """

    groups: pd.DataFrame
    bins: pd.DataFrame | None
    sensitive: tuple[str, ...]
    n_bins: int

    @property
    def has_score(self) -> bool:
        """Whether score statistics were computed."""
        return self.bins is not None

    @property
    def total(self) -> int:
        """Total number of rows scanned."""
        return int(self.groups[list(CELLS)].to_numpy().sum())


def _check_binary(values: pd.Series, counts: pd.Series, column: str, source: str) -> None:
    bad: dict[str | None, int] = {}
    for value, n in zip(values, counts, strict=True):
        missing = bool(pd.isna(value))
        ok = not missing and not isinstance(value, str | bytes) and value in (0, 1)
        if not ok:
            key = None if missing else repr(value)
            bad[key] = bad.get(key, 0) + int(n)
    if bad:
        # TRANSLATORS: "missing" stands for an empty cell in a label column.
        empty = _("missing")
        shown = ", ".join(
            _("{value} ({count} rows)").format(value=empty if k is None else k, count=v)
            for k, v in list(bad.items())[:5]
        )
        raise UserError(
            _(
                "{source}: column {column!r} must hold binary labels 0/1 for a binary metric, "
                "but it also holds {shown}; map the labels to 0/1 (1 = the favourable/positive "
                "outcome) or use a regression metric"
            ).format(source=source, column=column, shown=shown)
        )


def cell_stats(
    table: Table,
    con: BaseBackend,
    *,
    y_true: str,
    y_pred: str,
    sensitive: Sequence[str] = (),
    score: str | None = None,
    n_bins: int = 10,
    source: str = "data",
) -> CellStats:
    """Run the single scan on ``con`` and return validated :class:`CellStats`.

    Raises
    ------
    UserError
        When a column is missing, the data has no rows, labels are not 0/1, or scores are not
        probabilities in [0, 1].
    """
    sensitive = tuple(sensitive)
    require_columns(
        table.columns,
        {"target": [y_true], "prediction": [y_pred], "score": [score], "sensitive": sensitive},
        source,
    )
    raw = fetch(
        cell_stats_expr(
            table, y_true=y_true, y_pred=y_pred, sensitive=sensitive, score=score, n_bins=n_bins
        ),
        con,
    )
    if raw.empty:
        raise UserError(
            _("{source}: the data has 0 rows; there is nothing to evaluate").format(source=source)
        )
    for col, name in ((_Y, y_true), (_P, y_pred)):
        values, codes = _factorize(raw[col])
        counts = np.bincount(codes, weights=raw["n"].to_numpy(), minlength=len(values))
        _check_binary(pd.Series(values, dtype=object), pd.Series(counts), name, source)
    if score is not None:
        lo, hi = raw["score_min"].min(), raw["score_max"].max()
        if (pd.notna(lo) and lo < 0.0) or (pd.notna(hi) and hi > 1.0):
            raise UserError(
                _(
                    "{source}: score column {score!r} must hold probabilities in [0, 1] "
                    "(found values from {low} to {high}); pass the positive-class probability"
                ).format(source=source, score=score, low=f"{lo:g}", high=f"{hi:g}")
            )
    return _pivot(raw, list(sensitive), score is not None, n_bins)


def _factorize(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    codes, uniques = pd.factorize(column, sort=True, use_na_sentinel=False)
    return np.asarray(uniques, dtype=object), codes


def _pivot(raw: pd.DataFrame, keys: list[str], has_score: bool, n_bins: int) -> CellStats:
    """Finest-group table: one row per group, confusion cells (and score sums) as columns."""
    y = raw[_Y].to_numpy().astype(np.int64)
    cell = 2 * y + raw[_P].to_numpy().astype(np.int64)
    if keys:
        parts = [_factorize(raw[c]) for c in keys]
        shape = tuple(len(u) for u, _ in parts)
        flat = np.ravel_multi_index(tuple(c for _, c in parts), shape)
        group_keys, index = np.unique(flat, return_inverse=True)
        unravelled = np.unravel_index(group_keys, shape)
        out: dict[str, np.ndarray] = {
            c: part[0][u] for c, part, u in zip(keys, parts, unravelled, strict=True)
        }
    else:
        group_keys, index = np.zeros(1, dtype=np.int64), np.zeros(len(raw), dtype=np.int64)
        out = {}
    g = len(group_keys)
    n = raw["n"].to_numpy().astype(np.int64)
    counts = np.zeros((g, 4), dtype=np.int64)
    np.add.at(counts, (index, cell), n)
    for j, name in enumerate(CELLS):
        out[name] = counts[:, j]
    bins = None
    if has_score:
        score_n = raw["score_n"].to_numpy().astype(np.int64)
        for name, values in (("score_n", score_n), ("score_n_pos", score_n * y)):
            acc = np.zeros(g, dtype=np.int64)
            np.add.at(acc, index, values)
            out[name] = acc
        for name in ("score_sum", "sq_sum", "ll_sum"):
            acc = np.zeros(g, dtype=np.float64)
            np.add.at(acc, index, raw[name].to_numpy(dtype=np.float64, na_value=0.0))
            out[name] = acc
        bin_col = raw[_BIN]
        scored = bin_col.notna().to_numpy()
        b = bin_col.to_numpy(dtype=np.float64, na_value=-1)[scored].astype(np.int64)
        flat_bin = index[scored] * n_bins + b
        tables = {}
        for name, values in (
            ("n", score_n[scored]),
            ("pos", (score_n * y)[scored]),
            ("score_sum", raw["score_sum"].to_numpy(dtype=np.float64, na_value=0.0)[scored]),
        ):
            acc = np.zeros(g * n_bins, dtype=values.dtype)
            np.add.at(acc, flat_bin, values)
            tables[name] = acc
        present = np.flatnonzero(tables["n"] > 0)
        bins = pd.DataFrame(
            {
                **{c: out[c][present // n_bins] for c in keys},
                "bin": present % n_bins,
                **{k: v[present] for k, v in tables.items()},
            }
        )
    return CellStats(groups=pd.DataFrame(out), bins=bins, sensitive=tuple(keys), n_bins=n_bins)
