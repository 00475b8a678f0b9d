"""The notebook API: evaluate() from a model or predictions, and the result's three faces."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import skops.io as sio

from daicho.evaluation import EvaluationResult, evaluate

from .conftest import GERMAN_CAT, GERMAN_NUM


@pytest.fixture(scope="module")
def model_result(german, german_model, tmp_path_factory) -> EvaluationResult:
    path = tmp_path_factory.mktemp("m") / "german.skops"
    sio.dump(german_model, path)
    return evaluate(path, german, target="risk", sensitive=["sex", "age_band"], bootstrap=100)


def test_model_run_matches_predictions_run(model_result, german_preds):
    direct = evaluate(
        german_preds[["y_true", "y_pred", "score", "sex", "age_band"]],
        sensitive=["sex", "age_band"],
        bootstrap=100,
        sections=["performance", "fairness"],
    )
    for k, v in direct.performance.items():
        assert model_result.performance[k] == pytest.approx(v, abs=1e-12)
    pd.testing.assert_frame_equal(model_result.fairness.disparities, direct.fairness.disparities)


def test_robustness_and_importance(model_result, german, german_model):
    from sklearn.inspection import permutation_importance

    rob = model_result.robustness.set_index("perturbation")
    assert 0 <= rob.loc["numeric_noise", "flip_rate"] <= 1
    assert rob.loc["missing_values", "error"].startswith("ValueError")  # a finding, not a crash
    X = german[GERMAN_NUM + GERMAN_CAT]
    want = permutation_importance(
        german_model, X, german["risk"], n_repeats=5, random_state=0, scoring="accuracy"
    )
    got = model_result.explainability.set_index("feature")
    for i, name in enumerate(X.columns):
        assert got.loc[name, "importance_mean"] == pytest.approx(want.importances_mean[i])
    assert any("SHAP" in n for n in model_result.notes)


def test_to_frame_and_to_dict(model_result):
    frame = model_result.to_frame()
    assert list(frame.columns) == [
        "section",
        "grouping",
        "group",
        "metric",
        "value",
        "ci_low",
        "ci_high",
        "flag",
    ]
    assert set(frame["section"]) >= {
        "performance",
        "fairness",
        "quality",
        "robustness",
        "explainability",
    }
    d = model_result.to_dict()
    json.dumps(d, allow_nan=False)
    assert d["fairness"]["groups"][0]["values"] == ["female"]


def test_repr_html_escapes_everything():
    evil = "<script>alert(1)</script>"
    df = pd.DataFrame(
        {
            "y_true": [0, 1, 1, 0] * 10,
            "y_pred": [0, 1, 0, 0] * 10,
            "g": [evil, "b"] * 20,
            "note": [f"{evil} 090-1234-5678"] * 40,
        }
    )
    html_text = evaluate(df, sensitive=["g"], min_group_size=0)._repr_html_()
    assert "<script>" not in html_text and "&lt;script&gt;" in html_text
    assert "090-1234-5678" not in html_text


def test_predictions_parquet_and_csv_give_same_numbers(german_preds, tmp_path):
    cols = ["y_true", "y_pred", "score", "sex", "age_band"]
    german_preds[cols].to_parquet(tmp_path / "p.parquet")
    german_preds[cols].to_csv(tmp_path / "p.csv", index=False)
    kw = dict(sensitive=["sex", "age_band"], sections=["performance", "fairness"])
    a = evaluate(tmp_path / "p.parquet", **kw).to_dict()
    b = evaluate(tmp_path / "p.csv", **kw).to_dict()
    assert a["performance"] == pytest.approx(b["performance"])


def test_threshold_when_only_scores(german_preds):
    frame = german_preds[["y_true", "score", "sex"]]
    res = evaluate(frame, sensitive=["sex"], sections=["performance"], threshold=0.5)
    assert res.performance["selection_rate"] == pytest.approx(
        float(np.mean(german_preds["score"] >= 0.5))
    )
    assert any("score >= 0.5" in n for n in res.notes)


def test_quality_section(german_preds):
    df = german_preds[["y_true", "y_pred", "sex", "saving_accounts"]].copy()
    df.loc[:9, "saving_accounts"] = None
    df = pd.concat([df, df.iloc[:5]], ignore_index=True)
    q = evaluate(df, sensitive=["sex"], sections=["quality"]).quality
    assert q["missing_rate"]["saving_accounts"] == pytest.approx(15 / len(df))
    assert q["duplicate_rows"] == df.duplicated().sum()
    assert q["representation"]["sex"] == pytest.approx(
        df["sex"].value_counts(normalize=True).sort_index().to_dict()
    )
    assert q["class_balance"]["1"] == pytest.approx(df["y_true"].mean())
