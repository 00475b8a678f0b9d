"""PDF: Japanese comes out as text in an embedded Noto Sans CJK font."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from daicho.documents import SystemDossierContext, html_to_pdf, render_dossier_pdf


@pytest.fixture(scope="module")
def dossier_pdf(context: SystemDossierContext, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "dossier.pdf"
    path.write_bytes(render_dossier_pdf(context, ("ja",), [("model-card.ja.md", 10, "a" * 64)]))
    return path


def test_japanese_headings_are_text(dossier_pdf: Path) -> None:
    assert dossier_pdf.read_bytes().startswith(b"%PDF-")
    text = subprocess.run(
        ["pdftotext", str(dossier_pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for heading in ("モデルカード", "利用者への通知", "リスク", "個人向けローン審査モデル"):
        assert heading in text
    assert "2026年11月25日" in text


def test_noto_sans_cjk_is_embedded(dossier_pdf: Path) -> None:
    fonts = subprocess.run(
        ["pdffonts", str(dossier_pdf)], capture_output=True, text=True, check=True
    ).stdout
    noto = [line for line in fonts.splitlines() if "Noto-Sans-CJK" in line.replace(" ", "-")]
    assert noto, fonts
    assert all(line.split()[-5] == "yes" for line in noto)  # the "emb" column


def test_network_resources_are_not_fetched() -> None:
    html = (
        '<html><head><style>html{font-family:"Noto Sans CJK JP"}</style></head><body>'
        '<img src="https://example.invalid/x.png"><p>日本語</p></body></html>'
    )
    assert html_to_pdf(html).startswith(b"%PDF-")
