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
    N_("review"),
    N_("evidence"),
    N_("roles"),
    # ActorRole / catalog Actor
    N_("any"),
    # ItemStatus
    N_("implemented"),
    N_("partially_implemented"),
    N_("planned"),
    N_("explained"),
    N_("not_applicable"),
    N_("open"),
    # RiskCategory
    N_("fairness"),
    N_("safety"),
    N_("security"),
    N_("privacy"),
    N_("intellectual_property"),
    N_("transparency"),
    N_("misinformation"),
    N_("human_rights"),
    N_("third_party"),
    N_("reliability"),
    N_("accountability"),
    # RiskTreatment
    N_("mitigate"),
    N_("avoid"),
    N_("transfer"),
    N_("accept"),
    # RiskStatus
    N_("treating"),
    N_("monitoring"),
    N_("closed"),
    # RiskLevel
    N_("low"),
    N_("high"),
    N_("critical"),
    # EUTier
    N_("prohibited"),
    N_("high_risk"),
    N_("gpai"),
    N_("minimal"),
    N_("undetermined"),
    N_("outside_scope"),
    # FindingKind
    N_("missing-status"),
    N_("missing-explanation"),
    N_("overdue-plan"),
    N_("overdue-risk-review"),
    N_("oversight-gap"),
    N_("invalid-record"),
    N_("needs-review"),
    # Severity
    N_("error"),
    N_("warning"),
    # LegalNature
    N_("binding_law"),
    N_("soft_law"),
    N_("voluntary_code"),
    N_("standard"),
    # Force
    N_("mandatory"),
    N_("endeavour"),
    N_("recommended"),
    N_("informative"),
    # EvidenceKind
    N_("policy"),
    N_("procedure"),
    N_("risk_assessment"),
    N_("impact_assessment"),
    N_("test_report"),
    N_("model_card"),
    N_("technical_documentation"),
    N_("data_inventory"),
    N_("log"),
    N_("notice"),
    N_("contract"),
    N_("training_record"),
    N_("incident_report"),
    N_("audit_report"),
    N_("consent_record"),
    N_("registration"),
    N_("report"),
    N_("attestation"),
    N_("internal_policy"),
    # Relationship
    N_("equivalent"),
    N_("subset"),
    N_("superset"),
    N_("intersects"),
    # DateStatus
    N_("in_law"),
    N_("decided"),
    N_("proposal"),
    N_("adopted_by_parliament"),
    N_("adopted_pending_publication"),
    N_("unconfirmed"),
    # EU AI Act obligation roles
    N_("deployer"),
)
