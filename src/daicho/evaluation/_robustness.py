"""Robustness: how much performance drops and how many predictions flip under perturbation."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from ._loaders import Model

__all__ = ["robustness"]


def _score(y: np.ndarray, pred: np.ndarray, task: str) -> float:
    if task == "regression":
        err = pred.astype(np.float64) - y.astype(np.float64)
        return float(np.sqrt(np.mean(err * err)))
    return float(np.mean(pred == y))


def _perturb(X: pd.DataFrame, kind: str, level: float, rng: np.random.Generator) -> pd.DataFrame:
    out = X.copy()
    n = len(X)
    for col in X.columns:
        s = X[col]
        numeric = pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s)
        if kind == "numeric_noise" and numeric:
            std = float(np.nanstd(s.to_numpy(dtype=np.float64)))
            noise = rng.normal(0.0, level * std, size=n) if std > 0 else np.zeros(n)
            out[col] = (s.to_numpy(dtype=np.float64) + noise).astype(s.dtype, copy=False)
        elif kind == "category_swap" and not numeric:
            levels = s.dropna().unique()
            if len(levels) < 2:
                continue
            hit = rng.random(n) < level
            replacement = rng.choice(levels, size=n)
            out[col] = np.where(hit, replacement, s.to_numpy(dtype=object))
        elif kind == "missing_values":
            hit = rng.random(n) < level
            if numeric:
                out[col] = np.where(hit, np.nan, s.to_numpy(dtype=np.float64))
            else:
                out[col] = np.where(hit, None, s.to_numpy(dtype=object))
    return out


def robustness(
    model: Model,
    X: pd.DataFrame,
    y: np.ndarray,
    *,
    task: str = "classification",
    levels: dict[str, Sequence[float]] | None = None,
    seed: int = 0,
) -> pd.DataFrame:
    """Perturb the model's inputs and compare with the unperturbed run.

    Perturbations: ``numeric_noise`` (Gaussian noise with standard deviation ``level`` × the
    column's standard deviation on every numeric feature), ``category_swap`` (each value of a
    non-numeric feature replaced, with probability ``level``, by a value drawn from the column's
    observed values — sometimes itself) and ``missing_values`` (each cell set to missing with
    probability ``level``). For each: the metric (accuracy; RMSE for regression) before and after,
    ``drop`` (before − after for accuracy, after − before for RMSE: positive is worse) and
    ``flip_rate`` (share of rows whose prediction changed; for regression, share changed by more
    than 1e-9). A model that cannot take the perturbed input (e.g. missing values) gets
    ``error`` filled in instead of numbers.
    """
    levels = levels or {"numeric_noise": (0.1,), "category_swap": (0.1,), "missing_values": (0.1,)}
    rng = np.random.default_rng(seed)
    base_pred = np.asarray(model.predict(X))
    base = _score(y, base_pred, task)
    rows: list[dict[str, Any]] = []
    for kind, values in levels.items():
        for level in values:
            row: dict[str, Any] = {"perturbation": kind, "level": float(level), "baseline": base}
            try:
                pred = np.asarray(model.predict(_perturb(X, kind, float(level), rng)))
            except Exception as exc:  # the model refusing an input is a finding, not a crash
                row |= {
                    "perturbed": None,
                    "drop": None,
                    "flip_rate": None,
                    "error": f"{type(exc).__name__}: {str(exc)[:200]}",
                }
                rows.append(row)
                continue
            after = _score(y, pred, task)
            if task == "regression":
                flips = float(np.mean(np.abs(pred.astype(float) - base_pred.astype(float)) > 1e-9))
                drop = after - base
            else:
                flips = float(np.mean(pred != base_pred))
                drop = base - after
            row |= {"perturbed": after, "drop": drop, "flip_rate": flips, "error": None}
            rows.append(row)
    return pd.DataFrame(rows)
