"""Explainability: permutation importance (and mean |SHAP| when ``shap`` is installed)."""

from __future__ import annotations

import importlib.util
from typing import Any

import numpy as np
import pandas as pd

from ._loaders import Model

__all__ = ["permutation_importance", "shap_available"]


class _Estimator:
    """The minimal estimator face scikit-learn's permutation_importance needs."""

    def __init__(self, model: Model) -> None:
        self.model = model

    def fit(self, X: Any, y: Any = None) -> _Estimator:  # pragma: no cover - never refitted
        return self

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return self.model.predict(X)


def shap_available() -> bool:
    """Whether the optional SHAP explanation can run (``shap`` importable)."""
    return importlib.util.find_spec("shap") is not None


def permutation_importance(
    model: Model,
    X: pd.DataFrame,
    y: np.ndarray,
    *,
    task: str = "classification",
    n_repeats: int = 5,
    seed: int = 0,
    max_rows: int = 20_000,
) -> pd.DataFrame:
    """Permutation importance of each feature (scikit-learn's algorithm and random stream).

    The score is accuracy (R² for regression); importance is the mean drop over ``n_repeats``
    shuffles of one column. At most ``max_rows`` rows (a seeded sample) are used.
    """
    from sklearn.inspection import permutation_importance as sk_pi
    from sklearn.metrics import accuracy_score, r2_score

    if len(X) > max_rows:
        idx = np.random.default_rng(seed).choice(len(X), size=max_rows, replace=False)
        X, y = X.iloc[np.sort(idx)], y[np.sort(idx)]
    metric = r2_score if task == "regression" else accuracy_score

    def scorer(est: _Estimator, X_: pd.DataFrame, y_: np.ndarray) -> float:
        return float(metric(y_, est.predict(X_)))

    res = sk_pi(_Estimator(model), X, y, scoring=scorer, n_repeats=n_repeats, random_state=seed)
    out = pd.DataFrame(
        {
            "feature": [str(c) for c in X.columns],
            "importance_mean": res.importances_mean,
            "importance_std": res.importances_std,
        }
    )
    return out.sort_values("importance_mean", ascending=False, kind="stable").reset_index(drop=True)


def shap_importance(model: Model, X: pd.DataFrame, *, max_rows: int = 500) -> pd.DataFrame | None:
    """Mean |SHAP value| per feature, or ``None`` when ``shap`` is not installed."""
    if not shap_available():
        return None
    import shap  # pragma: no cover - optional extra

    sample = X.iloc[:max_rows]  # pragma: no cover
    fn = model.predict_proba if model.predict_proba(sample.iloc[:1]) is not None else model.predict
    explainer = shap.Explainer(fn, sample)  # pragma: no cover
    values = explainer(sample).values  # pragma: no cover
    return pd.DataFrame(  # pragma: no cover
        {"feature": list(X.columns), "mean_abs_shap": np.abs(values).mean(axis=0)}
    )
