"""Environments and filters: dates, numbers, Markdown escaping, one environment per language."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from daicho.documents._env import environment, md_escape

from .conftest import EVIL, LANGS


@pytest.mark.parametrize(
    ("lang", "expected"), [("ja", "2026年11月25日"), ("en", "25 November 2026")]
)
@pytest.mark.parametrize(
    "value",
    [date(2026, 11, 25), datetime(2026, 11, 25, 9, 0, tzinfo=UTC), "2026-11-25T09:00:00+00:00"],
)
def test_dates_are_long_and_localised(lang: str, expected: str, value: object) -> None:
    env = environment(lang)
    assert env.from_string("{{ d|date }}").render(d=value) == expected


@pytest.mark.parametrize("lang", LANGS)
def test_missing_values_show_a_dash(lang: str) -> None:
    env = environment(lang)
    assert env.from_string("{{ x|date }} {{ x|pct }} {{ x|num }}").render(x=None) == "— — —"


@pytest.mark.parametrize(("lang", "expected"), [("ja", "76.1%"), ("en", "76.1%")])
def test_percentages(lang: str, expected: str) -> None:
    assert environment(lang).from_string("{{ 0.76140707|pct }}").render() == expected


def test_one_environment_per_language_and_kind() -> None:
    assert environment("ja") is environment("ja")
    assert environment("ja") is not environment("en")
    assert environment("ja", "html").autoescape
    assert not environment("ja", "md").autoescape
    with pytest.raises(ValueError, match="unsupported"):
        environment("fr")


@pytest.mark.parametrize("lang", LANGS)
def test_html_environment_escapes(lang: str) -> None:
    out = environment(lang, "html").from_string("<p>{{ v }}</p>").render(v=EVIL)
    assert EVIL not in out and "&lt;script&gt;" in out


def test_markdown_escape() -> None:
    assert "<" not in md_escape(EVIL)
    assert md_escape("a|b") == r"a\|b"
    assert md_escape("line\nnext") == "line next"
    assert md_escape("[x](http://e)") == r"\[x\](http://e)"
    out = environment("en", "md").from_string("| {{ v }} |").render(v=EVIL)
    assert "<script" not in out


@pytest.mark.parametrize(("lang", "expected"), [("ja", "モデルカード"), ("en", "Model card")])
def test_templates_translate(lang: str, expected: str) -> None:
    assert environment(lang).from_string('{{ _("Model card") }}').render() == expected
