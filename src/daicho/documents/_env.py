"""Jinja2 environments, one per language and output kind, with the documents' filters.

Three kinds of output:

``html``
    Autoescape on; every value is HTML-escaped unless it is :class:`markupsafe.Markup`
    (the inline SVG charts and the inline stylesheet are).
``md``
    Markdown: each ``{{ value }}`` is passed through :func:`md_escape` (``<``, ``>`` and ``&``
    become entities so no raw HTML gets through; Markdown punctuation and table pipes are
    backslash-escaped). :class:`markupsafe.Markup` values (the YAML front matter) pass as they are.
``txt``
    Plain text: values are written as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any, Literal

from babel.dates import format_date, format_time
from babel.numbers import format_decimal, format_percent
from jinja2 import Environment, FileSystemLoader, Undefined
from markupsafe import Markup

from daicho.domain import BilingualText, LocalizedText, RiskLevel
from daicho.i18n import LANGUAGES, translator

from ._terms import LEVEL_COLOURS, label

__all__ = ["TEMPLATES", "Kind", "environment", "md_escape", "stylesheet"]

TEMPLATES = Path(__file__).resolve().parent / "templates"
Kind = Literal["html", "md", "txt"]
_BABEL_LOCALE = {"ja": "ja_JP", "en": "en_GB"}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#|!~])")


def md_escape(value: Any) -> str:
    """Make ``value`` safe to put into Markdown text or a Markdown table cell.

    ``&``, ``<`` and ``>`` become HTML entities, so a value can never open an HTML tag in the
    rendered Markdown; Markdown punctuation and ``|`` are backslash-escaped; line breaks become
    spaces so a value stays inside its table cell.
    """
    if value is None:
        return ""
    if isinstance(value, Markup):
        return str(value)
    text = str(value.value if isinstance(value, Enum) else value)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"\s*\n\s*", " ", text)


def _missing(value: Any) -> bool:
    return value is None or value == "" or isinstance(value, Undefined)


def _to_date(value: Any) -> date | None:
    if _missing(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return datetime.fromisoformat(str(value)).date()


def _make_filters(lang: str) -> dict[str, Callable[..., Any]]:
    locale = _BABEL_LOCALE[lang]
    catalog = translator(lang)
    gettext = catalog.gettext

    def date_filter(value: Any) -> str:
        """Long date: ``2026年11月25日`` in Japanese, ``25 November 2026`` in English."""
        day = _to_date(value)
        return "—" if day is None else format_date(day, format="long", locale=locale)

    def datetime_filter(value: Any) -> str:
        """Long date and UTC time, e.g. ``2026年11月25日 10:18 UTC``."""
        if _missing(value):
            return "—"
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
        if moment.tzinfo is not None:
            moment = moment.astimezone(UTC)
        time = format_time(moment, "HH:mm", locale=locale)
        return f"{format_date(moment.date(), format='long', locale=locale)} {time} UTC"

    def pct(value: Any, digits: int = 1) -> str:
        """A 0–1 share as a percentage (``—`` when missing)."""
        if _missing(value):
            return "—"
        return format_percent(float(value), "#,##0." + "0" * digits + "%", locale=locale)

    def num(value: Any, digits: int = 3) -> str:
        """A number with up to ``digits`` decimals (``—`` when missing)."""
        if _missing(value):
            return "—"
        if isinstance(value, bool):
            return str(value)
        return format_decimal(value, "#,##0." + "#" * digits if digits else "#,##0", locale=locale)

    def text(value: Any) -> str:
        """Bilingual or localized text in this language; other values as they are."""
        if isinstance(value, BilingualText | LocalizedText):
            return value.get(lang)
        if isinstance(value, dict) and ("ja" in value or "en" in value):
            return str(value.get(lang) or value.get("en") or value.get("ja") or "")
        return "" if value is None else str(value)

    def term(value: Any, kind: str | None = None) -> str:
        """A controlled-vocabulary value as a translated term.

        Tried first in the context of its enum (``kind``, or the enum's class name such as
        ``RiskLevel``), then as a bare msgid, then through the documents' display terms.
        """
        if _missing(value):
            return "—"
        context = kind or (type(value).__name__ if isinstance(value, Enum) else None)
        text = str(value.value if isinstance(value, Enum) else value)
        if context:
            found = catalog.pgettext(context, text)
            if found != text:
                return found
        return label(text, gettext)

    def level_colour(value: Any) -> str:
        """The colour of a risk level (hex)."""
        key = value.value if isinstance(value, Enum) else str(value)
        return LEVEL_COLOURS.get(key, "#9e9e9e")

    return {
        "date": date_filter,
        "datetime": datetime_filter,
        "pct": pct,
        "num": num,
        "text": text,
        "term": term,
        "level_colour": level_colour,
        "md": md_escape,
    }


@cache
def environment(lang: str, kind: Kind = "html") -> Environment:
    """The Jinja2 environment for ``lang`` (``ja``/``en``) and output ``kind``.

    Each has ``jinja2.ext.i18n`` installed with daicho's gettext catalog for ``lang``
    (new-style gettext: ``{{ _("Risk register") }}``, ``{% trans %}`` blocks), and the filters
    ``date``, ``datetime``, ``pct``, ``num``, ``text``, ``term``, ``level_colour`` and ``md``.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; choose ja or en")
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=kind == "html",
        extensions=["jinja2.ext.i18n"],
        finalize=md_escape if kind == "md" else None,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.install_gettext_translations(translator(lang), newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(_make_filters(lang))
    env.globals.update(lang=lang, RiskLevel=RiskLevel)
    return env


@cache
def stylesheet() -> Markup:
    """The documents' CSS (``templates/_style.css``), to inline in a ``<style>`` element."""
    return Markup((TEMPLATES / "_style.css").read_text(encoding="utf-8"))
