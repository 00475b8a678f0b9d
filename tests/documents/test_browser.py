"""The dossier index pages in real headless Chromium: they load offline, without console
errors, show their headings in both languages and link to each other."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from daicho.documents import INDEX_FILES, SystemDossierContext, render_dossier_index
from daicho.i18n import translator

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
HEADINGS = (
    "System profile",
    "Risk register",
    "Evaluation results",
    "Model card",
    "Notice to users",
)

pytestmark = pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="no Debian Chromium")


def test_pages_in_chromium(context: SystemDossierContext, tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    for lang, name in INDEX_FILES.items():
        (tmp_path / name).write_text(render_dossier_index(context, lang), encoding="utf-8")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            problems: list[str] = []
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.on(
                "request",
                lambda r: problems.append(r.url) if not r.url.startswith("file:") else None,
            )
            for lang, name in INDEX_FILES.items():
                page.goto((tmp_path / name).as_uri())
                gettext = translator(lang).gettext
                headings = page.locator("h1, h2").all_inner_texts()
                for heading in HEADINGS:
                    assert gettext(heading) in headings, (lang, heading, headings)
                assert page.locator("html").get_attribute("lang") == lang
                assert page.locator("svg.heatmap g.cell").count() == 25
                box = page.locator("svg.heatmap").bounding_box()
                assert box is not None and box["width"] > 200
                shot = tmp_path / f"{name}.png"
                page.screenshot(path=str(shot), full_page=False)
                data = shot.read_bytes()
                assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 20_000
            # the language switch goes from the English page back to the Japanese one
            page.click("nav.lang a")
            assert page.url.endswith("/" + INDEX_FILES["ja"])
            assert problems == []
        finally:
            browser.close()
