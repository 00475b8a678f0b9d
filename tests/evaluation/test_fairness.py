"""Fairness metrics cross-checked against fairlearn on real data shipped in PyPI packages."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from fairlearn import metrics as flm
from sklearn.metrics import accuracy_score, precision_score

from daicho.evaluation import DISPARITY_METRICS, fairness

TOL = 1e-9
CASES = {
    "german": ("german_preds", ["sex", "age_band"]),
    "arrests": ("arrests_preds", ["colour", "sex", "age_band"]),
}
FAIRLEARN_GROUP = {
    "count": flm.count,
    "selection_rate": flm.selection_rate,
    "accuracy": accuracy_score,
    "tpr": flm.true_positive_rate,
    "fpr": flm.false_positive_rate,
    "fnr": flm.false_negative_rate,
    "precision": lambda y, p: precision_score(y, p, zero_division=np.nan),
}
FAIRLEARN_DISPARITY = {
    "demographic_parity_difference": flm.demographic_parity_difference,
    "demographic_parity_ratio": flm.demographic_parity_ratio,
    "equalized_odds_difference": flm.equalized_odds_difference,
    "equalized_odds_ratio": flm.equalized_odds_ratio,
    "equal_opportunity_difference": flm.equal_opportunity_difference,
    "equal_opportunity_ratio": flm.equal_opportunity_ratio,
}


def _groupings(sensitive):
    return [[c] for c in sensitive] + [list(sensitive)]


def _params():
    for name, (fixture, sens) in CASES.items():
        for grouping in _groupings(sens):
            yield pytest.param(fixture, sens, grouping, id=f"{name}-{'*'.join(grouping)}")


@pytest.fixture(scope="module")
def reports(request):
    return {}


def _report(request, fixture, sens, cache, **kw):
    key = (fixture, tuple(sorted(kw.items())))
    if key not in cache:
        frame = request.getfixturevalue(fixture)
        cache[key] = (frame, fairness(frame, sensitive=sens, score="score", **kw))
    return cache[key]


@pytest.mark.parametrize(("fixture", "sens", "grouping"), list(_params()))
@pytest.mark.parametrize("metric", list(FAIRLEARN_GROUP))
def test_group_metrics_match_fairlearn(request, reports, fixture, sens, grouping, metric):
    frame, rep = _report(request, fixture, sens, reports, min_group_size=0)
    mf = flm.MetricFrame(
        metrics=FAIRLEARN_GROUP[metric],
        y_true=frame["y_true"],
        y_pred=frame["y_pred"],
        sensitive_features=frame[grouping],
    )
    ours = rep.groups[rep.groups["grouping"] == "*".join(grouping)]
    expected = mf.by_group
    assert len(ours) == len(expected)
    for values, got in zip(ours["values"], ours[metric], strict=True):
        want = expected.loc[values if len(values) > 1 else values[0]]
        assert got == pytest.approx(float(want), abs=TOL, nan_ok=True)


@pytest.mark.parametrize(("fixture", "sens", "grouping"), list(_params()))
@pytest.mark.parametrize("metric", list(FAIRLEARN_DISPARITY))
def test_disparities_match_fairlearn(request, reports, fixture, sens, grouping, metric):
    frame, rep = _report(request, fixture, sens, reports, min_group_size=0)
    want = FAIRLEARN_DISPARITY[metric](
        frame["y_true"], frame["y_pred"], sensitive_features=frame[grouping]
    )
    assert rep.disparity(metric, grouping) == pytest.approx(float(want), abs=TOL)


@pytest.mark.parametrize("min_size", [50, 150])
def test_small_groups_are_flagged_and_left_out(arrests_preds, min_size):
    sens = ["colour", "sex", "age_band"]
    rep = fairness(arrests_preds, sensitive=sens, min_group_size=min_size)
    inter = rep.groups[rep.groups["grouping"] == "colour*sex*age_band"]
    small = inter[inter["count"] < min_size]
    assert inter["small"].tolist() == (inter["count"] < min_size).tolist()
    assert not small.empty  # the case is real: some intersections are small
    keep = inter.loc[~inter["small"], "values"].tolist()
    key = list(zip(*(arrests_preds[c] for c in sens), strict=True))
    mask = pd.Series(key, index=arrests_preds.index).isin(keep)
    sub = arrests_preds[mask]
    for metric in DISPARITY_METRICS:
        want = FAIRLEARN_DISPARITY[metric](
            sub["y_true"], sub["y_pred"], sensitive_features=sub[sens]
        )
        assert rep.disparity(metric, sens) == pytest.approx(float(want), abs=TOL)
    row = rep.disparities[
        (rep.disparities["grouping"] == "colour*sex*age_band")
        & (rep.disparities["metric"] == "demographic_parity_ratio")
    ].iloc[0]
    assert sorted(row["excluded"]) == sorted(small["group"])


def test_four_fifths_flag(german_preds):
    rep = fairness(german_preds, sensitive=["sex", "age_band"], min_group_size=0)
    for rec in rep.disparities.to_dict(orient="records"):
        if rec["metric"] == "demographic_parity_ratio":
            assert rec["flag"] == (rec["value"] < 0.8)
        else:
            assert rec["flag"] is False


@pytest.mark.parametrize("fixture", ["german_preds", "arrests_preds"])
def test_calibration_matches_pandas(request, fixture):
    frame = request.getfixturevalue(fixture)
    rep = fairness(frame, sensitive=["sex"], score="score", min_group_size=0)
    by = frame.groupby("sex")
    g = rep.groups.set_index("group")
    for sex, sub in by:
        assert g.loc[f"sex={sex}", "mean_score"] == pytest.approx(sub["score"].mean(), abs=TOL)
        assert g.loc[f"sex={sex}", "observed_rate"] == pytest.approx(sub["y_true"].mean(), abs=TOL)
    cal = rep.calibration
    assert cal is not None
    bins = np.minimum(np.floor(frame["score"] * 10), 9).astype(int)
    want = frame.assign(b=bins).groupby(["sex", "b"])["score"].agg(["count", "mean"])
    for rec in cal.to_dict(orient="records"):
        sex = rec["group"].removeprefix("sex=")
        assert rec["n"] == want.loc[(sex, rec["bin"]), "count"]
        assert rec["mean_score"] == pytest.approx(want.loc[(sex, rec["bin"]), "mean"], abs=TOL)


def test_bootstrap_is_the_row_bootstrap(german_preds):
    """The multinomial-on-cells bootstrap has the same distribution as resampling rows."""
    sens = ["sex"]
    rep = fairness(german_preds, sensitive=sens, bootstrap=2000, seed=1, min_group_size=0)
    again = fairness(german_preds, sensitive=sens, bootstrap=2000, seed=1, min_group_size=0)
    pd.testing.assert_frame_equal(rep.disparities, again.disparities)
    rng = np.random.default_rng(7)
    y, p, s = (german_preds[c].to_numpy() for c in ("y_true", "y_pred", "sex"))
    diffs = []
    for _ in range(2000):
        i = rng.integers(0, len(y), len(y))
        sel = [p[i][s[i] == g].mean() for g in ("female", "male")]
        diffs.append(max(sel) - min(sel))
    lo, hi = np.percentile(diffs, [2.5, 97.5])
    row = rep.disparities.set_index("metric").loc["demographic_parity_difference"]
    assert row["ci_low"] <= row["value"] <= row["ci_high"]
    # Monte-Carlo agreement of two independent 2000-draw bootstraps: within 0.01
    assert row["ci_low"] == pytest.approx(lo, abs=0.01)
    assert row["ci_high"] == pytest.approx(hi, abs=0.01)


def test_one_group_only_is_an_error(german_preds):
    from daicho.domain import UserError

    frame = german_preds.assign(country="JP")
    with pytest.raises(UserError, match=r"'country' has only one group"):
        fairness(frame, sensitive=["country"])
