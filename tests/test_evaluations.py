"""Evaluations as ledger evidence: run a plan, store the result by hash, link it to worksheets."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import create_engine, text

from daicho import Ledger
from daicho.domain import UserError
from tests.conftest import EXAMPLES

REPO = Path(__file__).resolve().parent.parent
GERMAN = REPO / "src" / "daicho" / "examples" / "data" / "german_credit.parquet"
PLAN = REPO / "src" / "daicho" / "examples" / "plans" / "credit-screening.yaml"
NUM = ["credit_amount", "duration", "age", "job"]
CAT = ["sex", "housing", "saving_accounts", "checking_account", "purpose"]

SMALL_PLAN = """\
plan: small
target: y_true
sensitive: [sex]
checks:
  - id: parity
    metric: demographic_parity_ratio
    require: ">= {require}"
    evidence_for: [meti-aigl/C-3-i, meti-aigl/D-3-ii]
  - id: accuracy
    metric: accuracy
    evidence_for: [meti-aigl/D-6-i]
"""


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A real model (skops) and test data from the shipped German credit file, plus its
    predictions as a CSV file."""
    import skops.io as sio
    from sklearn.compose import make_column_transformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    root = tmp_path_factory.mktemp("inputs")
    g = pd.read_parquet(GERMAN)
    g["age_band"] = pd.cut(
        g["age"], [0, 25, 35, 50, 200], labels=["<25", "25-34", "35-49", "50+"], right=False
    ).astype(str)
    model = make_pipeline(
        make_column_transformer(
            (StandardScaler(), NUM), (OneHotEncoder(handle_unknown="ignore"), CAT)
        ),
        LogisticRegression(max_iter=1000),
    ).fit(g[NUM + CAT], g["risk"])
    sio.dump(model, root / "model.skops")
    g.to_csv(root / "data.csv", index=False)
    preds = pd.DataFrame(
        {"y_true": g["risk"], "y_pred": model.predict(g[NUM + CAT]), "sex": g["sex"]}
    )
    preds.to_csv(root / "predictions.csv", index=False)
    return {
        "model": root / "model.skops",
        "data": root / "data.csv",
        "predictions": root / "predictions.csv",
    }


@pytest.fixture
def examples(ledger: Ledger) -> Ledger:
    ledger.import_paths([EXAMPLES], author="ci")
    return ledger


def small_plan(tmp_path: Path, require: float = 0.5, name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    path.write_text(SMALL_PLAN.format(require=require), encoding="utf-8")
    return path


def test_result_is_stored_by_hash_and_linked_to_the_worksheet(
    examples: Ledger, inputs: dict[str, Path], tmp_path: Path
) -> None:
    before = examples.worksheet("credit-screening")
    record = examples.evaluate_system(
        "credit-screening", plan=small_plan(tmp_path), predictions=inputs["predictions"]
    )
    stored = examples.evidence(record.sha256)
    assert hashlib.sha256(stored).hexdigest() == record.sha256
    assert record.result is not None and stored == record.result.to_json().encode()
    body = json.loads(stored)
    assert body["inputs"] == {
        "predictions": hashlib.sha256(inputs["predictions"].read_bytes()).hexdigest()
    }
    assert body["plan"]["source"] == "plan.yaml"  # the name, not where it lay
    assert record.requirements == ["meti-aigl/C-3-i", "meti-aigl/D-3-ii", "meti-aigl/D-6-i"]

    sheet = examples.worksheet("credit-screening")
    for req in record.requirements:
        item = sheet.item(req)
        assert item is not None
        assert [e.sha256 for e in item.evidence if e.sha256] == [record.sha256]
        assert record.sha256[:12] in (item.notes or "")
    # Statuses are kept: an answered item keeps its answer, an open item stays open.
    old = before.item("meti-aigl/C-3-i")
    assert old is not None and sheet.item("meti-aigl/C-3-i").status == old.status  # type: ignore[union-attr]
    assert before.item("meti-aigl/D-3-ii") is None
    assert sheet.item("meti-aigl/D-3-ii").status is None  # type: ignore[union-attr]
    assert examples.verify_audit().ok


def test_running_the_same_evaluation_again_stores_and_links_nothing_new(
    examples: Ledger, inputs: dict[str, Path], tmp_path: Path
) -> None:
    plan = small_plan(tmp_path)
    first = examples.evaluate_system(
        "credit-screening", plan=plan, predictions=inputs["predictions"]
    )
    entries = len(examples.audit_log(limit=None))
    other = tmp_path / "elsewhere"
    other.mkdir()
    again = examples.evaluate_system(
        "credit-screening",
        plan=small_plan(other),
        predictions=inputs["predictions"],
    )
    assert again.sha256 == first.sha256
    assert len(examples.audit_log(limit=None)) == entries
    assert [r.sha256 for r in examples.evaluations("credit-screening")] == [first.sha256]


def test_evaluations_are_listed_newest_first_with_counts(
    examples: Ledger, inputs: dict[str, Path], tmp_path: Path
) -> None:
    passing = examples.evaluate_system(
        "credit-screening", plan=small_plan(tmp_path, 0.5), predictions=inputs["predictions"]
    )
    failing = examples.evaluate_system(
        "credit-screening", plan=small_plan(tmp_path, 0.99), predictions=inputs["predictions"]
    )
    assert (passing.status, failing.status) == ("pass", "fail")
    listed = examples.evaluations("credit-screening")
    assert [r.sha256 for r in listed] == [failing.sha256, passing.sha256]
    assert listed[0].counts == {"pass": 0, "warn": 0, "fail": 1, "info": 1, "skipped": 0}
    assert listed[0].plan == "small" and listed[0].result is None
    assert examples.evaluations("doc-summariser") == []


def test_a_model_is_run_on_the_data_with_the_packaged_plan(
    examples: Ledger, inputs: dict[str, Path]
) -> None:
    stages: list[str] = []
    record = examples.evaluate_system(
        "credit-screening",
        plan=PLAN,
        model=inputs["model"],
        data=inputs["data"],
        progress=lambda stage, done, total: stages.append(stage),
    )
    assert {"hash", "predict", "fairness"} <= set(stages)
    assert set(record.inputs) == {"model", "data"}
    assert record.status in ("pass", "warn", "fail")
    assert sum(record.counts.values()) == len(record.checks) == 9
    assert "appi/art-23" in record.requirements


def test_a_requirement_that_is_not_a_worksheet_row_is_refused_naming_plan_and_check(
    examples: Ledger, inputs: dict[str, Path], tmp_path: Path
) -> None:
    plan = tmp_path / "bad.yaml"
    plan.write_text(
        SMALL_PLAN.format(require=0.5).replace("meti-aigl/D-6-i", "meti-aigl/P-3-i"),
        encoding="utf-8",
    )
    with pytest.raises(UserError) as err:
        examples.evaluate_system("credit-screening", plan=plan, predictions=inputs["predictions"])
    message = str(err.value)
    assert str(plan) in message and "'accuracy'" in message and "meti-aigl/P-3-i" in message
    assert examples.evaluations("credit-screening") == []
    assert examples._store.evidence_list() == []


def test_a_plan_that_names_no_requirement_is_refused(
    examples: Ledger, inputs: dict[str, Path], tmp_path: Path
) -> None:
    plan = tmp_path / "unlinked.yaml"
    plan.write_text(
        "plan: x\ntarget: y_true\nchecks:\n  - id: a\n    metric: accuracy\n", encoding="utf-8"
    )
    with pytest.raises(UserError, match="evidence_for"):
        examples.evaluate_system("credit-screening", plan=plan, predictions=inputs["predictions"])


def test_missing_inputs_are_user_errors(examples: Ledger, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="nothing to evaluate"):
        examples.evaluate_system("credit-screening", plan=small_plan(tmp_path))
    with pytest.raises(UserError, match="predictions file not found"):
        examples.evaluate_system(
            "credit-screening", plan=small_plan(tmp_path), predictions=tmp_path / "none.csv"
        )
    with pytest.raises(UserError, match="plan file not found"):
        examples.evaluate_system(
            "credit-screening", plan=tmp_path / "none.yaml", predictions=tmp_path / "x.csv"
        )


def test_without_a_plan_the_flags_make_one_linked_to_applicable_requirements(
    examples: Ledger, inputs: dict[str, Path]
) -> None:
    record = examples.evaluate_system(
        "credit-screening", predictions=inputs["predictions"], sensitive=["sex"]
    )
    assert record.plan == "daicho-default"
    assert [c["id"] for c in record.checks] == ["accuracy", "demographic-parity", "equalized-odds"]
    applicable = {r.requirement_id for r in examples.applicability("credit-screening").rows}
    assert record.requirements and set(record.requirements) <= applicable


def test_altered_evaluation_evidence_is_caught(
    examples: Ledger, inputs: dict[str, Path], tmp_path: Path
) -> None:
    record = examples.evaluate_system(
        "credit-screening", plan=small_plan(tmp_path), predictions=inputs["predictions"]
    )
    forged = examples.evidence(record.sha256).replace(b'"status":"pass"', b'"status":"fail"', 1)
    engine = create_engine(examples._store.url)
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE evidence SET content = :c WHERE sha256 = :k"),
            {"c": forged, "k": record.sha256},
        )
    engine.dispose()
    result = examples.verify_audit()
    assert not result.ok
    assert any("evidence" in p and "altered" in p for p in result.problems)
