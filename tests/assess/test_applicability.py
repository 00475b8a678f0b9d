"""Applicability for each actor role and combinations of roles, with reasons."""

from __future__ import annotations

import pytest

from daicho import catalogs
from daicho.assess import applicability
from daicho.domain import AISystem
from tests.conftest import system_data

CATALOG = catalogs.load_catalog()
ROLE_PREFIX = {
    "developer": "meti-aigl/D-",
    "provider": "meti-aigl/P-",
    "business_user": "meti-aigl/U-",
}


def rows_for(*roles: str, **overrides: object) -> set[str]:
    system = AISystem.model_validate(system_data(roles=list(roles), **overrides))
    return {r.requirement_id for r in applicability(system, CATALOG).rows}


@pytest.mark.parametrize(
    "roles",
    [
        ("developer",),
        ("provider",),
        ("business_user",),
        ("developer", "provider"),
        ("provider", "business_user"),
        ("developer", "provider", "business_user"),
    ],
)
def test_actor_specific_items_follow_the_roles(roles: tuple[str, ...]) -> None:
    rows = rows_for(*roles)
    for role, prefix in ROLE_PREFIX.items():
        mine = {r for r in rows if r.startswith(prefix)}
        if role in roles:
            assert mine, f"{role} items missing"
        else:
            assert not mine, f"{role} items present for {roles}: {sorted(mine)}"
    # Common principles address every actor.
    assert "meti-aigl/C-7-iii" in rows


def test_combined_roles_get_the_union_of_single_roles() -> None:
    dev, prov = rows_for("developer"), rows_for("provider")
    both = rows_for("developer", "provider")
    assert {r for r in both if r.startswith(("meti-aigl/D-", "meti-aigl/P-"))} == {
        r for r in dev | prov if r.startswith(("meti-aigl/D-", "meti-aigl/P-"))
    }


def test_reasons_name_the_matched_role_and_condition() -> None:
    system = AISystem.model_validate(
        system_data(
            roles=["provider"],
            datasets=[{"name": "d", "source": "s", "appi_categories": ["personal_information"]}],
        )
    )
    result = applicability(system, CATALOG)
    why = {r.requirement_id: r for r in result.applies}
    assert why["meti-aigl/P-4-i"].matched_actors == ("provider",)
    assert "AI provider" in why["meti-aigl/P-4-i"].reason("en")
    not_why = {r.requirement_id: r for r in result.not_applicable}
    assert not not_why["meti-aigl/D-3-i"].actor_match
    assert "none of the system's roles" in not_why["meti-aigl/D-3-i"].reason("en")
    assert "AI開発者" not in why["meti-aigl/P-4-i"].reason("ja")


def test_conditions_switch_requirements_on() -> None:
    plain = rows_for("provider")
    eu = rows_for("provider", eu_nexus={"output_used_in_eu": True}, deployment_context="public")
    assert "eu-ai-act/art-50-1" not in plain
    assert "eu-ai-act/art-50-1" in eu


def test_rows_are_leaves_and_never_informative() -> None:
    system = AISystem.model_validate(system_data(roles=["developer"]))
    result = applicability(system, CATALOG)
    rows = {r.requirement_id for r in result.rows}
    for rid in rows:
        assert CATALOG.get(rid).force.value != "informative"
        assert not any(c.id in rows for c in CATALOG.children(rid))
    # A principle applies but is answered through its sub-items.
    assert "meti-aigl/C-3" in {r.requirement_id for r in result.applies}
    assert "meti-aigl/C-3" not in rows
