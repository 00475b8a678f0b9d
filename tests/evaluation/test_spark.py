"""The same Ibis expressions give the same numbers on DuckDB and on a local Spark session."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from daicho.evaluation import evaluate, fairness

pytestmark = pytest.mark.spark
TOL = 1e-9


def _close(a, b):
    if isinstance(a, dict):
        assert a.keys() == b.keys()
        for k in a:
            _close(a[k], b[k])
    elif isinstance(a, list | tuple):
        assert len(a) == len(b)
        for x, y in zip(a, b, strict=True):
            _close(x, y)
    elif isinstance(a, float) or isinstance(b, float):
        if a is None or b is None:
            assert a is None and b is None
        elif math.isnan(a):
            assert math.isnan(b)
        else:
            assert a == pytest.approx(b, abs=TOL, rel=TOL)
    else:
        assert a == b


@pytest.fixture(scope="module")
def noisy(arrests_preds) -> pd.DataFrame:
    df = arrests_preds[["y_true", "y_pred", "score", "colour", "sex", "age_band"]].copy()
    df.loc[df.index[::97], "score"] = np.nan  # missing scores are handled the same way
    return df


def test_fairness_and_performance_identical(spark, noisy):
    kw = dict(
        sensitive=["colour", "sex", "age_band"],
        sections=["performance", "fairness", "quality"],
        bootstrap=200,
        min_group_size=40,
        groupings="all",
    )
    duck = evaluate(noisy, **kw).to_dict()
    spk = evaluate(noisy, engine=spark, **kw).to_dict()
    assert duck["engine"] == "duckdb" and spk["engine"] == "pyspark"
    for section in ("performance", "fairness", "quality"):
        _close(duck[section], spk[section])


def test_parquet_read_by_the_engine(spark, german_preds, tmp_path):
    path = tmp_path / "german.parquet"
    german_preds[["y_true", "y_pred", "score", "sex", "age_band"]].to_parquet(path)
    a = fairness(path, sensitive=["sex", "age_band"], score="score")
    b = fairness(path, sensitive=["sex", "age_band"], score="score", engine=spark)
    pd.testing.assert_frame_equal(a.groups, b.groups, rtol=TOL, atol=TOL)
    pd.testing.assert_frame_equal(a.disparities, b.disparities, rtol=TOL, atol=TOL)


def test_regression_identical(spark):
    from sklearn.datasets import load_diabetes

    d = load_diabetes(as_frame=True, scaled=False).frame
    frame = pd.DataFrame({"y_true": d["target"], "y_pred": d["bmi"] * 10.0})
    kw = dict(task="regression", sections=["performance"])
    _close(evaluate(frame, **kw).performance, evaluate(frame, engine=spark, **kw).performance)
