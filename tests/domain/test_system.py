from __future__ import annotations

import pytest
from pydantic import ValidationError

from daicho.domain import FACT_NAMES, AISystem, system_facts
from tests.conftest import system_data


def _errors(**overrides: object) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as info:
        AISystem.model_validate(system_data(**overrides))
    return [(".".join(map(str, e["loc"])), e["type"]) for e in info.value.errors()]


def test_minimal_system_gets_safe_defaults() -> None:
    system = AISystem.model_validate(system_data())
    assert system.lifecycle_stage.value == "planning"
    assert system.human_oversight.value == "none"
    assert system.id is None
    assert not system.eu_nexus.any


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        (
            {"lifecycle_stage": "deployed"},
            [("owner", "consistency")],
        ),
        (
            {
                "datasets": [
                    {"name": "d", "source": "s", "appi_categories": ["special_care_required"]}
                ]
            },
            [("datasets.0.legal_basis", "consistency")],
        ),
        (
            {
                "datasets": [
                    {
                        "name": "d",
                        "source": "s",
                        "appi_categories": ["personal_information"],
                        "cross_border_transfers": ["US"],
                    }
                ]
            },
            [("datasets.0.legal_basis", "consistency")],
        ),
        (
            {"datasets": [{"name": "d", "source": "a"}, {"name": "d", "source": "b"}]},
            [("datasets.1.name", "consistency")],
        ),
        ({"generative": True}, [("foundation_model", "consistency")]),
        ({"roles": ["developer", "developer"]}, [("roles", "value_error")]),
        ({"roles": []}, [("roles", "too_short")]),
        ({"roles": ["operator"]}, [("roles.0", "enum")]),
        ({"slug": "Credit Scoring"}, [("slug", "string_pattern_mismatch")]),
        ({"name": {"ja": "名前"}}, [("name.en", "missing")]),
        ({"purpose": {}}, [("purpose", "value_error")]),
        ({"colour": "red"}, [("colour", "extra_forbidden")]),
        (
            {"datasets": [{"name": "d", "source": "s", "cross_border_transfers": ["USA"]}]},
            [("datasets.0.cross_border_transfers", "value_error")],
        ),
    ],
)
def test_inconsistent_entries_are_rejected_at_the_right_field(
    overrides: dict[str, object], expected: list[tuple[str, str]]
) -> None:
    assert _errors(**overrides) == expected


def test_all_rule_violations_are_reported_together() -> None:
    errors = _errors(
        lifecycle_stage="deployed",
        datasets=[{"name": "d", "source": "s", "appi_categories": ["special_care_required"]}],
    )
    assert {loc for loc, _ in errors} == {"owner", "datasets.0.legal_basis"}


def test_special_care_data_with_a_stated_basis_is_accepted() -> None:
    system = AISystem.model_validate(
        system_data(
            datasets=[
                {
                    "name": "health",
                    "source": "clinic",
                    "appi_categories": ["special_care_required"],
                    "legal_basis": "explicit written consent",
                }
            ]
        )
    )
    assert system_facts(system)["processes_special_care_data"] is True


def test_facts_cover_every_documented_name() -> None:
    facts = system_facts(AISystem.model_validate(system_data()))
    assert set(facts) == set(FACT_NAMES)


@pytest.mark.parametrize(
    ("overrides", "fact", "value"),
    [
        ({"roles": ["developer", "provider"]}, "developer", True),
        ({"roles": ["developer", "provider"]}, "business_user", False),
        ({"deployment_context": "public"}, "customer_facing", True),
        ({"deployment_context": "internal"}, "customer_facing", False),
        ({"eu_nexus": {"output_used_in_eu": True}}, "eu_nexus", True),
        ({"eu_nexus": {"placed_on_eu_market": False}}, "eu_nexus", False),
        (
            {
                "datasets": [
                    {"name": "a", "source": "b", "appi_categories": ["anonymously_processed"]}
                ]
            },
            "processes_personal_data",
            False,
        ),
        (
            {
                "datasets": [
                    {"name": "a", "source": "b", "appi_categories": ["personally_referable"]}
                ]
            },
            "processes_personal_data",
            True,
        ),
        ({"models": [{"name": "m", "type": "t", "vendor": "V"}]}, "uses_vendor_model", True),
        ({"models": [{"name": "m", "type": "t"}]}, "uses_vendor_model", False),
        ({"sector": "finance"}, "sector", "finance"),
    ],
)
def test_facts_follow_the_entry(overrides: dict[str, object], fact: str, value: object) -> None:
    assert system_facts(AISystem.model_validate(system_data(**overrides)))[fact] == value
