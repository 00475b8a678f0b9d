"""Worksheets, risks, the gate and catalog review through the ledger, on SQLite and PostgreSQL."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from daicho import Ledger
from daicho.assess import FindingKind
from daicho.codec import dump_record, load_record
from daicho.domain import InvalidRecordError, UserError
from tests.conftest import EXAMPLES, system_data

TODAY = date(2026, 11, 25)


@pytest.fixture
def hr(ledger: Ledger) -> Ledger:
    """A ledger with one small system that has few worksheet rows to answer."""
    ledger.register_system(
        system_data(
            "hr-screen",
            roles=["business_user"],
            sector="employment",
            significant_decisions=True,
            human_oversight="human_in_the_loop",
        ),
        author="a",
    )
    return ledger


def answer_all(ledger: Ledger, slug: str) -> None:
    rows = ledger.worksheet_view(slug).rows
    ledger.save_worksheet(
        {
            "system": slug,
            "items": [{"requirement": r.requirement.id, "status": "implemented"} for r in rows],
        },
        author="a",
    )


def kinds(ledger: Ledger, slug: str) -> set[FindingKind]:
    return {f.kind for f in ledger.check([slug], today=TODAY).errors}


def test_a_complete_worksheet_passes_the_gate(hr: Ledger) -> None:
    assert kinds(hr, "hr-screen") == {FindingKind.MISSING_STATUS}
    answer_all(hr, "hr-screen")
    report = hr.check(["hr-screen"], today=TODAY)
    assert report.ok, [f.message.en for f in report.findings]
    assert hr.worksheet_view("hr-screen").completeness == 1.0


def test_gate_fails_on_an_overdue_plan(hr: Ledger) -> None:
    answer_all(hr, "hr-screen")
    rid = hr.worksheet_view("hr-screen").rows[0].requirement.id
    hr.answer("hr-screen", rid, status="planned", due="2026-01-31", author="a")
    assert kinds(hr, "hr-screen") == {FindingKind.OVERDUE_PLAN}
    hr.answer("hr-screen", rid, status="planned", due="2027-01-31", author="a")
    assert kinds(hr, "hr-screen") == set()


def test_gate_fails_on_an_overdue_risk_review(hr: Ledger) -> None:
    answer_all(hr, "hr-screen")
    hr.seed_risks("hr-screen", author="a")
    hr.update_risk("hr-screen", "bias-discrimination", {"review_by": "2026-06-30"}, reason="r")
    assert kinds(hr, "hr-screen") == {FindingKind.OVERDUE_RISK_REVIEW}
    hr.update_risk("hr-screen", "bias-discrimination", {"status": "closed"}, reason="done")
    assert kinds(hr, "hr-screen") == set()


def test_gate_fails_on_a_human_oversight_gap(hr: Ledger) -> None:
    answer_all(hr, "hr-screen")
    hr.update_system("hr-screen", {"human_oversight": "none"}, reason="automated")
    assert kinds(hr, "hr-screen") == {FindingKind.OVERSIGHT_GAP}
    finding = hr.oversight("hr-screen")
    assert finding.gap and "C-3-ii" in finding.reasons[0].en


def test_eu_high_risk_also_expects_oversight(hr: Ledger) -> None:
    hr.update_system(
        "hr-screen",
        {
            "significant_decisions": False,
            "human_oversight": "none",
            "eu_nexus": {"output_used_in_eu": True},
            "eu_ai_act": {"annex-iii-4": True, "profiling": True},
        },
        reason="EU candidates",
    )
    finding = hr.oversight("hr-screen")
    assert finding.gap
    assert [r.en for r in finding.reasons] == [
        "High-risk under the EU AI Act (Art 14, human oversight)"
    ]


def test_missing_explanation_is_refused_on_save(hr: Ledger) -> None:
    rid = hr.worksheet_view("hr-screen").rows[0].requirement.id
    with pytest.raises(InvalidRecordError, match="explain the alternative"):
        hr.answer("hr-screen", rid, status="explained", author="a")
    with pytest.raises(InvalidRecordError, match="must give its reason"):
        hr.answer("hr-screen", rid, status="not_applicable", author="a")
    assert hr.worksheet("hr-screen").items == []


def test_answering_a_requirement_that_does_not_apply_is_refused(hr: Ledger) -> None:
    with pytest.raises(InvalidRecordError, match="does not apply to hr-screen") as info:
        hr.answer("hr-screen", "meti-aigl/D-3-i", status="implemented", author="a")
    assert "none of the system's roles" in str(info.value)
    with pytest.raises(InvalidRecordError, match="did you mean 'meti-aigl/U-3-i'"):
        hr.answer("hr-screen", "meti-aigl/U-3-x", status="implemented", author="a")
    assert hr.worksheet("hr-screen").items == []


def test_worksheet_for_a_system_that_does_not_exist(hr: Ledger) -> None:
    with pytest.raises(UserError, match="no system 'nobody'"):
        hr.save_worksheet({"system": "nobody", "items": []}, author="a")


def test_likelihood_six_is_refused(hr: Ledger) -> None:
    risk = {
        "system": "hr-screen",
        "id": "r1",
        "title": {"en": "x"},
        "category": "fairness",
        "lifecycle_stage": "deployed",
        "likelihood": 6,
        "impact": 3,
    }
    with pytest.raises(InvalidRecordError, match="likelihood"):
        hr.save_risk(risk, author="a")
    assert hr.risks("hr-screen") == []


def test_risk_linked_to_an_unknown_requirement_is_refused(hr: Ledger) -> None:
    risk = {
        "system": "hr-screen",
        "id": "r1",
        "title": {"en": "x"},
        "category": "fairness",
        "lifecycle_stage": "deployed",
        "likelihood": 3,
        "impact": 3,
        "controls": [{"requirement": "meti-aigl/C-3-iii"}],
    }
    with pytest.raises(InvalidRecordError, match="no requirement 'meti-aigl/C-3-iii'"):
        hr.save_risk(risk, author="a")
    assert hr.risks("hr-screen") == []


def test_assessments_of_a_retired_system_cannot_be_edited(hr: Ledger) -> None:
    rid = hr.worksheet_view("hr-screen").rows[0].requirement.id
    hr.seed_risks("hr-screen", author="a")
    hr.retire_system("hr-screen", reason="replaced")
    with pytest.raises(UserError, match="retired"):
        hr.answer("hr-screen", rid, status="implemented", author="a")
    with pytest.raises(UserError, match="retired"):
        hr.update_risk("hr-screen", "bias-discrimination", {"likelihood": 1}, reason="x")
    with pytest.raises(UserError, match="retired"):
        hr.seed_risks("hr-screen", author="a")
    assert hr.worksheet("hr-screen").items == []  # still readable


def test_risk_scores_levels_and_versions(hr: Ledger) -> None:
    seeded = hr.seed_risks("hr-screen", author="a")
    assert {r.id for r in seeded} >= {"bias-discrimination", "contestability"}
    assert hr.seed_risks("hr-screen", author="a") == []  # nothing new the second time
    risk = hr.update_risk(
        "hr-screen",
        "bias-discrimination",
        {"likelihood": 5, "impact": 5, "residual_likelihood": 2, "residual_impact": 2},
        reason="measured",
    )
    assert (risk.inherent_score, risk.inherent_level.value) == (25, "critical")
    assert risk.residual_level.value == "low"  # type: ignore[union-attr]
    assert [c.requirement for c in risk.controls] == ["meti-aigl/C-3-i", "jp-aisi/perspective-3"]
    assert hr.verify_audit().ok


def test_worksheet_round_trip_through_yaml(hr: Ledger, tmp_path: Path) -> None:
    rows = hr.worksheet_view("hr-screen").rows
    hr.save_worksheet(
        {
            "system": "hr-screen",
            "items": [
                {"requirement": rows[0].requirement.id, "status": "planned", "due": "2027-03-31"},
                {
                    "requirement": rows[1].requirement.id,
                    "status": "explained",
                    "explanation": "we do X instead",
                    "evidence": [{"title": "doc", "url": "https://example.jp/x"}],
                },
            ],
        },
        author="a",
    )
    stored = hr.worksheet("hr-screen")
    text = dump_record("worksheet", stored)
    again = load_record(text.encode(), "w.yaml").record
    assert again == stored
    hr.export(tmp_path / "out")
    other = Ledger.init(tmp_path / "other")
    other.import_paths([tmp_path / "out"], author="a")
    assert other.worksheet("hr-screen") == stored
    assert dump_record("worksheet", other.worksheet("hr-screen")) == text


def test_import_of_a_worksheet_for_a_missing_system_imports_nothing(
    ledger: Ledger, tmp_path: Path
) -> None:
    folder = tmp_path / "repo"
    shutil.copytree(EXAMPLES, folder)
    sheet = folder / "worksheets" / "credit-screening.yaml"
    sheet.write_text(
        sheet.read_text(encoding="utf-8").replace("system: credit-screening", "system: ghost"),
        encoding="utf-8",
    )
    with pytest.raises(InvalidRecordError, match="no system 'ghost'"):
        ledger.import_paths([folder], author="a")
    assert ledger.systems() == []


def test_catalog_change_marks_worksheet_items_for_review(ledger: Ledger) -> None:
    frameworks = ledger.home / "frameworks"
    frameworks.mkdir()
    policy = frameworks / "policy.yaml"
    policy.write_text(CUSTOM.replace("SUMMARY", "Log every decision."), encoding="utf-8")
    ledger.register_system(system_data(roles=["business_user"]), author="a")
    ledger.answer("faq-bot", "acme-policy/log", status="implemented", author="a")
    ledger.answer("faq-bot", "acme-policy/keep", status="implemented", author="a")
    assert [r.any for r in ledger.review_catalog_changes()] == [False]
    policy.write_text(
        CUSTOM.replace("SUMMARY", "Log every decision and keep logs for 5 years."), encoding="utf-8"
    )
    [review] = ledger.review_catalog_changes()
    assert review.changed == ["acme-policy/log"]
    item = ledger.worksheet("faq-bot").item("acme-policy/log")
    assert item is not None and item.needs_review
    assert not ledger.worksheet("faq-bot").item("acme-policy/keep").needs_review  # type: ignore[union-attr]
    warnings = [
        f
        for f in ledger.check(["faq-bot"], today=TODAY).findings
        if f.kind is FindingKind.NEEDS_REVIEW
    ]
    assert [f.subject for f in warnings] == ["acme-policy/log"]
    # Answering again is the review.
    ledger.answer("faq-bot", "acme-policy/log", status="implemented", notes="5 years", author="a")
    assert not ledger.worksheet("faq-bot").item("acme-policy/log").needs_review  # type: ignore[union-attr]


CUSTOM = """\
id: acme-policy
title: {ja: 当社AI方針, en: ACME AI policy}
issuer: {ja: ACME株式会社, en: ACME K.K.}
version: "1"
legal_nature: voluntary_code
sources:
  - document: ACME AI policy
    url: https://acme.example.jp/ai-policy
requirements:
  - id: acme-policy/log
    title: {ja: 判断の記録, en: Log decisions}
    summary: {ja: 判断を記録する, en: SUMMARY}
    force: recommended
    source: {document: ACME AI policy, section: "1", url: "https://acme.example.jp/ai-policy"}
    verified: true
  - id: acme-policy/keep
    title: {ja: 保存, en: Keep records}
    summary: {ja: 記録を保存する, en: Keep records.}
    force: recommended
    source: {document: ACME AI policy, section: "2", url: "https://acme.example.jp/ai-policy"}
    verified: true
"""
