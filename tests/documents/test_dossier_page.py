"""The dossier index page: self-contained, both languages linked, every section, escaped."""

from __future__ import annotations

import re

import pytest

from daicho.documents import (
    INDEX_FILES,
    DossierFile,
    SystemDossierContext,
    render_dossier_index,
)
from daicho.i18n import translator

from .conftest import LANGS, LinkCollector, assert_self_contained

FILES = [
    DossierFile("model-card.ja.md", 2048, "a" * 64),
    ("notice.en.txt", 512, "b" * 64),
    ("https://elsewhere.example/x.pdf", 1, "c" * 64),
]
SECTIONS = (
    "System profile",
    "Revision history",
    "Applicability",
    "Comply-or-explain worksheet",
    "Completeness by principle",
    "Risk register",
    "EU AI Act classification",
    "Evaluation results",
    "Model card",
    "Notice to users",
    "Vendor checklists",
    "Files in this dossier",
)


@pytest.mark.parametrize("lang", LANGS)
def test_self_contained_and_linked(context: SystemDossierContext, lang: str) -> None:
    html = render_dossier_index(context, lang, FILES)
    assert_self_contained(html)
    hrefs = [u for tag, attr, u in LinkCollector(html).urls if attr == "href"]
    other = INDEX_FILES["en" if lang == "ja" else "ja"]
    assert other in hrefs
    # files: relative names are links, a URL-like name is shown as text only
    assert "model-card.ja.md" in hrefs and "notice.en.txt" in hrefs
    assert "https://elsewhere.example/x.pdf" in html
    assert not any(h.startswith("https://") for h in hrefs)
    assert "a" * 64 in html and "2,048" in html
    assert f'<html lang="{lang}">' in html


@pytest.mark.parametrize("lang", LANGS)
def test_every_section(context: SystemDossierContext, lang: str) -> None:
    html = render_dossier_index(context, lang, FILES)
    gettext = translator(lang).gettext
    for section in SECTIONS:
        assert gettext(section) in html, section
    assert ("2026年11月25日" if lang == "ja" else "25 November 2026") in html
    # the heat map: the 4 × 5 risk counted in its cell
    assert 'data-likelihood="4" data-impact="5" data-count="1"' in html
    # per-group charts and the worksheet roll-up by principle
    assert html.count('class="bars"') >= 4
    assert "meti-aigl/C-3" in html
    pct = re.search(r"<p>[^<]+: <strong>([\d.]+%)</strong>", html)
    assert pct is not None
    # vendors and the notice snippet are there
    assert "Bureau AI K.K." in html and 'class="daicho-notice"' in html
    assert context.organisation.contact.email in html


@pytest.mark.parametrize("lang", LANGS)
def test_script_name_is_escaped(evil_context: SystemDossierContext, lang: str) -> None:
    html = render_dossier_index(evil_context, lang, FILES)
    assert "<script" not in html
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 5
    assert_self_contained(html)


def test_stable_output(context: SystemDossierContext) -> None:
    assert render_dossier_index(context, "ja", FILES) == render_dossier_index(context, "ja", FILES)
