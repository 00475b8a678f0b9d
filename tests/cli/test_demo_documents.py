"""The demo's last step writes every example system's dossier, the reports, and verifies one."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from daicho import Ledger
from daicho._dossier_verify import verify_dossier
from daicho.cli import _demo_documents as step
from tests.conftest import EXAMPLES


@pytest.mark.slow
def test_demo_writes_dossiers_and_reports(tmp_path: Path) -> None:
    titles: list[str] = []
    buffer = io.StringIO()
    with Ledger.init(tmp_path / "ledger") as ledger:
        ledger.import_paths([EXAMPLES], author="ci")
        step.run(ledger, tmp_path, Console(file=buffer, width=200), "en", "demo", titles.append)
        slugs = [s.slug for s in ledger.systems(include_retired=False)]
        history = ledger.vendor_history(step.VENDOR)
    assert history[-1].author == "demo"
    text = buffer.getvalue()
    for slug in slugs:
        archive = tmp_path / "dossiers" / f"{slug}-dossier.zip"
        assert str(archive) in text
        assert verify_dossier(archive).ok
        assert (tmp_path / "dossiers" / f"{slug}-dossier" / "dossier.pdf").stat().st_size > 0
    reports = sorted(p.name for p in (tmp_path / "reports").iterdir())
    assert {"portfolio.ja.pdf", "portfolio.en.html", "policy.ja.md"} <= set(reports)
    assert "intact: yes" in text
    assert len(titles) == 4
