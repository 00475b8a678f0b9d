"""EU AI Act classification: every Art 5 point, every Annex III area, each Art 50 paragraph,
the Art 6(3) question, GPAI, and no EU nexus."""

from __future__ import annotations

import pytest

from daicho import _packaged, catalogs
from daicho.assess import EUTier, classify_eu
from daicho.domain import ANNEX_III, ART_5, ART_50, AISystem, EUQuestion
from tests.conftest import system_data

QUESTIONS = list(_packaged.eu_questions())
CATALOG = catalogs.load_catalog()
ALL_NO = {q.id.value: False for q in QUESTIONS}


def eu_system(answers: dict[str, bool] | None = None, **overrides: object) -> AISystem:
    data = system_data(
        roles=["developer", "provider"],
        eu_nexus={"placed_on_eu_market": True},
        eu_ai_act={**ALL_NO, **(answers or {})},
    )
    data.update(overrides)
    return AISystem.model_validate(data)


def classify(system: AISystem, timeline: str | None = None):  # type: ignore[no-untyped-def]
    return classify_eu(system, CATALOG, QUESTIONS, timeline=timeline)


def test_no_eu_nexus_is_outside_scope_not_minimal() -> None:
    result = classify(AISystem.model_validate(system_data(eu_ai_act={"art-5-1-c": True})))
    assert result.tier is EUTier.OUTSIDE_SCOPE
    assert not result.in_scope
    assert result.obligations == [] and result.open_questions == []
    assert "Art 2" in result.reasons[0].en


def test_all_answered_no_is_minimal_with_ai_literacy_only() -> None:
    result = classify(eu_system())
    assert result.tier is EUTier.MINIMAL
    assert not result.provisional
    assert [o.requirement_id for o in result.obligations] == ["eu-ai-act/art-4"]


@pytest.mark.parametrize("point", [q.value for q in ART_5])
def test_each_art_5_point_makes_the_system_prohibited(point: str) -> None:
    result = classify(eu_system({point: True}))
    assert result.tier is EUTier.PROHIBITED
    assert result.prohibited_points == [point]
    assert f"eu-ai-act/{point}" in [o.requirement_id for o in result.obligations]
    assert point in result.reasons[-1].en


@pytest.mark.parametrize("area", [q.value for q in ANNEX_III])
def test_each_annex_iii_area_is_high_risk_without_a_derogation(area: str) -> None:
    result = classify(eu_system({area: True}))
    assert result.tier is EUTier.HIGH_RISK
    assert result.high_risk_basis == [area]
    duties = {o.requirement_id for o in result.obligations}
    assert {"eu-ai-act/art-9", "eu-ai-act/art-14", "eu-ai-act/art-73"} <= duties
    # Provider duties only: this organisation is not a deployer.
    assert "eu-ai-act/art-26" not in duties


def test_art_6_3_is_asked_not_guessed_when_an_annex_iii_use_is_recorded() -> None:
    answers = {k: v for k, v in ALL_NO.items() if k not in ("art-6-3", "profiling")}
    answers["annex-iii-4"] = True
    system = eu_system()
    system = system.model_copy(update={"eu_ai_act": {EUQuestion(k): v for k, v in answers.items()}})
    result = classify(system)
    assert {q.id.value for q in result.open_questions} == {"art-6-3", "profiling"}
    assert result.provisional
    assert result.tier is EUTier.HIGH_RISK  # until the derogation is claimed


def test_art_6_3_derogation_takes_an_annex_iii_use_out_of_high_risk() -> None:
    result = classify(eu_system({"annex-iii-3": True, "art-6-3": True}))
    assert result.tier is EUTier.MINIMAL
    assert result.art_6_3_exempt
    assert "Art 6(3)" in " ".join(r.en for r in result.reasons)


def test_profiling_rules_the_derogation_out() -> None:
    result = classify(eu_system({"annex-iii-5": True, "art-6-3": True, "profiling": True}))
    assert result.tier is EUTier.HIGH_RISK
    assert "profiles natural persons" in " ".join(r.en for r in result.reasons)


def test_annex_i_product_uses_the_annex_i_date() -> None:
    current = classify(eu_system({"annex-i": True}))
    omnibus = classify(eu_system({"annex-i": True}), timeline="digital-omnibus")
    art9 = {o.requirement_id: o for o in current.obligations}["eu-ai-act/art-9"]
    art9_omnibus = {o.requirement_id: o for o in omnibus.obligations}["eu-ai-act/art-9"]
    assert str(art9.applies_from) == "2027-08-02"
    assert str(art9_omnibus.applies_from) == "2028-08-02"
    assert art9_omnibus.date_verified is False


def test_annex_iii_dates_follow_the_chosen_timeline() -> None:
    current = classify(eu_system({"annex-iii-4": True}))
    omnibus = classify(eu_system({"annex-iii-4": True}), timeline="digital-omnibus")
    date_of = lambda r: {o.requirement_id: str(o.applies_from) for o in r.obligations}  # noqa: E731
    assert date_of(current)["eu-ai-act/art-9"] == "2026-08-02"
    assert date_of(omnibus)["eu-ai-act/art-9"] == "2027-12-02"


def test_deployers_get_deployer_duties_and_fria_for_credit() -> None:
    result = classify(eu_system({"annex-iii-5": True}, roles=["business_user"]))
    duties = {o.requirement_id: o.role for o in result.obligations}
    assert duties["eu-ai-act/art-26"] == "deployer"
    assert duties["eu-ai-act/art-27"] == "deployer"
    assert "eu-ai-act/art-9" not in duties


@pytest.mark.parametrize("paragraph", [q.value for q in ART_50])
def test_each_art_50_paragraph_gives_transparency_duties(paragraph: str) -> None:
    result = classify(eu_system({paragraph: True}))
    assert result.tier is EUTier.TRANSPARENCY
    assert result.transparency_paragraphs == [paragraph]
    assert f"eu-ai-act/{paragraph}" in [o.requirement_id for o in result.obligations]


def test_art_50_2_date_differs_by_timeline() -> None:
    answers = {"art-50-2": True}
    current = {o.requirement_id: o for o in classify(eu_system(answers)).obligations}
    omnibus = {
        o.requirement_id: o
        for o in classify(eu_system(answers), timeline="digital-omnibus").obligations
    }
    assert str(current["eu-ai-act/art-50-2"].applies_from) == "2026-08-02"
    assert str(omnibus["eu-ai-act/art-50-2"].applies_from) == "2026-12-02"


def test_generative_chatbot_answers_are_derived_from_the_record() -> None:
    system = AISystem.model_validate(
        system_data(
            roles=["provider"],
            generative=True,
            foundation_model={"name": "m", "provider": "p"},
            deployment_context="public",
            eu_nexus={"output_used_in_eu": True},
        )
    )
    result = classify(system)
    derived = {a.question.value: a.value for a in result.answers if a.source == "derived"}
    assert derived == {"art-50-1": True, "art-50-2": True, "gpai-model": False}
    assert EUTier.TRANSPARENCY in result.tiers
    # Nothing about Art 5 or Annex III can be derived: they are asked.
    asked = {q.id.value for q in result.open_questions}
    assert {q.value for q in ART_5} <= asked and {q.value for q in ANNEX_III} <= asked
    assert result.provisional


def test_gpai_provider_with_systemic_risk() -> None:
    plain = classify(eu_system({"gpai-model": True}))
    systemic = classify(eu_system({"gpai-model": True, "gpai-systemic-risk": True}))
    assert plain.tier is EUTier.GPAI
    assert "eu-ai-act/art-53" in [o.requirement_id for o in plain.obligations]
    assert "eu-ai-act/art-55" not in [o.requirement_id for o in plain.obligations]
    assert "eu-ai-act/art-55" in [o.requirement_id for o in systemic.obligations]
    assert (
        str({o.requirement_id: o for o in plain.obligations}["eu-ai-act/art-53"].applies_from)
        == "2025-08-02"
    )


def test_systemic_risk_question_only_follows_a_gpai_model() -> None:
    answers = {k: v for k, v in ALL_NO.items() if k != "gpai-systemic-risk"}
    system = eu_system().model_copy(
        update={"eu_ai_act": {EUQuestion(k): v for k, v in answers.items()}}
    )
    assert classify(system).open_questions == []


def test_unknown_timeline_is_a_clear_error() -> None:
    from daicho.domain import UserError

    with pytest.raises(UserError, match="unknown timeline"):
        classify(eu_system(), timeline="someday")


def test_several_tiers_are_all_reported_most_severe_first() -> None:
    result = classify(eu_system({"art-5-1-c": True, "annex-iii-4": True, "art-50-1": True}))
    assert result.tiers == [EUTier.PROHIBITED, EUTier.HIGH_RISK, EUTier.TRANSPARENCY]
