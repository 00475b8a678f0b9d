"""Facts about a system that applicability conditions may refer to.

The catalog's conditions (``generative``, ``eu_nexus and sector == "finance"``) are evaluated over
this flat mapping, never over the model object itself: the set of names is closed and documented,
so a condition that names anything else is rejected when the catalog loads.
"""

from __future__ import annotations

from typing import Final

from ._enums import AppiCategory, DeploymentContext, LifecycleStage
from ._eu import eu_annex_iii_yes, eu_high_risk
from ._system import AISystem

__all__ = ["FACT_NAMES", "FactValue", "system_facts"]

FactValue = bool | str | frozenset[str]

#: Every fact name with a one-line meaning; conditions may use exactly these names.
FACT_NAMES: Final[dict[str, str]] = {
    "developer": "the organisation develops the system",
    "provider": "the organisation provides the system to others",
    "business_user": "the organisation uses the system in its business",
    "roles": "set of actor roles",
    "lifecycle_stage": "planning, development, validation, deployed or retired",
    "deployed": "lifecycle stage is deployed",
    "sector": "industry sector value, e.g. finance",
    "deployment_context": "internal, customer_facing or public",
    "customer_facing": "deployment context is customer_facing or public",
    "public": "deployment context is public",
    "significant_decisions": "makes or supports decisions that significantly affect individuals",
    "human_oversight": "human_in_the_loop, human_on_the_loop or none",
    "generative": "a generative AI system",
    "uses_foundation_model": "built on a foundation model",
    "uses_vendor_model": "a foundation model or a model comes from another organisation",
    "processes_personal_data": "any dataset holds personal or personally referable information",
    "processes_special_care_data": "any dataset holds special-care-required information",
    "processes_pseudonymous_data": "any dataset holds pseudonymously processed information",
    "processes_anonymous_data": "any dataset holds anonymously processed information",
    "processes_personally_referable_data": "any dataset holds personally referable information",
    "cross_border_transfer": "any dataset is transferred abroad",
    "copyrighted_training_data": "copyrighted works are used for training",
    "trains_models": "any dataset trains or fine-tunes a model",
    "eu_nexus": "placed on the EU market or output used in the EU",
    "placed_on_eu_market": "placed on the market or put into service in the EU",
    "output_used_in_eu": "output used in the EU",
    "eu_yes": "set of EU AI Act questions answered yes, e.g. annex-iii-5, art-50-1",
    "eu_high_risk": "high-risk under the EU AI Act (Annex I, or Annex III without derogation)",
    "eu_annex_iii": "set of Annex III areas the system is used in, e.g. annex-iii-4",
    "has_vendors": "vendors are involved",
    "tags": "set of tags",
}


def system_facts(system: AISystem) -> dict[str, FactValue]:
    """Return the facts of ``system`` under the names in :data:`FACT_NAMES`."""
    categories = {c for ds in system.datasets for c in ds.appi_categories}
    roles = frozenset(r.value for r in system.roles)
    context = system.deployment_context
    facts: dict[str, FactValue] = {
        "developer": "developer" in roles,
        "provider": "provider" in roles,
        "business_user": "business_user" in roles,
        "roles": roles,
        "lifecycle_stage": system.lifecycle_stage.value,
        "deployed": system.lifecycle_stage is LifecycleStage.DEPLOYED,
        "sector": system.sector.value,
        "deployment_context": context.value,
        "customer_facing": context is not DeploymentContext.INTERNAL,
        "public": context is DeploymentContext.PUBLIC,
        "significant_decisions": system.significant_decisions,
        "human_oversight": system.human_oversight.value,
        "generative": system.generative,
        "uses_foundation_model": system.foundation_model is not None,
        "uses_vendor_model": system.foundation_model is not None
        or any(m.vendor for m in system.models),
        "processes_personal_data": any(ds.holds_personal_data for ds in system.datasets),
        "processes_special_care_data": AppiCategory.SPECIAL_CARE_REQUIRED in categories,
        "processes_pseudonymous_data": AppiCategory.PSEUDONYMOUSLY_PROCESSED in categories,
        "processes_anonymous_data": AppiCategory.ANONYMOUSLY_PROCESSED in categories,
        "processes_personally_referable_data": AppiCategory.PERSONALLY_REFERABLE in categories,
        "cross_border_transfer": any(ds.cross_border_transfers for ds in system.datasets),
        "copyrighted_training_data": any(ds.copyrighted_training_data for ds in system.datasets),
        "trains_models": any(ds.used_for_training for ds in system.datasets),
        "eu_nexus": system.eu_nexus.any,
        "placed_on_eu_market": system.eu_nexus.placed_on_eu_market,
        "output_used_in_eu": system.eu_nexus.output_used_in_eu,
        "eu_yes": frozenset(q.value for q, yes in system.eu_ai_act.items() if yes),
        "eu_high_risk": system.eu_nexus.any and eu_high_risk(system.eu_ai_act),
        "eu_annex_iii": frozenset(q.value for q in eu_annex_iii_yes(system.eu_ai_act)),
        "has_vendors": bool(system.vendors),
        "tags": frozenset(system.tags),
    }
    assert facts.keys() == FACT_NAMES.keys()
    return facts
