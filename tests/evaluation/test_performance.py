"""Performance metrics cross-checked against scikit-learn on real data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn import metrics as skm

from daicho.evaluation import evaluate

TOL = 1e-9
SKLEARN = {
    "accuracy": lambda d: skm.accuracy_score(d.y_true, d.y_pred),
    "precision": lambda d: skm.precision_score(d.y_true, d.y_pred),
    "recall": lambda d: skm.recall_score(d.y_true, d.y_pred),
    "f1": lambda d: skm.f1_score(d.y_true, d.y_pred),
    "roc_auc": lambda d: skm.roc_auc_score(d.y_true, d.score),
    "log_loss": lambda d: skm.log_loss(d.y_true, d.score),
    "brier": lambda d: skm.brier_score_loss(d.y_true, d.score),
    "base_rate": lambda d: d.y_true.mean(),
    "selection_rate": lambda d: d.y_pred.mean(),
}


def _ece(y: np.ndarray, s: np.ndarray, bins: int = 10) -> float:
    """Independent reference: equal-width bins on [0, 1], last bin closed."""
    edges = np.linspace(0.0, 1.0, bins + 1)
    idx = np.clip(np.digitize(s, edges[1:-1], right=False), 0, bins - 1)
    total = 0.0
    for b in range(bins):
        m = idx == b
        if m.any():
            total += m.sum() / len(y) * abs(s[m].mean() - y[m].mean())
    return total


@pytest.fixture(scope="module")
def perf(german_preds, arrests_preds):
    out = {}
    for name, frame in (("german", german_preds), ("arrests", arrests_preds)):
        res = evaluate(frame[["y_true", "y_pred", "score"]], sections=["performance"])
        out[name] = (frame, res.performance)
    return out


@pytest.mark.parametrize("dataset", ["german", "arrests"])
@pytest.mark.parametrize("metric", [*SKLEARN, "ece"])
def test_classification_matches_sklearn(perf, dataset, metric):
    frame, got = perf[dataset]
    if metric == "ece":
        want = _ece(frame.y_true.to_numpy(), frame.score.to_numpy())
    else:
        want = SKLEARN[metric](frame)
    assert got[metric] == pytest.approx(float(want), abs=TOL)


@pytest.mark.parametrize("ties", [True, False])
def test_roc_auc_with_ties_matches_sklearn(ties):
    rng = np.random.default_rng(3)
    y = rng.integers(0, 2, 3000)
    s = rng.random(3000)
    if ties:
        s = np.round(s, 1)
    frame = pd.DataFrame({"y_true": y, "y_pred": (s > 0.5).astype(int), "score": s})
    got = evaluate(frame, sections=["performance"]).performance["roc_auc"]
    assert got == pytest.approx(skm.roc_auc_score(y, s), abs=TOL)


def test_regression_matches_sklearn():
    from sklearn.datasets import load_diabetes
    from sklearn.linear_model import Ridge

    d = load_diabetes(as_frame=True, scaled=False).frame
    X = d.drop(columns="target")
    pred = Ridge().fit(X, d["target"]).predict(X)
    frame = pd.DataFrame({"y_true": d["target"], "y_pred": pred})
    got = evaluate(frame, task="regression", sections=["performance"]).performance
    assert got["mae"] == pytest.approx(skm.mean_absolute_error(d["target"], pred), abs=TOL)
    assert got["rmse"] == pytest.approx(skm.root_mean_squared_error(d["target"], pred), abs=TOL)
    assert got["r2"] == pytest.approx(skm.r2_score(d["target"], pred), abs=TOL)


def test_single_class_gives_null_auc_not_a_crash():
    frame = pd.DataFrame({"y_true": [1, 1, 1], "y_pred": [1, 0, 1], "score": [0.9, 0.2, 0.7]})
    got = evaluate(frame, sections=["performance"]).performance
    assert got["roc_auc"] is None
    assert got["recall"] == pytest.approx(2 / 3)
    assert got["precision"] == 1.0
