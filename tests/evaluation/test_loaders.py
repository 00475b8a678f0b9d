"""Models and data come in safely, and bad input gets one clear error."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import skops.io as sio

from daicho.domain import UserError
from daicho.evaluation import evaluate, fairness, load_dataset, load_model

from .conftest import GERMAN_CAT, GERMAN_NUM


def test_skops_model_runs_like_the_original(german, german_model, tmp_path):
    path = tmp_path / "m.skops"
    sio.dump(german_model, path)
    model = load_model(path)
    X = german[GERMAN_NUM + GERMAN_CAT]
    np.testing.assert_array_equal(model.predict(X), german_model.predict(X))
    np.testing.assert_allclose(model.predict_proba(X), german_model.predict_proba(X)[:, 1])


def test_untrusted_skops_types_are_refused_by_name(german, tmp_path):
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import FunctionTransformer
    from sklearn.tree import DecisionTreeClassifier

    pipe = make_pipeline(FunctionTransformer(np.log1p), DecisionTreeClassifier(max_depth=2))
    pipe.fit(german[["credit_amount", "duration"]], german["risk"])
    path = tmp_path / "custom.skops"
    sio.dump(pipe, path)
    untrusted = sio.get_untrusted_types(file=path)
    assert untrusted
    with pytest.raises(UserError, match="not trusted") as err:
        load_model(path)
    for name in untrusted:
        assert name in str(err.value)
    model = load_model(path, trusted=untrusted)  # trusting them by name works
    assert model.predict(german[["credit_amount", "duration"]]).shape == (1000,)


@pytest.mark.parametrize("suffix", [".pkl", ".pickle", ".joblib"])
def test_pickle_is_refused(tmp_path, suffix, german):
    path = tmp_path / f"model{suffix}"
    path.write_bytes(b"not even read")
    with pytest.raises(UserError, match="skops") as err:
        load_model(path)
    assert "ONNX" in str(err.value)
    with pytest.raises(UserError, match="pickle"):
        evaluate(path, german, target="risk")


@pytest.fixture(scope="module")
def onnx_model(german, tmp_path_factory):
    from skl2onnx import to_onnx
    from sklearn.linear_model import LogisticRegression

    X = german[["credit_amount", "duration", "age"]].astype(np.float32)
    clf = LogisticRegression(max_iter=1000).fit(X, german["risk"])
    path = tmp_path_factory.mktemp("onnx") / "m.onnx"
    path.write_bytes(to_onnx(clf, X.to_numpy()[:1], options={"zipmap": False}).SerializeToString())
    return clf, path


def test_onnx_runs_and_matches_sklearn(german, onnx_model):
    clf, path = onnx_model
    X = german[["credit_amount", "duration", "age"]]
    model = load_model(path)
    np.testing.assert_array_equal(model.predict(X), clf.predict(X.astype(np.float32)))
    np.testing.assert_allclose(
        model.predict_proba(X), clf.predict_proba(X.astype(np.float32))[:, 1], atol=1e-5
    )
    res = evaluate(
        path,
        german[["credit_amount", "duration", "age", "risk", "sex"]],
        target="risk",
        features=["credit_amount", "duration", "age"],
        sensitive=["sex"],
        sections=["performance"],
    )
    assert res.performance["n"] == 1000


def test_onnx_input_mismatch_is_explained(german, onnx_model):
    _, path = onnx_model
    with pytest.raises(UserError, match=r"takes 3 features per row, but the data gives 2"):
        evaluate(path, german, target="risk", features=["credit_amount", "duration"])


def test_missing_target_suggests_the_closest_column(german, tmp_path):
    path = tmp_path / "g.csv"
    german.to_csv(path, index=False)
    with pytest.raises(UserError, match=r"target column 'risks' not found \(did you mean 'risk'"):
        load_dataset(path, target="risks")
    with pytest.raises(UserError, match=r"sensitive column 'Sex'.*did you mean 'sex'"):
        evaluate(german.assign(y_true=1, y_pred=0), sensitive=["Sex"])


def test_non_binary_labels_for_a_binary_metric(german):
    frame = german.assign(y_true=german["job"], y_pred=german["risk"])
    with pytest.raises(UserError, match=r"'y_true' must hold binary labels 0/1.*2 \(") as err:
        evaluate(frame, sensitive=["sex"], sections=["fairness"])
    assert "rows" in str(err.value)


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_zero_rows(tmp_path, fmt):
    path = tmp_path / f"empty.{fmt}"
    empty = pd.DataFrame(
        {"y_true": pd.Series([], dtype="int64"), "y_pred": pd.Series([], dtype="int64")}
    )
    empty.to_csv(path, index=False) if fmt == "csv" else empty.to_parquet(path)
    with pytest.raises(UserError, match="0 rows"):
        load_dataset(path)
    with pytest.raises(UserError, match="0 rows"):
        evaluate(path, sections=["performance"])


def test_zero_rows_in_memory():
    empty = pd.DataFrame(
        {
            "y_true": pd.Series([], dtype="int64"),
            "y_pred": pd.Series([], dtype="int64"),
            "g": pd.Series([], dtype=str),
        }
    )
    with pytest.raises(UserError, match="0 rows"):
        fairness(empty, sensitive=["g"])


def test_csv_stray_string_names_column_and_row(tmp_path):
    rows = [f"{i % 2},{i % 2},{i * 1.5},a" for i in range(50)]
    rows[17] = "1,1,12O,b"  # letter O typed for a zero
    path = tmp_path / "bad.csv"
    path.write_text("y_true,y_pred,income,g\n" + "\n".join(rows) + "\n")
    with pytest.raises(UserError, match=r"column 'income'.*row 17 \(line 19.*'12O'"):
        load_dataset(path)


def test_unknown_formats(tmp_path):
    with pytest.raises(UserError, match="unknown model format"):
        load_model(tmp_path / "m.h5")
    with pytest.raises(UserError, match="unknown data format"):
        load_dataset(tmp_path / "d.xlsx")
    with pytest.raises(UserError, match="not found"):
        load_model(tmp_path / "missing.skops")
