"""Test plans: parsing with file/line errors, judging, canonical results."""

from __future__ import annotations

import hashlib
import json

import pytest

from daicho._version import __version__
from daicho.domain import InvalidRecordError
from daicho.evaluation import Check, Threshold, parse_plan, run_plan
from daicho.evaluation._plan import judge

PLAN = """\
plan: german-credit-release
target: y_true
sensitive: [sex, age_band]
settings:
  min_group_size: 30
  bootstrap: 50
checks:
  - id: parity-sex
    metric: demographic_parity_ratio
    by: [sex]
    require: ">= 0.8"
    warn: ">= 0.95"
    evidence_for: [meti-aigl/D-3-i]
  - id: parity-all
    metric: demographic_parity_ratio
    require: ">= 0.8"
    evidence_for: [meti-aigl/D-3-i]
  - id: accuracy
    metric: accuracy
    require: ">= 0.7"
  - id: no-pii
    metric: pii_findings
    require: "== 0"
    evidence_for: [meti-aigl/P-3-i, appi/art-23]
  - id: noise
    metric: flip_rate
    perturbation: numeric_noise
    require: "<= 0.05"
  - id: missing
    metric: missing_rate
    require: "<= 0.01"
"""


def test_parse_ok():
    plan = parse_plan(PLAN, "plans/release.yaml")
    assert plan.name == "german-credit-release"
    assert [c.id for c in plan.checks] == [
        "parity-sex",
        "parity-all",
        "accuracy",
        "no-pii",
        "noise",
        "missing",
    ]
    first = plan.checks[0]
    assert first.require == Threshold(">=", 0.8) and first.warn == Threshold(">=", 0.95)
    assert first.by == ("sex",) and first.line == 8
    assert plan.sha256 == hashlib.sha256(PLAN.encode()).hexdigest()


@pytest.mark.parametrize(
    ("mutate", "line", "field", "words"),
    [
        (
            lambda t: t.replace("metric: accuracy", "metric: acuracy"),
            19,
            "checks[2].metric",
            "did you mean 'accuracy'",
        ),
        (
            lambda t: t.replace('">= 0.7"', '"at least 0.7"'),
            20,
            "checks[2].require",
            "cannot read threshold",
        ),
        (
            lambda t: t.replace("appi/art-23", "APPI art 23"),
            24,
            "checks[3].evidence_for",
            "not a requirement id",
        ),
        (
            lambda t: t.replace("by: [sex]", "by: [gender]"),
            10,
            "checks[0].by",
            "not a sensitive column",
        ),
        (
            lambda t: t.replace("id: accuracy", "id: parity-sex"),
            18,
            "checks[2].id",
            "duplicate check id",
        ),
        (
            lambda t: t.replace("  bootstrap: 50", "  bootstrap: many"),
            6,
            "settings.bootstrap",
            "not a number",
        ),
        (
            lambda t: t.replace("target: y_true", "targt: y_true"),
            2,
            "targt",
            "did you mean 'target'",
        ),
        (lambda t: t.replace("checks:", "checks: [\n"), None, "", "not valid YAML"),
    ],
)
def test_errors_have_file_line_field(mutate, line, field, words):
    with pytest.raises(InvalidRecordError) as err:
        parse_plan(mutate(PLAN), "plans/release.yaml")
    problem = err.value.problems[0]
    assert problem.file == "plans/release.yaml"
    if line is not None:
        assert problem.line == line
    assert problem.field == field
    assert words in problem.message
    assert "plans/release.yaml" in str(err.value)


@pytest.mark.parametrize(
    ("require", "warn", "value", "status"),
    [
        (">= 0.8", ">= 0.9", 0.95, "pass"),
        (">= 0.8", ">= 0.9", 0.85, "warn"),
        (">= 0.8", ">= 0.9", 0.7, "fail"),
        ("<= 0.1", None, 0.1, "pass"),
        ("< 0.1", None, 0.1, "fail"),
        (">= 0.8", None, None, "fail"),
        (None, None, 0.3, "info"),
    ],
)
def test_judge(require, warn, value, status):
    def th(t):
        return None if t is None else Threshold(t.split()[0], float(t.split()[1]))

    check = Check(id="c", metric="accuracy", require=th(require), warn=th(warn))
    assert judge(check, value) == status


@pytest.fixture(scope="module")
def plan_result(german_preds):
    plan = parse_plan(PLAN, "plans/release.yaml")
    data = german_preds[["y_true", "y_pred", "score", "sex", "age_band", "purpose"]]
    return run_plan(plan, data, inputs={"predictions": "ab" * 32}), data


def test_run_plan_statuses_and_evidence(plan_result):
    from fairlearn.metrics import demographic_parity_ratio

    result, data = plan_result
    by_id = {c.check.id: c for c in result.checks}
    want = demographic_parity_ratio(data.y_true, data.y_pred, sensitive_features=data.sex)
    assert by_id["parity-sex"].value == pytest.approx(want, abs=1e-12)
    assert by_id["parity-sex"].status == (
        "pass" if want >= 0.95 else "warn" if want >= 0.8 else "fail"
    )
    worst = min(by_id["parity-all"].details["by_grouping"].values())
    assert by_id["parity-all"].value == worst
    assert by_id["no-pii"].status == "pass" and by_id["no-pii"].value == 0
    assert by_id["noise"].status == "skipped"  # predictions only: no model to perturb
    assert result.evidence() == {
        "appi/art-23": ["no-pii"],
        "meti-aigl/D-3-i": ["parity-sex", "parity-all"],
        "meti-aigl/P-3-i": ["no-pii"],
    }
    assert result.status in {"pass", "warn", "fail"}


def test_result_is_canonical_and_content_addressed(plan_result, german_preds):
    result, data = plan_result
    text = result.to_json()
    doc = json.loads(text)
    assert text == json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert doc["daicho_version"] == __version__ and doc["engine"] == "duckdb"
    assert doc["inputs"] == {"predictions": "ab" * 32}
    assert doc["plan"]["sha256"] == hashlib.sha256(PLAN.encode()).hexdigest()
    assert result.sha256() == hashlib.sha256(text.encode()).hexdigest()
    again = run_plan(
        parse_plan(PLAN, "plans/release.yaml"), data, inputs={"predictions": "ab" * 32}
    )
    assert again.sha256() == result.sha256()  # same inputs, same bytes


def test_progress_callback(german_preds):
    seen = []
    plan = parse_plan(PLAN, "p.yaml")
    run_plan(
        plan,
        german_preds[["y_true", "y_pred", "sex", "age_band"]],
        progress=lambda stage, done, total: seen.append((stage, done, total)),
    )
    assert seen and seen[-1][1] == seen[-1][2]
