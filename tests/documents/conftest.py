"""Contexts for the document tests, built from the example ledger and a stored evaluation.

The Japanese translations of the document messages live in ``docs/i18n/documents.ja.po`` until
the i18n owner merges them into ``src/daicho/locales``; until then this conftest adds the
fragment as a gettext fallback of the Japanese catalog, so these tests check the Japanese text
either way (after the merge the fallback is never consulted).
"""

from __future__ import annotations

import dataclasses
import gettext
import io
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from daicho import Ledger
from daicho.documents import (
    EvaluationSummary,
    PolicyContext,
    PortfolioContext,
    RevisionSummary,
    SystemDossierContext,
    VendorChecklistItem,
    VendorChecklistView,
)
from daicho.domain import AISystem, BilingualText, Risk
from daicho.i18n import translator

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "src" / "daicho" / "examples" / "ledger"
FRAGMENT = REPO / "docs" / "i18n" / "documents.ja.po"
PAYLOAD = Path(__file__).parent / "data" / "credit-screening-evaluation.json"
SYSTEM = "credit-screening"
EVIL = "<script>alert(1)</script>"
#: A fixed moment, so output is stable and the Japanese date is known.
GENERATED = datetime(2026, 11, 25, 10, 18, tzinfo=UTC)
LANGS = ("ja", "en")


def _fragment_translations() -> gettext.GNUTranslations:
    with FRAGMENT.open("rb") as handle:
        catalog = read_po(handle, locale="ja")
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@pytest.fixture(scope="session", autouse=True)
def _japanese_fragment() -> None:
    """Fall back to the PO fragment for messages the shipped catalog does not have yet."""
    japanese = translator("ja")
    if japanese.gettext("Model card") == "Model card":
        japanese.add_fallback(_fragment_translations())


@pytest.fixture(scope="session")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ledger]:
    """The example ledger, with seeded risks and one risk at likelihood 4, impact 5."""
    led = Ledger.init(tmp_path_factory.mktemp("ledger"))
    led.import_paths([EXAMPLES])
    led.seed_risks(SYSTEM, author="test")
    led.save_risk(
        Risk(
            system=SYSTEM,
            id="applicant-harm",
            title={"ja": "申込者への不当な否決", "en": "Unfair rejection of applicants"},
            category="fairness",
            lifecycle_stage="deployed",
            likelihood=4,
            impact=5,
            owner="佐藤 健",
            review_by=date(2026, 12, 31),
        ),
        author="test",
    )
    yield led
    led.close()


def vendor_views(led: Ledger) -> list[VendorChecklistView]:
    """A contract checklist for one vendor: every 'use' item, alternately covered or not."""
    catalog = led.catalog()
    items = [
        VendorChecklistItem(
            requirement=r.id,
            title=r.title,
            status=("covered", "not_covered", "not_needed")[i % 3],
            notes="clause 7" if i == 0 else None,
        )
        for i, r in enumerate(catalog.children("meti-ai-contracts/use"))
    ]
    return [VendorChecklistView("bureau-ai", "Bureau AI K.K.", "use", items)]


def dossier_context(led: Ledger, slug: str = SYSTEM) -> SystemDossierContext:
    """What the ledger-side builder will gather, built here from public ledger methods."""
    eu = led.classify_eu(slug)
    payload = json.loads(PAYLOAD.read_text(encoding="utf-8"))
    return SystemDossierContext(
        organisation=led.organisation(),
        system=led.system(slug),
        revisions=[
            RevisionSummary(r.number, r.author, r.at, r.reason, r.changes)
            for r in led.history(slug)
        ],
        applicability=led.applicability(slug),
        worksheet=led.worksheet_view(slug),
        risks=led.risks(slug),
        eu=eu,
        oversight=led.oversight(slug),
        evaluations=[
            EvaluationSummary(
                sha256="9a50a80bc50a515e83e3f8c440d43789c847ad79ffd4266240d3c6a7d4128525",
                created_at="2026-11-25T01:18:43+00:00",
                status=payload["status"],
                payload=payload,
            )
        ]
        if slug == SYSTEM
        else [],
        vendors=vendor_views(led),
        catalog_version=led.catalog().version,
        audit_head="0" * 64,
        generated_at=GENERATED,
        daicho_version="0.1.0",
    )


@pytest.fixture(scope="session")
def context(ledger: Ledger) -> SystemDossierContext:
    """The dossier context of credit-screening."""
    return dossier_context(ledger)


@pytest.fixture(scope="session")
def evil_context(context: SystemDossierContext) -> SystemDossierContext:
    """The same system, named ``<script>alert(1)</script>``, with a dataset from that source."""
    body = context.system.model_dump(mode="json")
    body["name"] = {"ja": EVIL, "en": EVIL}
    body["datasets"][0]["source"] = EVIL
    body["outputs"] = [EVIL]
    risk = context.risks[0].model_copy(update={"title": BilingualText(ja=EVIL, en=EVIL)})
    return dataclasses.replace(
        context, system=AISystem.model_validate(body), risks=[risk, *context.risks[1:]]
    )


@pytest.fixture(scope="session")
def portfolio_context(ledger: Ledger) -> PortfolioContext:
    """Every example system's gaps, risks and EU tier."""
    systems = ledger.systems()
    return PortfolioContext(
        organisation=ledger.organisation(),
        generated_at=GENERATED,
        systems=ledger.gaps(today=date(2026, 11, 25)),
        risks=ledger.risks(),
        eu={s.slug: ledger.classify_eu(s.slug) for s in systems},
    )


@pytest.fixture(scope="session")
def policy_context(ledger: Ledger) -> PolicyContext:
    """The organisation, its systems, and the METI/MIC principles and governance cycle."""
    catalog = ledger.catalog()
    principles = [catalog.get(f"meti-aigl/C-{n}") for n in range(1, 11)]
    governance = [catalog.get("meti-aigl/E"), *catalog.children("meti-aigl/E")]
    return PolicyContext(
        organisation=ledger.organisation(),
        systems=ledger.systems(),
        principles=principles,
        governance=governance,
        catalog_version=catalog.version,
        generated_at=GENERATED,
    )


class LinkCollector:
    """Every URL-bearing attribute and every element name of an HTML document."""

    URL_ATTRIBUTES = frozenset({"src", "href", "action", "srcset", "xlink:href", "poster", "data"})

    def __init__(self, html: str) -> None:
        from html.parser import HTMLParser

        self.urls: list[tuple[str, str, str]] = []
        self.tags: list[str] = []
        collector = self

        class _Parser(HTMLParser):
            def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
                collector.tags.append(tag)
                for name, value in attrs:
                    if name in LinkCollector.URL_ATTRIBUTES and value is not None:
                        collector.urls.append((tag, name, value))

        parser = _Parser()
        parser.feed(html)
        parser.close()

    def external(self) -> list[tuple[str, str, str]]:
        """URLs that would reach the network (``http(s)://`` or protocol-relative ``//``)."""
        return [
            u
            for u in self.urls
            if u[2].strip().lower().startswith(("http://", "https://", "//", "ftp://"))
        ]


def assert_self_contained(html: str) -> None:
    """No network URL anywhere, no scripts, no external stylesheets or images.

    The organisation's contact URL is shown as text, never as a link, so there is no exception
    to whitelist.
    """
    links = LinkCollector(html)
    assert links.external() == []
    assert "script" not in links.tags
    assert "link" not in links.tags
    assert "img" not in links.tags and "iframe" not in links.tags
    assert "@import" not in html and "url(http" not in html
