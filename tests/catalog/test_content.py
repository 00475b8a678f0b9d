"""Tests that guard the catalog's content: schema, ids, references, languages, conditions."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from daicho.catalog import Catalog, ParsedFile, compile_condition, parse_file
from daicho.domain import FACT_NAMES
from daicho.domain._catalog import Actor, CatalogManifest, Crosswalk, Force, Framework

from .conftest import outline_path

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
FRAMEWORK_FILES = sorted(
    e.name
    for e in (resources.files("daicho.catalog") / "frameworks").iterdir()
    if e.name.endswith(".yaml")
)
CROSSWALK_FILES = sorted(
    e.name
    for e in (resources.files("daicho.catalog") / "crosswalks").iterdir()
    if e.name.endswith(".yaml")
)
EXPECTED_FRAMEWORKS = {
    "jp-ai-act",
    "jp-ai-guideline-2025",
    "meti-aigl",
    "appi",
    "jp-copyright-ai",
    "hiroshima-coc",
    "jp-aisi",
    "meti-ai-contracts",
    "fsa-mrm",
    "pmd-samd",
    "jp-level4-driving",
    "eu-ai-act",
    "iso-42001",
    "nist-ai-rmf",
}


@pytest.mark.parametrize("name", FRAMEWORK_FILES)
def test_framework_file_validates(name: str) -> None:
    text = (resources.files("daicho.catalog") / "frameworks" / name).read_text("utf-8")
    parsed = parse_file(text, name, "framework")
    assert isinstance(parsed.model, Framework)
    assert name == f"{parsed.model.id}.yaml", "a framework file is named after its id"


@pytest.mark.parametrize("name", CROSSWALK_FILES)
def test_crosswalk_file_validates(name: str) -> None:
    text = (resources.files("daicho.catalog") / "crosswalks" / name).read_text("utf-8")
    assert isinstance(parse_file(text, name, "crosswalk").model, Crosswalk)


def test_manifest_has_version_and_events(parsed_files: list[ParsedFile]) -> None:
    manifest = next(p.model for p in parsed_files if isinstance(p.model, CatalogManifest))
    assert re.fullmatch(r"\d{4}\.\d{1,2}\.\d+", manifest.version)
    ids = {e.id for e in manifest.events}
    for needed in (
        "meti-aigl-1-1",
        "jp-ai-guideline-2025",
        "jp-ai-basic-plan",
        "eu-digital-omnibus-proposal",
    ):
        assert needed in ids
    dates = {e.id: e.date.isoformat() for e in manifest.events}
    assert dates["meti-aigl-1-1"] == "2025-03-28"
    assert dates["jp-ai-guideline-2025"] == "2025-12-19"
    assert dates["jp-ai-basic-plan"] == "2025-12-23"


def test_all_expected_frameworks_present(catalog: Catalog) -> None:
    assert set(catalog.frameworks) == EXPECTED_FRAMEWORKS


def test_requirement_ids_unique_across_files(parsed_files: list[ParsedFile]) -> None:
    ids = [
        r.id for p in parsed_files if isinstance(p.model, Framework) for r in p.model.requirements
    ]
    assert len(ids) == len(set(ids))


def test_every_parent_exists_in_same_framework(catalog: Catalog) -> None:
    for req in catalog.requirements.values():
        if req.parent is not None:
            assert req.parent in catalog.requirements, req.id
            assert catalog.get(req.parent).framework_id == req.framework_id


def test_every_crosswalk_end_exists(catalog: Catalog) -> None:
    for cw in catalog.crosswalks:
        for m in cw.mappings:
            assert m.source in catalog and m.target in catalog, (cw.id, m.source, m.target)
            assert catalog.get(m.source).framework_id != catalog.get(m.target).framework_id or (
                m.source.startswith("hiroshima-coc/")
            )


def test_every_requirement_bilingual_with_summary_and_source(catalog: Catalog) -> None:
    for req in catalog.requirements.values():
        for text in (req.title, req.summary):
            assert text.ja.strip() and text.en.strip(), req.id
            assert JAPANESE.search(text.ja), f"{req.id}: Japanese text has no Japanese"
        assert req.source.document and req.source.section and req.source.url, req.id
        assert req.source.url.startswith("https://"), req.id


def test_unverified_requirements_explain_why(catalog: Catalog) -> None:
    for req in catalog.requirements.values():
        if not req.verified:
            assert req.source.note is not None, req.id


@pytest.mark.parametrize("framework", sorted(EXPECTED_FRAMEWORKS))
def test_conditions_parse_and_name_only_facts(catalog: Catalog, framework: str) -> None:
    for req in catalog.framework(framework).requirements:
        cond = compile_condition(req.applies_if)
        assert cond.names <= set(FACT_NAMES), req.id


# -- METI: the actor items match the outline ---------------------------------------------------

ACTOR_ITEM = re.compile(r"^\|\s*([DPU]-\d+-[ivx]+)\s*\|")


def _outline_ids() -> dict[str, set[str]]:
    text = outline_path().read_text(encoding="utf-8")
    found: dict[str, set[str]] = {"D": set(), "P": set(), "U": set()}
    for line in text.splitlines():
        m = ACTOR_ITEM.match(line)
        if m:
            found[m.group(1)[0]].add(m.group(1))
    return found


def test_outline_is_readable() -> None:
    ids = _outline_ids()
    assert (len(ids["D"]), len(ids["P"]), len(ids["U"])) == (12, 12, 7)


@pytest.mark.parametrize(
    ("prefix", "actor", "count"),
    [("D", Actor.DEVELOPER, 12), ("P", Actor.PROVIDER, 12), ("U", Actor.BUSINESS_USER, 7)],
)
def test_meti_actor_items_match_outline(
    catalog: Catalog, prefix: str, actor: Actor, count: int
) -> None:
    expected = _outline_ids()[prefix]
    pattern = re.compile(rf"^meti-aigl/{prefix}-\d+-[ivx]+$")
    items = [r for r in catalog.framework("meti-aigl").requirements if pattern.match(r.id)]
    assert {r.local_id for r in items} == expected
    assert len(items) == count
    for r in items:
        assert r.actors == [actor], r.id
        principle = r.local_id.split("-")[1]
        assert r.parent == f"meti-aigl/C-{principle}", r.id


def test_meti_common_principles_and_sub_items(catalog: Catalog) -> None:
    fw = catalog.framework("meti-aigl")
    ids = {r.local_id for r in fw.requirements}
    assert {f"C-{n}" for n in range(1, 11)} <= ids
    expected_subs = {
        "C-1": 6,
        "C-2": 3,
        "C-3": 2,
        "C-4": 1,
        "C-5": 2,
        "C-6": 4,
        "C-7": 6,
        "C-8": 3,
        "C-9": 0,
        "C-10": 3,
    }
    for parent, n in expected_subs.items():
        subs = [
            c
            for c in catalog.children(f"meti-aigl/{parent}")
            if re.match(rf"^C-{parent[2:]}-[ivx]+$", c.local_id)
        ]
        assert len(subs) == n, parent


def test_meti_advanced_ai_ids_do_not_collide_with_developer_items(catalog: Catalog) -> None:
    numerals = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
    for n in numerals:
        req = catalog.get(f"meti-aigl/ADV-{n}")
        assert req.parent == "meti-aigl/ADV"
        assert "generative" in req.applies_if
    assert not any(re.match(r"^meti-aigl/D-[IVX]+$", r) for r in catalog.requirements)


def test_meti_action_targets(catalog: Catalog) -> None:
    expected = {
        "1-1",
        "1-2",
        "1-3",
        "2-1",
        "3-1",
        "3-2",
        "3-3",
        "3-4",
        "4-1",
        "4-2",
        "4-3",
        "5-1",
        "5-2",
        "6-1",
    }
    got = {
        r.local_id[2:]
        for r in catalog.framework("meti-aigl").requirements
        if re.match(r"^E-\d-\d$", r.local_id)
    }
    assert got == expected


# -- specific content ----------------------------------------------------------------------------


def test_ai_act_duties_are_endeavour_without_penalty(catalog: Catalog) -> None:
    for rid in ("jp-ai-act/art-7", "jp-ai-act/art-25"):
        req = catalog.get(rid)
        assert req.force is Force.ENDEAVOUR
        assert req.penalty is not None and "None" in req.penalty.en
    assert not any(r.force is Force.MANDATORY for r in catalog.framework("jp-ai-act").requirements)
    shame = catalog.get("jp-ai-act/art-16-publication")
    assert not shame.verified and "Art 16" in shame.summary.en


def test_appi_breach_triggers_and_deadlines(catalog: Catalog) -> None:
    req = catalog.get("appi/art-26")
    assert [t.id for t in req.triggers] == [
        "special-care",
        "property-damage",
        "unlawful-purpose",
        "over-1000",
    ]
    deadlines = {d.id: d for d in req.deadlines}
    assert (deadlines["preliminary"].days_min, deadlines["preliminary"].days) == (3, 5)
    assert deadlines["preliminary"].approximate
    assert deadlines["final"].days == 30
    assert deadlines["final-unlawful-purpose"].days == 60
    assert deadlines["final-unlawful-purpose"].triggers == ["unlawful-purpose"]
    assert not catalog.get("appi/amendment-2026").verified


def test_eu_art_73_deadlines(catalog: Catalog) -> None:
    days = {d.id: d.days for d in catalog.get("eu-ai-act/art-73").deadlines}
    assert days == {"general": 15, "widespread": 2, "death": 10}


@pytest.mark.parametrize("letter", list("abcdefgh"))
def test_eu_art_5_practices_are_separate(catalog: Catalog, letter: str) -> None:
    req = catalog.get(f"eu-ai-act/art-5-1-{letter}")
    assert req.parent == "eu-ai-act/art-5"
    assert "eu_nexus" in compile_condition(req.applies_if).names


@pytest.mark.parametrize(
    ("milestone", "current", "omnibus"),
    [
        ("high-risk-annex-iii", "2026-08-02", "2027-12-02"),
        ("high-risk-annex-i", "2027-08-02", "2028-08-02"),
        ("art-50-2", "2026-08-02", "2026-12-02"),
        ("prohibitions-and-literacy", "2025-02-02", "2025-02-02"),
    ],
)
def test_eu_timelines(catalog: Catalog, milestone: str, current: str, omnibus: str) -> None:
    fw = catalog.framework("eu-ai-act")
    now, later = fw.date_of(milestone, "current-law"), fw.date_of(milestone, "digital-omnibus")
    assert now is not None and later is not None
    assert (now.date.isoformat(), later.date.isoformat()) == (current, omnibus)
    assert now.verified
    if current != omnibus:
        assert not later.verified and later.status.value == "adopted_pending_publication"


def test_contract_ids_are_systematic(catalog: Catalog) -> None:
    aspects = ["identification", "provision", "use", "third-party", "rights"]
    for kind in ("use", "development"):
        for side in ("input", "output"):
            for aspect in aspects:
                req = catalog.get(f"meti-ai-contracts/{kind}/{side}-{aspect}")
                assert req.parent == f"meti-ai-contracts/{kind}/{side}"
        for extra in ("derived-results", "personal-data", "security"):
            assert f"meti-ai-contracts/{kind}/{extra}" in catalog


def test_sector_packs_condition_on_sector(catalog: Catalog) -> None:
    for fid, sectors in (
        ("fsa-mrm", {"finance", "insurance"}),
        ("pmd-samd", {"medical_devices"}),
        ("jp-level4-driving", {"mobility"}),
    ):
        for req in catalog.framework(fid).requirements:
            assert "sector" in compile_condition(req.applies_if).names, req.id
            assert any(s in req.applies_if for s in sectors), req.id
