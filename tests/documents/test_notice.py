"""User notices: an embeddable, scoped, escaped HTML snippet and plain text."""

from __future__ import annotations

import re

import pytest

from daicho.documents import SystemDossierContext, render_notice_html, render_notice_text
from daicho.i18n import translator

from .conftest import EVIL, LANGS, LinkCollector, assert_self_contained


@pytest.mark.parametrize("lang", LANGS)
def test_snippet_is_embeddable(context: SystemDossierContext, lang: str) -> None:
    html = render_notice_html(context, lang)
    tags = set(LinkCollector(html).tags)
    assert not tags & {"html", "head", "body", "title", "meta"}
    assert html.lstrip().startswith('<div class="daicho-notice"')
    assert_self_contained(html)
    css = html.split("<style>")[1].split("</style>")[0]
    selectors = [s.strip() for s in re.findall(r"([^{}]+)\{", css)]
    assert selectors and all(s.startswith(".daicho-notice") for s in selectors)
    classes = re.findall(r'class="([^"]+)"', html)
    assert all(c.startswith("daicho-notice") for c in classes)


HEADINGS = (
    "Limitations and cautions",
    "Data used and purpose of use",
    "Reaching a person and contesting a decision",
    "Feedback and contact",
)


@pytest.mark.parametrize(
    ("lang", "phrases"),
    [
        ("ja", ["利用者への通知", "AIシステム", "AI相談窓口", "2026年11月25日"]),
        (
            "en",
            [
                "Notice to users",
                "uses an AI system",
                "contest a decision",
                "AI Inquiry Desk",
                "25 November 2026",
            ],
        ),
    ],
)
def test_what_a_notice_says(context: SystemDossierContext, lang: str, phrases: list[str]) -> None:
    html, text = render_notice_html(context, lang), render_notice_text(context, lang)
    gettext = translator(lang).gettext
    for phrase in [*phrases, *(gettext(h) for h in HEADINGS)]:
        assert phrase in html and phrase in text
    assert "0120-000-123" in text
    assert context.system.purpose.get(lang) in text
    assert "<" not in text.replace("<25", "")  # plain text: no markup


@pytest.mark.parametrize("lang", LANGS)
def test_script_name_is_escaped(evil_context: SystemDossierContext, lang: str) -> None:
    html = render_notice_html(evil_context, lang)
    assert "<script" not in html and "&lt;script&gt;" in html
    # plain text is plain: the name is written as it is, for a text medium
    assert EVIL in render_notice_text(evil_context, lang)
