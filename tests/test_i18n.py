"""Japanese and English are both complete: a missing message fails the build."""

from __future__ import annotations

import importlib.util
import re

import pytest

from daicho.cli._terms import TERMS
from tests.conftest import REPO

spec = importlib.util.spec_from_file_location("i18n_tool", REPO / "scripts" / "i18n.py")
assert spec and spec.loader
tool = importlib.util.module_from_spec(spec)
spec.loader.exec_module(tool)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_message_is_translated(lang: str) -> None:
    assert tool.missing(lang) == []


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_compiled_catalogs_are_up_to_date(lang: str) -> None:
    mo = tool.po_path(lang).with_suffix(".mo")
    assert mo.read_bytes() == tool.compiled(lang), "run: uv run python scripts/i18n.py compile"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_translations_keep_their_placeholders(lang: str) -> None:
    for message in tool.read(tool.po_path(lang), lang):
        if message.id and message.string:
            fields = set(re.findall(r"\{[^}]*\}", message.id))
            assert fields == set(re.findall(r"\{[^}]*\}", message.string)), message.id


def test_every_enum_value_is_a_translatable_term() -> None:
    assert set(TERMS) == set(tool.term_pairs())
    generated = tool.terms_source()
    assert tool.TERMS_FILE.read_text(encoding="utf-8") == generated, "run scripts/i18n.py terms"


@pytest.mark.parametrize(
    ("value", "kind", "japanese"),
    [
        ("medium", "RiskLevel", "中"),
        ("medium", "OrganisationSize", "中規模"),
        ("open", "RiskStatus", "未対応"),
        ("open", "Verdict", "未回答"),
        ("transparency", "EUTier", "透明性義務"),
        ("transparency", "RiskCategory", "透明性"),
    ],
)
def test_one_english_word_can_be_two_japanese_words(value: str, kind: str, japanese: str) -> None:
    from daicho import i18n

    i18n.set_language("ja")
    try:
        assert i18n.term(value, kind) == japanese
    finally:
        i18n.set_language("en")
    assert i18n.term(value, kind) == value


def test_japanese_is_shown_with_lang_ja(capsys: pytest.CaptureFixture[str], tmp_path) -> None:  # type: ignore[no-untyped-def]
    from daicho.cli import main

    home = str(tmp_path / "h")
    assert main(["--home", home, "--lang", "ja", "init"]) == 0
    assert "台帳を準備しました" in capsys.readouterr().out
    assert main(["--home", home, "--lang", "ja", "system", "show", "missing"]) == 2
    assert "エラー" in capsys.readouterr().err
    assert main(["--home", home, "--lang", "en", "init"]) == 0
    assert "Ledger ready" in capsys.readouterr().out
