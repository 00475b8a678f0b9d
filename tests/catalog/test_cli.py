"""``daicho catalog``: list, show, search, diff, export, facts — for people and for scripts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from daicho.cli import main

from .test_loader import _copy_builtin
from .test_parse import GOOD


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["catalog", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_list_frameworks_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "--json")
    data = json.loads(out)
    assert code == 0 and data["catalog_version"] == "2026.11.0"
    ids = {f["id"] for f in data["frameworks"]}
    assert {"meti-aigl", "eu-ai-act", "appi"} <= ids


def test_list_requirements_human(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "jp-ai-act", "--lang", "en")
    assert code == 0 and "jp-ai-act/art-7" in out and "Responsibilities" in out


def test_show_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "appi/art-26", "--lang", "ja")
    assert code == 0 and "漏えい等の報告" in out and "3–5" in out
    code, out, _ = run(capsys, "show", "appi/art-26", "--json")
    data = json.loads(out)
    assert data["requirement"]["id"] == "appi/art-26"
    assert {r["id"] for r in data["related"]} >= {"meti-aigl/P-4-ii"}


def test_lang_from_environment(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DAICHO_LANG", "en")
    code, out, _ = run(capsys, "search", "breach", "--json")
    assert code == 0
    assert next(r for r in json.loads(out) if r["id"] == "appi/art-26")["title"].startswith(
        "Breach"
    )


def test_unknown_id_is_a_user_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "show", "meti-aigl/P-6-iii")
    assert code == 2 and "did you mean 'meti-aigl/P-6-ii'" in err


def test_bad_lang(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "list", "--lang", "fr")
    assert code == 2 and "ja or en" in err


def test_export_oscal_to_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "meti.json"
    code, _, _ = run(capsys, "export", "--format", "oscal", "meti-aigl", "--out", str(target))
    assert code == 0
    assert json.loads(target.read_text("utf-8"))["catalog"]["metadata"]["version"] == "1.1"
    code, out, _ = run(capsys, "export", "crosswalks")
    assert code == 0 and "mapping-collection" in json.loads(out)
    code, _, err = run(capsys, "export", "--format", "csv", "appi")
    assert code == 2 and "oscal" in err


def test_diff_folders(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    old, new = _copy_builtin(tmp_path / "old"), _copy_builtin(tmp_path / "new")
    (new / "frameworks" / "pmd-samd.yaml").unlink()
    code, out, _ = run(capsys, "diff", str(old), str(new), "--json")
    data = json.loads(out)
    assert code == 0 and data["frameworks_removed"] == ["pmd-samd"]
    assert "pmd-samd/idaten" in data["removed"]
    code, out, _ = run(capsys, "diff", str(old), str(old))
    assert "No differences" in out or "差分" in out


def test_custom_framework_from_home(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    home = tmp_path / "ledger"
    (home / "frameworks").mkdir(parents=True)
    (home / "frameworks" / "acme-policy.yaml").write_text(GOOD, encoding="utf-8")
    code = main(["--home", str(home), "catalog", "show", "acme-policy/2", "--json"])
    out, _ = capsys.readouterr()
    assert code == 0 and json.loads(out)["requirement"]["parent"] == "acme-policy/1"
    (home / "frameworks" / "acme-policy.yaml").write_text(
        GOOD.replace("    applies_if:", "    applies_iff:"), encoding="utf-8"
    )
    code = main(["--home", str(home), "catalog", "list"])
    _, err = capsys.readouterr()
    assert code == 2 and "acme-policy.yaml:20" in err and "applies_if" in err


def test_catalog_help_imports_nothing_heavy() -> None:
    code = (
        "import sys; from daicho.cli import main; rc = main(['catalog', '--help']);"
        "print(sorted(m for m in ('ruamel', 'trestle', 'daicho.catalog', 'daicho.catalogs')"
        " if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stderr


def test_facts(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "facts", "--json")
    names = {f["name"]: f["kind"] for f in json.loads(out)}
    assert code == 0 and names["sector"] == "text" and names["eu_nexus"] == "bool"
