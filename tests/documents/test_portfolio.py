"""The portfolio report: every system, EU tiers, gaps, open risks; HTML and PDF."""

from __future__ import annotations

import subprocess

import pytest

from daicho.documents import PortfolioContext, render_portfolio_html, render_portfolio_pdf
from daicho.i18n import translator

from .conftest import LANGS, assert_self_contained


@pytest.mark.parametrize("lang", LANGS)
def test_portfolio_html(portfolio_context: PortfolioContext, lang: str) -> None:
    html = render_portfolio_html(portfolio_context, lang)
    assert_self_contained(html)
    for gaps in portfolio_context.systems:
        assert gaps.name[lang] in html
    gettext = translator(lang).gettext
    assert gettext("AI portfolio report") in html and gettext("EU AI Act tier") in html
    assert 'data-likelihood="4" data-impact="5" data-count="1"' in html
    assert "applicant-harm" in html


def test_portfolio_pdf_is_japanese_text(portfolio_context: PortfolioContext, tmp_path) -> None:
    path = tmp_path / "portfolio.pdf"
    path.write_bytes(render_portfolio_pdf(portfolio_context, "ja"))
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    gettext = translator("ja").gettext
    assert gettext("AI portfolio report") in text and gettext("Open risks") in text
    assert "ポートフォリオ" in text and "リスク" in text
