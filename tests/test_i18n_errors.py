"""Errors raised below the CLI (ledger, codec, store) reach people in their language.

The same commands run with ``--lang ja`` and ``--lang en``: Japanese text in one, the
unchanged English text in the other.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from daicho.cli import main
from tests.conftest import EXAMPLES


def _run(
    capsys: pytest.CaptureFixture[str], home: Path, lang: str, *args: str
) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--home", str(home), "--lang", lang, "--author", "tester", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def home(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    home = tmp_path / "home"
    assert _run(capsys, home, "en", "init")[0] == 0
    code, _, err = _run(capsys, home, "en", "import", str(EXAMPLES))
    assert code == 0, err
    return home


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ja", "台帳にシステム 'credit-scoring' がありません。'credit-screening' のことですか？"),
        ("en", "no system 'credit-scoring' in the ledger; did you mean 'credit-screening'?"),
    ],
)
def test_unknown_system(
    capsys: pytest.CaptureFixture[str], home: Path, lang: str, expected: str
) -> None:
    code, _, err = _run(capsys, home, lang, "system", "show", "credit-scoring")
    assert code == 2
    assert expected in err


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ja", ["不明な項目 'ownr' です。'owner' のことですか？", "何もインポートしていません"]),
        ("en", ["unknown field 'ownr'; did you mean 'owner'?", "nothing was imported"]),
    ],
)
def test_import_with_an_unknown_field(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path, lang: str, expected: list[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    text = (EXAMPLES / "systems" / "doc-summariser.yaml").read_text(encoding="utf-8")
    assert "\nowner:" in text
    bad.write_text(text.replace("\nowner:", "\nownr:"), encoding="utf-8")
    code, _, err = _run(capsys, home, lang, "import", str(bad))
    assert code == 2
    for part in expected:
        assert part in err


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ja", ["のデータベースに接続できません", "サーバーが起動しているかを確認してください"]),
        ("en", ["cannot reach the database at", "that the server is running"]),
    ],
)
def test_unreachable_database(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    lang: str,
    expected: list[str],
) -> None:
    monkeypatch.setenv("DAICHO_DB_TIMEOUT", "1")
    url = "postgresql://nobody@127.0.0.1:1/ledger"
    code, _, err = _run(capsys, tmp_path / "home", lang, "--db", url, "system", "list")
    assert code == 2
    for part in expected:
        assert part in err


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ja", "エントリ 2 が改ざんされています（ハッシュが一致しません）"),
        ("en", "entry 2 was altered (its hash does not match)"),
    ],
)
def test_tampered_audit_chain(
    capsys: pytest.CaptureFixture[str], home: Path, lang: str, expected: str
) -> None:
    db = sqlite3.connect(home / "ledger.db")
    db.execute("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2")
    db.commit()
    db.close()
    code, out, _ = _run(capsys, home, lang, "audit", "verify")
    assert code == 3
    assert expected in out
