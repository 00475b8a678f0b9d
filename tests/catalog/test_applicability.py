"""Applicability: for a system's facts, which requirements apply, and the reason."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from daicho.catalog import Catalog
from daicho.domain import AISystem, system_facts


def system(**kw: Any) -> AISystem:
    base: dict[str, Any] = {
        "slug": "s",
        "name": {"ja": "系", "en": "s"},
        "purpose": {"en": "x"},
        "roles": ["business_user"],
    }
    base.update(kw)
    return AISystem(**base)


def results(catalog: Catalog, sys: AISystem, **kw: Any) -> dict[str, Any]:
    return {r.requirement_id: r for r in catalog.applicability(system_facts(sys), **kw)}


def test_actor_filter_and_reason(catalog: Catalog) -> None:
    res = results(catalog, system(roles=["business_user"]))
    dev = res["meti-aigl/D-2-i"]
    assert not dev.applies and not dev.actor_match and dev.condition_met
    assert "roles" in dev.reason("en")
    user = res["meti-aigl/U-2-i"]
    assert user.applies and user.matched_actors == ("business_user",)
    assert user.reason("en") == "addressed to AI business user; no condition"
    assert "AI利用者" in user.reason("ja")


def test_condition_result_and_facts_used(catalog: Catalog) -> None:
    plain = results(catalog, system())
    r = plain["meti-aigl/U-4-i"]
    assert r.actor_match and not r.condition_met and not r.applies
    assert r.facts_used == {"generative": False, "processes_personal_data": False}
    assert "does not hold" in r.reason("en")
    gen = results(catalog, system(generative=True, models=[{"name": "m", "type": "LLM"}]))
    assert gen["meti-aigl/U-4-i"].applies
    assert "generative=true" in gen["meti-aigl/U-4-i"].reason("en")


@pytest.mark.parametrize(
    ("sector", "applies"), [("finance", True), ("insurance", True), ("retail", False)]
)
def test_sector_pack(catalog: Catalog, sector: str, applies: bool) -> None:
    res = results(catalog, system(sector=sector), frameworks=["fsa-mrm"])
    assert all(r.requirement_id.startswith("fsa-mrm/") for r in res.values())
    assert res["fsa-mrm/principle-1"].applies is applies


def test_eu_requirements_need_eu_nexus(catalog: Catalog) -> None:
    local = catalog.applicable(system_facts(system()), frameworks=["eu-ai-act"])
    assert local == []
    eu = system(
        eu_nexus={"output_used_in_eu": True},
        deployment_context="customer_facing",
        roles=["provider"],
    )
    ids = {r.id for r in catalog.applicable(system_facts(eu), frameworks=["eu-ai-act"])}
    assert {"eu-ai-act/art-4", "eu-ai-act/art-5-1-a", "eu-ai-act/art-50-1"} <= ids
    assert "eu-ai-act/art-26" not in ids  # deployer duty; the system's role is provider


def test_effective_dates_follow_the_timeline(catalog: Catalog) -> None:
    eu = system(
        eu_nexus={"placed_on_eu_market": True}, significant_decisions=True, roles=["provider"]
    )
    on = date(2027, 1, 1)
    now = results(catalog, eu, on=on, frameworks=["eu-ai-act"])["eu-ai-act/art-9"]
    assert now.effective_from == date(2026, 8, 2) and now.in_effect is True
    omni = results(catalog, eu, on=on, timeline="digital-omnibus", frameworks=["eu-ai-act"])[
        "eu-ai-act/art-9"
    ]
    assert omni.effective_from == date(2027, 12, 2) and omni.in_effect is False
    assert omni.key_date == "annex-iii-omnibus"
    assert "applies from 2027-12-02" in omni.reason("en")


def test_every_requirement_gets_a_result(catalog: Catalog) -> None:
    res = catalog.applicability(system_facts(system(roles=["developer", "provider"])))
    assert len(res) == len(catalog)
    assert all(r.actor_match for r in res if r.matched_actors)
