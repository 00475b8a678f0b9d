"""Group fairness: per-group metrics, disparities and bootstrap intervals from one scan.

The data is read once (:func:`~daicho.evaluation._stats.cell_stats`); each grouping (a single
sensitive attribute or an intersection) is an exact roll-up of the finest-group confusion counts,
and every metric below is a ratio of those counts, so nothing here touches the rows again.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from daicho.domain import UserError
from daicho.i18n import gettext as _

from ._stats import CELLS, CellStats

__all__ = [
    "DISPARITY_METRICS",
    "GROUP_METRICS",
    "RATIOS",
    "FairnessReport",
    "fairness_from_stats",
    "groupings_for",
]

Cells = Mapping[str, Any]

RATIOS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "base_rate": (("fn", "tp"), CELLS),
    "selection_rate": (("fp", "tp"), CELLS),
    "accuracy": (("tn", "tp"), CELLS),
    "tpr": (("tp",), ("tp", "fn")),
    "fpr": (("fp",), ("fp", "tn")),
    "fnr": (("fn",), ("fn", "tp")),
    "tnr": (("tn",), ("tn", "fp")),
    "precision": (("tp",), ("tp", "fp")),
}
"""Every count-based group metric as (numerator cells, denominator cells).

``tn, fp, fn, tp`` are the confusion counts of a group; a zero denominator gives null (NaN in
frames, ``None`` in dicts), never ``inf`` or an exception.
"""

SCORE_RATIOS: dict[str, tuple[str, str]] = {
    "mean_score": ("score_sum", "score_n"),
    "observed_rate": ("score_n_pos", "score_n"),
}

GROUP_METRICS: tuple[str, ...] = (
    "count",
    "share",
    *RATIOS,
    "mean_score",
    "observed_rate",
    "calibration_gap",
)

DISPARITY_METRICS: tuple[str, ...] = (
    "demographic_parity_difference",
    "demographic_parity_ratio",
    "equalized_odds_difference",
    "equalized_odds_ratio",
    "equal_opportunity_difference",
    "equal_opportunity_ratio",
)

FOUR_FIFTHS = 0.8


def _div(num: Any, den: Any) -> np.ndarray:
    num = np.asarray(num, dtype=np.float64)
    den = np.asarray(den, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)


def ratio_metrics(cells: Cells) -> dict[str, np.ndarray]:
    """Apply :data:`RATIOS` to arrays of confusion counts of any (matching) shape."""
    out = {}
    for name, (num, den) in RATIOS.items():
        out[name] = _div(sum(cells[c] for c in num), sum(cells[c] for c in den))
    return out


def _spread(values: np.ndarray, eligible: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Max − min and min / max over eligible groups along the last axis (NaN-aware)."""
    v = np.where(eligible, values, np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        hi = np.nanmax(v, axis=-1)
        lo = np.nanmin(v, axis=-1)
    return hi - lo, _div(lo, hi)


def disparities(metrics: Mapping[str, np.ndarray], eligible: np.ndarray) -> dict[str, np.ndarray]:
    """The disparity metrics over the last axis, computed the way fairlearn defines them.

    demographic parity difference / ratio: max − min and min / max of selection rate;
    equal opportunity difference / ratio: the same for the true-positive rate; equalized odds
    difference: the larger of the TPR and FPR differences; equalized odds ratio: the smaller of
    the TPR and FPR ratios.
    """
    sel_d, sel_r = _spread(metrics["selection_rate"], eligible)
    tpr_d, tpr_r = _spread(metrics["tpr"], eligible)
    fpr_d, fpr_r = _spread(metrics["fpr"], eligible)
    return {
        "demographic_parity_difference": sel_d,
        "demographic_parity_ratio": sel_r,
        "equalized_odds_difference": np.fmax(tpr_d, fpr_d),
        "equalized_odds_ratio": np.fmin(tpr_r, fpr_r),
        "equal_opportunity_difference": tpr_d,
        "equal_opportunity_ratio": tpr_r,
    }


def groupings_for(
    sensitive: Sequence[str], groupings: Literal["default", "all"] | Sequence[Sequence[str]]
) -> list[tuple[str, ...]]:
    """Resolve ``groupings``: ``"default"`` = each attribute alone plus their intersection,
    ``"all"`` = every non-empty subset, or an explicit list of column lists."""
    sens = tuple(sensitive)
    if groupings == "default":
        out = [(c,) for c in sens]
        if len(sens) > 1:
            out.append(sens)
        return out
    if groupings == "all":
        return [g for k in range(1, len(sens) + 1) for g in itertools.combinations(sens, k)]
    out = []
    for g in groupings:
        g = (g,) if isinstance(g, str) else tuple(g)
        for c in g:
            if c not in sens:
                raise UserError(
                    _(
                        "grouping {grouping} uses {column!r}, which is not a sensitive column "
                        "{sensitive}"
                    ).format(grouping=list(g), column=c, sensitive=list(sens))
                )
        out.append(g)
    return out


def grouping_name(grouping: Sequence[str]) -> str:
    """``sex`` or ``sex*age_band``: the stable name of a grouping."""
    return "*".join(grouping)


def group_label(grouping: Sequence[str], values: Sequence[Any]) -> str:
    """``sex=female, age_band=18-29``: a readable, stable group label."""
    return ", ".join(f"{c}={_show(v)}" for c, v in zip(grouping, values, strict=True))


def _show(value: Any) -> str:
    return "<missing>" if pd.isna(value) else str(value)


@dataclass
class FairnessReport:
    """Fairness results for every grouping.

    Attributes
    ----------
    groups
        One row per (grouping, group): ``grouping``, ``group`` (label), ``values`` (tuple of the
        attribute values), ``count``, ``share``, ``small`` (``count < min_group_size``), the
        :data:`GROUP_METRICS` and, with a bootstrap, ``<metric>_ci_low`` / ``<metric>_ci_high``.
    disparities
        One row per (grouping, metric): ``value``, ``ci_low``, ``ci_high``, ``n_groups`` (groups
        compared), ``excluded`` (labels of small groups left out) and ``flag`` (``True`` when a
        demographic parity ratio is below the four-fifths rule's 0.8).
    calibration
        With a score: per (grouping, group, bin) ``n``, ``mean_score``, ``observed_rate``.
    """

    groups: pd.DataFrame
    disparities: pd.DataFrame
    calibration: pd.DataFrame | None
    min_group_size: int
    bootstrap: int
    confidence: float
    seed: int
    notes: list[str] = field(default_factory=list)

    def disparity(self, metric: str, grouping: Sequence[str] | str) -> float | None:
        """One disparity value (``None`` when undefined)."""
        name = grouping if isinstance(grouping, str) else grouping_name(grouping)
        rows = self.disparities[
            (self.disparities["grouping"] == name) & (self.disparities["metric"] == metric)
        ]
        if rows.empty:
            raise UserError(
                _("no disparity {metric!r} for grouping {grouping!r}").format(
                    metric=metric, grouping=name
                )
            )
        value = rows["value"].iloc[0]
        return None if pd.isna(value) else float(value)


class _Keys:
    """Factorised sensitive columns of the finest-group table, for fast roll-ups."""

    def __init__(self, stats: CellStats) -> None:
        self.stats = stats
        self.codes: dict[str, np.ndarray] = {}
        self.uniques: dict[str, np.ndarray] = {}
        for c in stats.sensitive:
            codes, uniques = pd.factorize(stats.groups[c], sort=True, use_na_sentinel=False)
            self.codes[c] = codes
            self.uniques[c] = np.asarray(uniques, dtype=object)

    def rollup(self, grouping: tuple[str, ...]) -> tuple[dict[str, np.ndarray], np.ndarray]:
        """Sum the finest groups into ``grouping``: (columns of the rolled table, finest → group).

        The rolled columns are the grouping's attribute values, then every statistic column.
        """
        shape = tuple(len(self.uniques[c]) for c in grouping)
        flat = np.ravel_multi_index(tuple(self.codes[c] for c in grouping), shape)
        keys, index = np.unique(flat, return_inverse=True)
        parts = np.unravel_index(keys, shape)
        out: dict[str, np.ndarray] = {
            c: self.uniques[c][part] for c, part in zip(grouping, parts, strict=True)
        }
        finest = self.stats.groups
        for col in finest.columns:
            if col in self.stats.sensitive:
                continue
            values = finest[col].to_numpy()
            acc = np.zeros(len(keys), dtype=values.dtype)
            np.add.at(acc, index, values)
            out[col] = acc
        return out, index


def _group_table(
    rolled: Mapping[str, np.ndarray], grouping: tuple[str, ...], total: int, has_score: bool
) -> dict[str, Any]:
    cells = {c: rolled[c] for c in CELLS}
    count = sum(cells.values())
    values = list(zip(*(rolled[c] for c in grouping), strict=True))
    out: dict[str, Any] = {
        "grouping": [grouping_name(grouping)] * len(values),
        "group": [group_label(grouping, v) for v in values],
        "values": values,
        "count": count.astype(np.int64),
        "share": _div(count, total),
    }
    out |= ratio_metrics(cells)
    for c in CELLS:
        out[c] = cells[c].astype(np.int64)
    if has_score:
        for name, (num, den) in SCORE_RATIOS.items():
            out[name] = _div(rolled[num], rolled[den])
        out["calibration_gap"] = out["mean_score"] - out["observed_rate"]
        out["score_n"] = rolled["score_n"].astype(np.int64)
    return out


def _percentiles(samples: np.ndarray, confidence: float) -> tuple[np.ndarray, np.ndarray]:
    alpha = (1.0 - confidence) / 2.0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        lo = np.nanpercentile(samples, 100 * alpha, axis=0)
        hi = np.nanpercentile(samples, 100 * (1 - alpha), axis=0)
    return lo, hi


def fairness_from_stats(
    stats: CellStats,
    *,
    groupings: Literal["default", "all"] | Sequence[Sequence[str]] = "default",
    min_group_size: int = 30,
    bootstrap: int = 0,
    confidence: float = 0.95,
    seed: int = 0,
    progress: Callable[[str, int, int], None] | None = None,
) -> FairnessReport:
    """Per-group metrics and disparities for each grouping, from the single-scan statistics.

    Parameters
    ----------
    stats
        The single-scan sufficient statistics.
    groupings
        See :func:`groupings_for`.
    min_group_size
        Groups with fewer rows are flagged ``small`` and left out of the disparities (their own
        metrics are still reported; a metric whose denominator is 0 is null).
    bootstrap
        Number of bootstrap resamples for percentile intervals (0 = none). A row-level bootstrap
        resample of N rows changes only how many rows fall in each (finest group, y_true, y_pred)
        cell, and those counts are exactly ``Multinomial(N, observed cell shares)``; so each
        resample is drawn as one multinomial vector over the ``4 × groups`` cells instead of
        touching N rows. This is the ordinary nonparametric bootstrap, exact for every
        count-based metric, at a cost independent of N. Score means (calibration) get no
        interval.
    confidence
        Interval coverage, e.g. 0.95 for 2.5–97.5 percentiles.
    seed
        Seed of the bootstrap's random generator (results are reproducible).
    progress
        Optional callback ``(stage, done, total)``.
    """
    if not stats.sensitive:
        raise UserError(_("fairness needs at least one sensitive column (sensitive=[...])"))
    if not 0.0 < confidence < 1.0:
        raise UserError(
            _("confidence must be between 0 and 1, got {confidence}").format(confidence=confidence)
        )
    total = stats.total
    finest_cells = stats.groups[list(CELLS)].to_numpy(dtype=np.int64)
    draws = None
    if bootstrap > 0:
        rng = np.random.default_rng(seed)
        shares = finest_cells.reshape(-1).astype(np.float64) / total
        draws = rng.multinomial(total, shares, size=bootstrap).reshape(
            bootstrap, *finest_cells.shape
        )
    groups_out, disp_rows, calib, notes = [], [], [], []
    plan = groupings_for(stats.sensitive, groupings)
    keys = _Keys(stats)
    for i, grouping in enumerate(plan):
        rolled, index = keys.rollup(grouping)
        table = _group_table(rolled, grouping, total, stats.has_score)
        n_groups = len(table["values"])
        table["small"] = table["count"] < min_group_size
        eligible = ~table["small"]
        if len(grouping) == 1 and n_groups < 2:
            raise UserError(
                _(
                    "sensitive column {column!r} has only one group ({group}); fairness compares "
                    "groups, so it needs at least two values — check the column or drop it from "
                    "sensitive=[...]"
                ).format(column=grouping[0], group=table["group"][0])
            )
        point = disparities({k: table[k] for k in ("selection_rate", "tpr", "fpr")}, eligible)
        ci: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        if draws is not None:
            onehot = np.zeros((finest_cells.shape[0], n_groups))
            onehot[np.arange(finest_cells.shape[0]), index] = 1.0
            boot = np.einsum("bkc,kg->bgc", draws, onehot)
            bcells = {c: boot[..., j] for j, c in enumerate(CELLS)}
            bmetrics = ratio_metrics(bcells)
            for name, arr in bmetrics.items():
                lo, hi = _percentiles(arr, confidence)
                table[f"{name}_ci_low"], table[f"{name}_ci_high"] = lo, hi
            for name, arr in disparities(bmetrics, eligible).items():
                ci[name] = _percentiles(arr, confidence)
        n_eligible = int(eligible.sum())
        excluded = [g for g, ok in zip(table["group"], eligible, strict=True) if not ok]
        for name, value in point.items():
            v = float(value)
            lo, hi = ci.get(name, (np.nan, np.nan))
            flag = bool(name == "demographic_parity_ratio" and not np.isnan(v) and v < FOUR_FIFTHS)
            disp_rows.append(
                {
                    "grouping": grouping_name(grouping),
                    "metric": name,
                    "value": v if n_eligible >= 2 else np.nan,
                    "ci_low": float(lo),
                    "ci_high": float(hi),
                    "n_groups": n_eligible,
                    "excluded": excluded,
                    "flag": flag,
                }
            )
        if n_eligible < 2:
            notes.append(
                f"{grouping_name(grouping)}: fewer than two groups have at least "
                f"{min_group_size} rows, so its disparities are null"
            )
        if stats.bins is not None:
            calib.append(_calibration(stats, grouping))
        groups_out.append(table)
        if progress is not None:
            progress("fairness", i + 1, len(plan))
    groups = pd.concat([pd.DataFrame(g) for g in groups_out], ignore_index=True)
    disp = pd.DataFrame(disp_rows)
    return FairnessReport(
        groups=groups,
        disparities=disp,
        calibration=pd.concat(calib, ignore_index=True) if calib else None,
        min_group_size=min_group_size,
        bootstrap=bootstrap,
        confidence=confidence,
        seed=seed,
        notes=notes,
    )


def _calibration(stats: CellStats, grouping: tuple[str, ...]) -> pd.DataFrame:
    assert stats.bins is not None
    rolled = (
        stats.bins.groupby([*grouping, "bin"], dropna=False, sort=True)[["n", "pos", "score_sum"]]
        .sum()
        .reset_index()
    )
    values = list(zip(*(rolled[c] for c in grouping), strict=True))
    return pd.DataFrame(
        {
            "grouping": grouping_name(grouping),
            "group": [group_label(grouping, v) for v in values],
            "bin": rolled["bin"].to_numpy(),
            "n": rolled["n"].to_numpy().astype(np.int64),
            "mean_score": _div(rolled["score_sum"], rolled["n"]),
            "observed_rate": _div(rolled["pos"], rolled["n"]),
        }
    )
