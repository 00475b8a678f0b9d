"""Evaluation errors are shown in the reader's language: Japanese with ``ja``, English otherwise."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from daicho import i18n
from daicho.domain import UserError
from daicho.evaluation import load_dataset, load_model


def _message(action: Callable[[], object], lang: str) -> str:
    i18n.set_language(lang)
    try:
        with pytest.raises(UserError) as err:
            action()
    finally:
        i18n.set_language("en")
    return str(err.value)


def test_missing_target_column_with_did_you_mean(tmp_path: Path) -> None:
    path = tmp_path / "loans.csv"
    pd.DataFrame({"risk": [0, 1, 1], "sex": ["f", "m", "f"]}).to_csv(path, index=False)

    def action() -> object:
        return load_dataset(path, target="risks")

    ja = _message(action, "ja")
    assert "目的変数の列 'risks' が見つかりません" in ja
    assert "（'risk' のことですか？）" in ja
    assert "列は次のとおりです: risk, sex" in ja
    en = _message(action, "en")
    assert "target column 'risks' not found (did you mean 'risk'?)" in en
    assert "the columns are: risk, sex" in en


def test_pickle_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "model.pkl"
    path.write_bytes(b"never read")

    def action() -> object:
        return load_model(path)

    ja = _message(action, "ja")
    assert "pickle ファイル（.pkl）を読み込みません" in ja
    assert "skops.io.dump(model, 'model.skops')" in ja
    en = _message(action, "en")
    assert "daicho does not load pickle files (.pkl)" in en


def test_untrusted_skops_type_is_named(tmp_path: Path) -> None:
    import skops.io as sio
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import FunctionTransformer
    from sklearn.tree import DecisionTreeClassifier

    X = pd.DataFrame({"amount": [1.0, 2.0, 3.0, 4.0], "months": [6.0, 12.0, 24.0, 36.0]})
    pipe = make_pipeline(FunctionTransformer(np.log1p), DecisionTreeClassifier(max_depth=1))
    pipe.fit(X, [0, 0, 1, 1])
    path = tmp_path / "custom.skops"
    sio.dump(pipe, path)
    untrusted = sio.get_untrusted_types(file=path)
    assert untrusted

    def action() -> object:
        return load_model(path)

    ja = _message(action, "ja")
    assert "既定では信頼されない型" in ja
    assert "信頼する型として名前で指定してください（trusted=[...] / --trust TYPE）" in ja
    en = _message(action, "en")
    assert "not trusted by default" in en
    for message in (ja, en):
        for name in untrusted:
            assert name in message
