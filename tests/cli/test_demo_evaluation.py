"""The demo's evaluation step finds a real disparity, and what it stores agrees with pandas."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from rich.console import Console

from daicho import Ledger
from daicho.cli import _demo_evaluation as step
from tests.conftest import EXAMPLES


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Ledger, Path, str]]:
    home = tmp_path_factory.mktemp("demo")
    ledger = Ledger.init(home / "ledger")
    ledger.import_paths([EXAMPLES], author="ci")
    buffer = io.StringIO()
    step.run(ledger, home, Console(file=buffer, width=120), "en", "demo-author")
    yield ledger, home, buffer.getvalue()
    ledger.close()


def test_stored_selection_rates_match_an_independent_pandas_computation(
    demo: tuple[Ledger, Path, str],
) -> None:
    import skops.io as sio

    ledger, home, _ = demo
    [record] = ledger.evaluations("credit-screening")
    body = json.loads(ledger.evidence(record.sha256))

    # Independently: load the saved model with skops, predict with scikit-learn, group in pandas.
    folder = home / "evaluation"
    path = folder / "credit-model.skops"
    model = sio.load(path, trusted=sio.get_untrusted_types(file=str(path)))
    test = pd.read_csv(folder / "credit-test.csv")
    approved = pd.Series(model.predict(test[step.FEATURES]), index=test.index)
    expected = approved.groupby(test["sex"]).mean()

    stored = {
        g["values"][0]: g["selection_rate"]
        for g in body["evaluation"]["fairness"]["groups"]
        if g["grouping"] == "sex"
    }
    assert stored.keys() == set(expected.index)
    for sex, rate in expected.items():
        assert stored[sex] == pytest.approx(rate, abs=1e-9)

    # A real disparity between the sexes: the stored ratio is the pandas one, and it is not 1.
    ratio = expected.min() / expected.max()
    parity = next(c for c in body["checks"] if c["id"] == "parity-sex")
    assert parity["value"] == pytest.approx(ratio, abs=1e-9)
    assert expected.max() - expected.min() > 0.05
    assert parity["status"] == ("fail" if ratio < 0.8 else "warn" if ratio < 0.9 else "pass")


def test_the_result_is_linked_to_the_worksheet_and_sealed(demo: tuple[Ledger, Path, str]) -> None:
    ledger, _, output = demo
    [record] = ledger.evaluations("credit-screening")
    assert "meti-aigl/D-3-ii" in record.requirements and "meti-aigl/C-3-i" in record.requirements
    sheet = ledger.worksheet("credit-screening")
    for req in record.requirements:
        item = sheet.item(req)
        assert item is not None and any(e.sha256 == record.sha256 for e in item.evidence)
    assert ledger.verify_audit().ok
    assert record.sha256[:16] in output and "parity-sex" in output
    assert "sex=female" in output and "sex=male" in output


def test_the_inputs_hashes_are_those_of_the_files_the_demo_wrote(
    demo: tuple[Ledger, Path, str],
) -> None:
    import hashlib

    ledger, home, _ = demo
    [record] = ledger.evaluations("credit-screening")
    folder = home / "evaluation"
    assert record.inputs == {
        "model": hashlib.sha256((folder / "credit-model.skops").read_bytes()).hexdigest(),
        "data": hashlib.sha256((folder / "credit-test.csv").read_bytes()).hexdigest(),
    }
