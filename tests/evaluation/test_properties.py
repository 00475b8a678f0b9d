"""Property tests: edge cases never crash and agree with a direct pandas computation."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from daicho.evaluation import evaluate, fairness

rows = st.lists(
    st.tuples(
        st.sampled_from(["a", "b", "c"]),  # group
        st.sampled_from(["x", "y"]),  # second attribute
        st.integers(0, 1),  # y_true
        st.integers(0, 1),  # y_pred
        st.one_of(st.floats(0.0, 1.0), st.just(float("nan"))),  # score (NaN = missing)
    ),
    min_size=1,
    max_size=60,
)


def _frame(data) -> pd.DataFrame:
    return pd.DataFrame(data, columns=["g", "h", "y_true", "y_pred", "score"])


def _ratio(num: float, den: float) -> float:
    return num / den if den else float("nan")


def _same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or abs(a - b) <= 1e-12


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows)
def test_group_metrics_agree_with_pandas(data):
    df = _frame(data)
    if df["g"].nunique() < 2 or df["h"].nunique() < 2:
        return  # one group is a UserError, tested elsewhere
    rep = fairness(df, sensitive=["g", "h"], score="score", min_group_size=0, bootstrap=20)
    groups = rep.groups[rep.groups["grouping"] == "g"].set_index("group")
    for g, sub in df.groupby("g"):
        row = groups.loc[f"g={g}"]
        y, p = sub["y_true"], sub["y_pred"]
        assert _same(row["tpr"], _ratio(((y == 1) & (p == 1)).sum(), (y == 1).sum()))
        assert _same(row["fpr"], _ratio(((y == 0) & (p == 1)).sum(), (y == 0).sum()))
        assert _same(row["precision"], _ratio(((y == 1) & (p == 1)).sum(), (p == 1).sum()))
        scored = sub["score"].dropna()
        assert _same(row["mean_score"], scored.mean() if len(scored) else float("nan"))
    for col in ("selection_rate", "accuracy", "tpr", "fpr", "fnr", "precision"):
        vals = rep.groups[col].dropna()
        assert ((vals >= 0) & (vals <= 1)).all()
        assert not np.isinf(rep.groups[col]).any()
    for v in rep.disparities["value"]:
        assert v is None or not math.isinf(v)


@settings(max_examples=30, deadline=None)
@given(rows, st.integers(0, 1))
def test_all_predictions_equal_gives_zero_parity_difference(data, constant):
    df = _frame(data).assign(y_pred=constant)
    if df["g"].nunique() < 2:
        return
    rep = fairness(df, sensitive=["g"], min_group_size=0)
    assert rep.disparity("demographic_parity_difference", ["g"]) == 0.0
    ratio = rep.disparity("demographic_parity_ratio", ["g"])
    assert ratio == (1.0 if constant else None)  # 0/0 is null, never NaN or inf


def test_single_class_group_has_null_tpr():
    df = pd.DataFrame(
        {
            "g": ["a"] * 4 + ["b"] * 4,
            "y_true": [0, 0, 0, 0, 1, 0, 1, 0],
            "y_pred": [1, 0, 0, 0, 1, 1, 0, 0],
        }
    )
    rep = fairness(df, sensitive=["g"], min_group_size=0)
    a = rep.groups.set_index("group").loc["g=a"]
    assert math.isnan(a["tpr"]) and a["fpr"] == 0.25
    res = evaluate(df, sensitive=["g"], sections=["fairness"], min_group_size=0)
    assert res.to_dict()["fairness"]["groups"][0]["tpr"] is None  # null in JSON


def test_empty_groups_in_intersection_are_absent_not_zero():
    df = pd.DataFrame(
        {
            "g": ["a", "a", "b", "b"],
            "h": ["x", "x", "y", "y"],
            "y_true": [1, 0, 1, 0],
            "y_pred": [1, 0, 0, 1],
        }
    )
    rep = fairness(df, sensitive=["g", "h"], min_group_size=0)
    inter = rep.groups[rep.groups["grouping"] == "g*h"]
    assert set(inter["group"]) == {"g=a, h=x", "g=b, h=y"}


def test_all_scores_nan():
    df = pd.DataFrame({"y_true": [0, 1, 1], "y_pred": [0, 1, 0], "score": [np.nan] * 3})
    perf = evaluate(df, sections=["performance"]).performance
    assert perf["n_scored"] == 0
    assert perf["log_loss"] is None and perf["roc_auc"] is None and perf["ece"] is None
    assert perf["accuracy"] == 2 / 3
