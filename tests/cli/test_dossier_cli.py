"""`daicho dossier` and `daicho report` from the command line: files, JSON, exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.cli.test_cli import Run
from tests.conftest import EXAMPLES


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Run:
    runner = Run(capsys, tmp_path / "home")
    assert runner("init")[0] == 0
    assert runner("import", str(EXAMPLES))[0] == 0
    return runner


def test_dossier_then_verify(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, stdout, err = run("dossier", "support-chatbot", "--out", str(out))
    assert code == 0, err
    folder, archive = out / "support-chatbot-dossier", out / "support-chatbot-dossier.zip"
    assert str(folder) in stdout and str(archive) in stdout
    for path in (folder, archive):
        code, stdout, err = run("dossier", "verify", str(path))
        assert code == 0, err
        assert "intact" in stdout
    data = run.json("dossier", "verify", str(archive))
    assert data["ok"] is True and data["system"]["slug"] == "support-chatbot"  # type: ignore[index]


def test_verify_names_the_changed_file_and_exits_3(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "out"
    built = run.json("dossier", "credit-screening", "--out", str(out))
    folder = Path(built["folder"])  # type: ignore[index]
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    target = copy / "records" / "systems" / "credit-screening.yaml"
    target.write_bytes(target.read_bytes().replace(b"deployed", b"Deployed", 1))
    code, stdout, _ = run("dossier", "verify", str(copy))
    assert code == 3
    assert "records/systems/credit-screening.yaml" in stdout
    code, stdout, _ = run("dossier", "verify", str(copy), "--json")
    assert code == 3
    report = json.loads(stdout)
    assert report["changed"] == ["records/systems/credit-screening.yaml"]
    assert report["added"] == [] and report["removed"] == []


def test_verify_of_something_else_exits_2(run: Run, tmp_path: Path) -> None:
    code, _, err = run("dossier", "verify", str(tmp_path))
    assert code == 2 and "not a dossier" in err
    code, _, err = run("dossier", "no-such-system", "--out", str(tmp_path))
    assert code == 2 and "no system" in err


def test_report_commands_write_documents(run: Run, tmp_path: Path) -> None:
    code, _, err = run("report", "portfolio", "--out", str(tmp_path / "p"))
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "p").iterdir()) == [
        "portfolio.en.html",
        "portfolio.ja.html",
    ]
    listed = run.json("report", "policy", "--out", str(tmp_path / "q"))
    assert sorted(listed) == sorted(str(p) for p in (tmp_path / "q").iterdir())  # type: ignore[arg-type]
    assert len(listed) == 4  # type: ignore[arg-type]
    card = tmp_path / "card.html"
    code, _, err = run("report", "model-card", "support-chatbot", "--out", str(card))
    assert code == 0, err
    assert card.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    code, stdout, _ = run("report", "model-card", "support-chatbot")
    assert stdout.startswith("---")  # Markdown with front matter
    code, stdout, _ = run("report", "notice", "support-chatbot", "--format", "text")
    assert code == 0 and "<" not in stdout
    code, _, err = run("report", "notice", "support-chatbot", "--format", "pdf")
    assert code == 2
    target = tmp_path / "ar.json"
    code, _, err = run("report", "oscal", "credit-screening", "--out", str(target))
    assert code == 0, err
    assert list(json.loads(target.read_text(encoding="utf-8"))) == ["assessment-results"]
