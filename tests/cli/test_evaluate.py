"""``daicho evaluate`` and ``daicho evidence``: exit codes, JSON, stored bytes, clear errors."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest

from tests.cli.test_cli import Run
from tests.conftest import EXAMPLES

REPO = Path(__file__).resolve().parents[2]
GERMAN = REPO / "src" / "daicho" / "examples" / "data" / "german_credit.parquet"

PLAN = """\
plan: cli-test
target: y_true
sensitive: [sex]
checks:
  - id: parity
    metric: demographic_parity_ratio
    require: ">= {require}"
    evidence_for: [meti-aigl/D-3-ii]
  - id: accuracy
    metric: accuracy
    warn: ">= 0.5"
    evidence_for: [meti-aigl/D-6-i]
"""


@pytest.fixture(scope="module")
def predictions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Predictions of a real logistic regression on the shipped German credit data."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    g = pd.read_parquet(GERMAN)
    X = pd.get_dummies(g.drop(columns=["risk"]), dtype=float)
    y_pred = make_pipeline(StandardScaler(), LogisticRegression()).fit(X, g["risk"]).predict(X)
    path = tmp_path_factory.mktemp("preds") / "predictions.csv"
    pd.DataFrame({"y_true": g["risk"], "y_pred": y_pred, "sex": g["sex"]}).to_csv(path, index=False)
    return path


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Run:
    r = Run(capsys, tmp_path / "home")
    assert r("init")[0] == 0
    code, _, err = r("import", str(EXAMPLES))
    assert code == 0, err
    return r


def plan(tmp_path: Path, require: float) -> str:
    path = tmp_path / f"plan-{require}.yaml"
    path.write_text(PLAN.format(require=require), encoding="utf-8")
    return str(path)


def test_a_passing_plan_exits_0_and_is_listed_and_shown(
    run: Run, predictions: Path, tmp_path: Path
) -> None:
    code, out, err = run(
        "evaluate", "credit-screening", "--plan", plan(tmp_path, 0.5),
        "--predictions", str(predictions), "--json",
    )  # fmt: skip
    assert code == 0, err
    record = json.loads(out)
    assert record["status"] == "pass"
    assert record["requirements"] == ["meti-aigl/D-3-ii", "meti-aigl/D-6-i"]
    assert record["inputs"] == {"predictions": hashlib.sha256(predictions.read_bytes()).hexdigest()}

    listed = run.json("evidence", "list", "credit-screening")
    assert [r["sha256"] for r in listed] == [record["sha256"]]  # type: ignore[index,union-attr]

    code, out, _ = run("evidence", "show", record["sha256"][:12])
    assert code == 0
    shown = out.rstrip("\n").encode("utf-8")
    assert hashlib.sha256(shown).hexdigest() == record["sha256"]
    assert json.loads(shown)["checks"][0]["id"] == "parity"

    target = tmp_path / "copy.json"
    assert run("evidence", "show", record["sha256"], "--out", str(target))[0] == 0
    assert hashlib.sha256(target.read_bytes()).hexdigest() == record["sha256"]


def test_human_output_shows_the_table_evidence_and_links(
    run: Run, predictions: Path, tmp_path: Path
) -> None:
    code, out, _ = run(
        "evaluate", "credit-screening", "--plan", plan(tmp_path, 0.5),
        "--predictions", str(predictions),
    )  # fmt: skip
    assert code == 0
    assert "parity" in out and "pass" in out
    assert "Evidence stored:" in out and "meti-aigl/D-3-ii" in out


def test_a_failing_threshold_exits_3_and_is_still_stored(
    run: Run, predictions: Path, tmp_path: Path
) -> None:
    code, out, _ = run(
        "evaluate", "credit-screening", "--plan", plan(tmp_path, 0.999),
        "--predictions", str(predictions), "--json",
    )  # fmt: skip
    assert code == 3
    assert json.loads(out)["status"] == "fail"
    listed = run.json("evidence", "list", "credit-screening")
    assert [r["status"] for r in listed] == ["fail"]  # type: ignore[index,union-attr]


def test_a_missing_target_column_exits_2_naming_the_column(
    run: Run, predictions: Path, tmp_path: Path
) -> None:
    code, _, err = run(
        "evaluate", "credit-screening", "--plan", plan(tmp_path, 0.5),
        "--predictions", str(predictions), "--target", "y_treu",
    )  # fmt: skip
    assert code == 2
    assert "y_treu" in err and "y_true" in err  # the missing column and a did-you-mean
    assert run.json("evidence", "list", "credit-screening") == []


def test_options_alone_make_a_default_plan(run: Run, predictions: Path) -> None:
    code, out, err = run(
        "evaluate", "credit-screening", "--predictions", str(predictions),
        "--sensitive", "sex", "--json",
    )  # fmt: skip
    assert code in (0, 3), err
    assert json.loads(out)["plan"] == "daicho-default"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--engine", "oracle"], "unknown engine"),
        (["--predictions", "nowhere.csv"], "not found"),
        (["--model", "model.pkl", "--data", "d.csv"], "pickle"),
    ],
)
def test_bad_options_exit_2(run: Run, args: list[str], message: str, predictions: Path) -> None:
    if "--engine" in args:
        args = [*args, "--predictions", str(predictions)]
    if "--model" in args:
        Path("model.pkl").write_bytes(b"\x80")
        Path("d.csv").write_text("a\n1\n")
    code, _, err = run("evaluate", "credit-screening", "--sensitive", "sex", *args)
    assert code == 2
    assert message in err


def test_unknown_evidence_exits_2(run: Run) -> None:
    code, _, err = run("evidence", "show", "deadbeefdeadbeef")
    assert code == 2 and "no evidence" in err
