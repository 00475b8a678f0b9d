"""`daicho assess`, `risk`, `check` and `gaps` from the command line."""

from __future__ import annotations

import io
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from daicho.cli import main
from tests.cli.test_cli import Run
from tests.conftest import EXAMPLES


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Run:
    runner = Run(capsys, tmp_path / "home")
    assert runner("init")[0] == 0
    assert runner("import", str(EXAMPLES))[0] == 0
    return runner


def test_applicability_lists_reasons(run: Run) -> None:
    data = run.json("assess", "applicability", "support-chatbot", "--all")
    applies = {r["requirement"]: r for r in data["applies"]}  # type: ignore[index]
    assert applies["eu-ai-act/art-50-1"]["condition_met"] is True
    assert "AI provider" in applies["eu-ai-act/art-50-1"]["reason"]
    not_applicable = {r["requirement"] for r in data["not_applicable"]}  # type: ignore[index]
    assert "meti-aigl/D-3-i" in not_applicable  # the chatbot's organisation is not its developer


def test_worksheet_shows_completeness_and_rollup(run: Run) -> None:
    data = run.json("assess", "worksheet", "credit-screening")
    assert data["answered"] == 9  # type: ignore[index]
    fairness = next(p for p in data["by_principle"] if p["principle"] == "meti-aigl/C-3")  # type: ignore[index]
    assert fairness["by_status"]["implemented"] == 1
    assert fairness["by_status"]["partially_implemented"] == 1
    assert fairness["by_status"]["planned"] == 1


def test_answer_one_item_from_flags(run: Run) -> None:
    code, _, err = run(
        "assess",
        "answer",
        "credit-screening",
        "-r",
        "meti-aigl/C-7-iii",
        "--status",
        "implemented",
        "--owner",
        "鈴木",
        "--evidence",
        "https://example.jp/raci",
    )
    assert code == 0, err
    items = {
        i["item"]["requirement"]: i["item"]
        for i in run.json("assess", "worksheet", "credit-screening")["items"]
        if i["item"]
    }  # type: ignore[index]
    assert items["meti-aigl/C-7-iii"]["evidence"][0]["url"] == "https://example.jp/raci"


def test_answer_explained_without_explanation_is_a_user_error(run: Run) -> None:
    code, _, err = run(
        "assess", "answer", "credit-screening", "-r", "meti-aigl/C-7-iii", "--status", "explained"
    )
    assert code == 2
    assert "explain the alternative" in err


def test_interactive_questionnaire(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    open_rows = run.json("assess", "worksheet", "doc-summariser", "--open")["items"]  # type: ignore[index]
    first, second, third = (r["requirement"] for r in open_rows[:3])  # type: ignore[index]
    # implemented (owner default, no notes); planned with a bad then a good date; skip; quit.
    answers = "i\n\n\nl\nsoon\n2027-04-01\n\nrollout\ns\nq\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(answers))
    code, out, err = run("assess", "answer", "doc-summariser")
    assert code == 0, err
    assert "Please give a date" in out
    items = {
        i["item"]["requirement"]: i["item"]
        for i in run.json("assess", "worksheet", "doc-summariser")["items"]  # type: ignore[index]
        if i["item"]
    }
    assert items[first]["status"] == "implemented"
    assert items[first]["owner"] == "伊藤 直樹 (Digital Workplace Manager)"
    assert (items[second]["status"], items[second]["due"]) == ("planned", "2027-04-01")
    assert items[second]["notes"] == "rollout"
    assert third not in items


def test_questionnaire_in_japanese(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    first = run.json("assess", "worksheet", "doc-summariser", "--open")["items"][0]  # type: ignore[index]
    monkeypatch.setattr("sys.stdin", io.StringIO("q\n"))
    code, out, _ = run("assess", "answer", "doc-summariser", lang="ja")
    assert code == 0
    from daicho import catalogs

    title = catalogs.load_catalog().get(first["requirement"]).title.ja
    assert title in out
    assert "未回答" in out  # the prompt itself is Japanese


def test_eu_classification_json(run: Run) -> None:
    data = run.json("assess", "eu", "support-chatbot", "--timeline", "digital-omnibus")
    assert data["tier"] == "transparency" and not data["provisional"]  # type: ignore[index]
    dates = {o["requirement"]: o for o in data["obligations"]}  # type: ignore[index]
    assert dates["eu-ai-act/art-50-2"]["applies_from"] == "2026-12-02"
    assert dates["eu-ai-act/art-50-2"]["date_verified"] is False
    assert run.json("assess", "eu", "credit-screening")["tier"] == "outside_scope"  # type: ignore[index]


def test_oversight_gap_exits_3(run: Run) -> None:
    run("system", "edit", "credit-screening", "--set", "human_oversight=none", "-m", "x")
    code, out, _ = run("assess", "oversight", "credit-screening")
    assert code == 3
    assert "GAP" in out


def test_risk_seed_edit_and_list(run: Run) -> None:
    seeded = run.json("risk", "seed", "credit-screening")
    assert "bias-discrimination" in {r["id"] for r in seeded}  # type: ignore[union-attr]
    code, _, err = run(
        "risk",
        "edit",
        "credit-screening",
        "bias-discrimination",
        "--set",
        "likelihood=6",
        "-m",
        "x",
    )
    assert code == 2 and "less than or equal to 5" in err
    code, _, err = run(
        "risk",
        "edit",
        "credit-screening",
        "bias-discrimination",
        "--set",
        "likelihood=1",
        "-m",
        "re-scored",
    )
    assert code == 0, err
    listed = {r["id"]: r for r in run.json("risk", "list", "credit-screening")}  # type: ignore[union-attr]
    assert listed["bias-discrimination"]["inherent_score"] == 4


def test_check_fails_with_junit_that_ci_can_read(run: Run, tmp_path: Path) -> None:
    report = tmp_path / "junit.xml"
    code, _, _ = run(
        "check", "credit-screening", "--format", "junit", "-o", str(report), "--today", "2026-11-25"
    )
    assert code == 3
    root = ET.parse(report).getroot()
    assert root.tag == "testsuites"
    [suite] = root.findall("testsuite")
    assert suite.get("name") == "credit-screening"
    failed = {c.get("name") for c in suite.findall("testcase") if c.find("failure") is not None}
    assert failed == {"missing-status"}


def test_check_json_lists_findings(run: Run) -> None:
    code, out, _ = run("check", "--format", "json", "--today", "2026-11-25")
    assert code == 3
    data = json.loads(out)
    assert data["ok"] is False
    assert {f["kind"] for f in data["findings"]} == {"missing-status"}
    assert set(data["systems"]) == {"credit-screening", "doc-summariser", "support-chatbot"}


def test_check_a_folder_without_a_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "repo"
    shutil.copytree(EXAMPLES, folder)
    sheet = folder / "worksheets" / "credit-screening.yaml"
    # An 'explained' item whose explanation was deleted.
    text = sheet.read_text(encoding="utf-8")
    start = text.index("  explanation: >-")
    end = text.index("  owner: 高橋 美咲")
    sheet.write_text(text[:start] + text[end:], encoding="utf-8")
    code = main(
        [
            "--lang",
            "en",
            "check",
            "--path",
            str(folder),
            "--format",
            "json",
            "--today",
            "2026-11-25",
            "credit-screening",
        ]
    )
    data = json.loads(capsys.readouterr().out)
    assert code == 3
    kinds = {(f["kind"], f["subject"]) for f in data["findings"]}
    assert ("missing-explanation", "meti-aigl/C-6-iv") in kinds
    assert ("missing-status", "meti-aigl/C-6-iv") not in kinds
    assert not (tmp_path / ".daicho").exists()  # no ledger was created


def test_gaps_json(run: Run) -> None:
    gaps = {g["system"]: g for g in run.json("gaps", "--today", "2026-11-25")}  # type: ignore[union-attr]
    assert gaps["credit-screening"]["answered"] == 9
    assert gaps["support-chatbot"]["eu_tier"] == "transparency"
    assert gaps["credit-screening"]["eu_tier"] == "outside_scope"
