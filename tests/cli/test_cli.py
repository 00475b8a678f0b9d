"""The command line, run in-process: exit codes, JSON output, clear errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from daicho.cli import main
from tests.conftest import EXAMPLES


class Run:
    def __init__(self, capsys: pytest.CaptureFixture[str], home: Path) -> None:
        self.capsys = capsys
        self.home = home

    def __call__(self, *args: str, lang: str = "en") -> tuple[int, str, str]:
        self.capsys.readouterr()
        code = main(["--home", str(self.home), "--lang", lang, "--author", "tester", *args])
        out, err = self.capsys.readouterr()
        return code, out, err

    def json(self, *args: str) -> object:
        code, out, err = self(*args, "--json")
        assert code == 0, err
        return json.loads(out)


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Run:
    return Run(capsys, tmp_path / "home")


@pytest.fixture
def imported(run: Run) -> Run:
    assert run("init")[0] == 0
    code, _, err = run("import", str(EXAMPLES))
    assert code == 0, err
    return run


def test_init_then_list_empty(run: Run) -> None:
    assert run.json("init")["database"].endswith("ledger.db")  # type: ignore[index]
    assert run.json("system", "list") == []


def test_import_list_show_as_json(imported: Run) -> None:
    systems = imported.json("system", "list")
    assert [s["slug"] for s in systems] == ["credit-screening", "doc-summariser", "support-chatbot"]  # type: ignore[union-attr,index]
    shown = imported.json("system", "show", "credit-screening")
    assert shown["significant_decisions"] is True  # type: ignore[index]
    assert shown["id"] == "6f1c2a0e-3b7d-4f43-9a55-1d2e8b9c0a11"  # type: ignore[index]


def test_show_as_yaml_matches_the_export(imported: Run, tmp_path: Path) -> None:
    code, out, _ = imported("system", "show", "doc-summariser", "--yaml")
    assert code == 0
    imported("export", str(tmp_path / "out"))
    assert out == (tmp_path / "out" / "systems" / "doc-summariser.yaml").read_text(encoding="utf-8")


def test_add_edit_history_retire(run: Run) -> None:
    run("init")
    code, out, err = run(
        "system",
        "add",
        "--slug",
        "hr-screen",
        "--name-ja",
        "採用スクリーニング",
        "--name-en",
        "Hiring screen",
        "--purpose",
        "Rank CVs",
        "--role",
        "business_user",
    )
    assert code == 0, err
    assert "hr-screen" in out
    code, _, err = run(
        "system",
        "edit",
        "hr-screen",
        "--set",
        "significant_decisions=true",
        "--set",
        "sector=employment",
        "-m",
        "it ranks people",
    )
    assert code == 0, err
    history = run.json("system", "history", "hr-screen")
    assert [h["reason"] for h in history] == ["registered", "it ranks people"]  # type: ignore[index,union-attr]
    changed = {c["field"]: c["after"] for c in history[1]["changes"]}  # type: ignore[index]
    assert changed == {"sector": "employment", "significant_decisions": True}
    assert run("system", "retire", "hr-screen", "-m", "replaced")[0] == 0
    assert run.json("system", "list") == []
    assert len(run.json("system", "list", "--all")) == 1  # type: ignore[arg-type]


def test_edit_with_an_editor(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run("init")
    run("import", str(EXAMPLES / "systems" / "doc-summariser.yaml"))
    editor = tmp_path / "editor.sh"
    editor.write_text("#!/bin/sh\nsed -i 's/^owner: .*/owner: 新しい担当者/' \"$1\"\n")
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    code, _, err = run("system", "edit", "doc-summariser", "-m", "new owner")
    assert code == 0, err
    assert run.json("system", "show", "doc-summariser")["owner"] == "新しい担当者"  # type: ignore[index]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("system", "show", "nope"), "no system 'nope'"),
        (
            ("system", "edit", "doc-summariser", "--set", "lifecycle_stage=live", "-m", "x"),
            "'live' is not an allowed value",
        ),
        (
            ("system", "edit", "doc-summariser", "--set", "colour=red", "-m", "x"),
            "unknown field 'colour'",
        ),
        (("system", "edit", "doc-summariser", "--set", "nonsense", "-m", "x"), "FIELD=VALUE"),
        (("system", "add", "--slug", "x"), "--name-ja"),
        (("import", "missing-folder"), "no such file or folder"),
        (("schema", "--kind", "vendorr"), "unknown kind"),
    ],
)
def test_user_errors_exit_2_with_one_clear_line(
    imported: Run, args: tuple[str, ...], message: str
) -> None:
    code, _, err = imported(*args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_usage_errors_exit_2(run: Run) -> None:
    code, _, _ = run("system", "list", "--bogus")
    assert code == 2
    assert main(["--lang", "fr", "system", "list"]) == 2


def test_import_error_names_file_line_field_and_expected(imported: Run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        (EXAMPLES / "systems" / "doc-summariser.yaml")
        .read_text(encoding="utf-8")
        .replace("deployment_context: internal", "deployment_context: intranet"),
        encoding="utf-8",
    )
    line = bad.read_text(encoding="utf-8").splitlines().index("deployment_context: intranet") + 1
    code, _, err = imported("import", str(bad))
    assert code == 2
    assert f"{bad}:{line}:1: deployment_context: 'intranet' is not an allowed value" in err
    assert "expected 'internal', 'customer_facing' or 'public'" in err
    assert "nothing was imported" in err


def test_audit_verify_and_log(imported: Run) -> None:
    records = len(list(EXAMPLES.rglob("*.yaml")))
    verdict = imported.json("audit", "verify")
    assert verdict["ok"] is True and verdict["problems"] == []  # type: ignore[index]
    assert verdict["entries"] >= records  # type: ignore[index]
    log = imported.json("audit", "log", "--limit", "2")
    newest = verdict["entries"]  # type: ignore[index]
    assert [e["seq"] for e in log] == [newest, newest - 1]  # type: ignore[index,union-attr]


def test_audit_verify_exits_3_when_tampered(imported: Run) -> None:
    import sqlite3

    db = sqlite3.connect(imported.home / "ledger.db")
    db.execute("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2")
    db.commit()
    db.close()
    code, out, _ = imported("audit", "verify")
    assert code == 3
    assert "entry 2 was altered" in out


def test_schema_prints_json_schema(run: Run) -> None:
    code, out, _ = run("schema")
    assert code == 0
    assert json.loads(out)["title"] == "daicho system"


def test_org_set_and_show(run: Run) -> None:
    run("init")
    assert run("org", "set", str(EXAMPLES / "organisation.yaml"))[0] == 0
    assert run.json("org", "show")["name"]["en"] == "Sakura Financial Co., Ltd."  # type: ignore[index]


def test_export_writes_one_file_per_system(imported: Run, tmp_path: Path) -> None:
    report = imported.json("export", str(tmp_path / "x"))
    files = [Path(f) for f in report["files"]]  # type: ignore[index]
    systems = sorted(f.name for f in files if f.parent.name == "systems")
    assert systems == ["credit-screening.yaml", "doc-summariser.yaml", "support-chatbot.yaml"]
    assert tmp_path / "x" / "organisation.yaml" in files


def test_demo_builds_the_example_ledger(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code = main(["--lang", "en", "demo", "--home", str(tmp_path / "demo")])
    out = capsys.readouterr().out
    assert code == 0
    assert "byte-identical: yes" in out
    assert "chain intact: yes" in out
    # The demo refuses to wipe a folder it did not create.
    other = tmp_path / "precious"
    other.mkdir()
    (other / "thesis.txt").write_text("x")
    assert main(["demo", "--home", str(other)]) == 2
    assert (other / "thesis.txt").exists()
    shutil.rmtree(tmp_path / "demo")
