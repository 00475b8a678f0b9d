"""Controlled-vocabulary values shown to people, marked for translation.

Enum values are data (``business_user``); what a person reads is a translated term. Listing them
here lets the message extractor see them; a test checks that every enum value is listed.
"""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it here."""
    return message


TERMS = (
    # ActorRole
    N_("developer"),
    N_("provider"),
    N_("business_user"),
    # LifecycleStage
    N_("planning"),
    N_("development"),
    N_("validation"),
    N_("deployed"),
    N_("retired"),
    # DeploymentContext
    N_("internal"),
    N_("customer_facing"),
    N_("public"),
    # HumanOversight
    N_("human_in_the_loop"),
    N_("human_on_the_loop"),
    N_("none"),
    # AppiCategory
    N_("personal_information"),
    N_("special_care_required"),
    N_("pseudonymously_processed"),
    N_("anonymously_processed"),
    N_("personally_referable"),
    # Sector
    N_("finance"),
    N_("insurance"),
    N_("healthcare"),
    N_("medical_devices"),
    N_("mobility"),
    N_("employment"),
    N_("education"),
    N_("public_sector"),
    N_("critical_infrastructure"),
    N_("retail"),
    N_("manufacturing"),
    N_("telecommunications"),
    N_("media"),
    N_("legal"),
    N_("other"),
    # OrganisationSize
    N_("small"),
    N_("medium"),
    N_("large"),
    # audit actions
    N_("register"),
    N_("update"),
    N_("import"),
)
