"""A model card per system and model."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.cli.test_cli import Run
from tests.conftest import EXAMPLES


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Run:
    runner = Run(capsys, tmp_path / "home")
    assert runner("init")[0] == 0
    assert runner("import", str(EXAMPLES))[0] == 0
    runner(
        "system",
        "edit",
        "credit-screening",
        "--set",
        "models[1]={name: challenger, type: random forest, framework: scikit-learn}",
        "-m",
        "challenger",
    )
    return runner


@pytest.mark.parametrize("model", ["loan-screening-gbm", "challenger"])
def test_one_card_per_model(run: Run, model: str) -> None:
    code, out, err = run("report", "model-card", "credit-screening", "--model", model)
    assert code == 0, err
    front = yaml.safe_load(out.split("---")[1])
    assert front["model-index"][0]["name"] == model


def test_unknown_model_is_named_with_the_known_ones(run: Run) -> None:
    code, _, err = run("report", "model-card", "credit-screening", "--model", "nope")
    assert code == 2
    assert "loan-screening-gbm, challenger" in err
