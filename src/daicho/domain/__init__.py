"""The nouns of daicho, with their validation rules. Nothing here does I/O."""

from ._assessment import EvidenceLink, ItemStatus, RequirementRef, Worksheet, WorksheetItem
from ._base import BilingualText, Link, LocalizedText, Record, Slug
from ._diff import FieldChange, diff_records
from ._enums import (
    ActorRole,
    AppiCategory,
    DeploymentContext,
    HumanOversight,
    LifecycleStage,
    Sector,
)
from ._errors import DaichoError, FieldProblem, InvalidRecordError, UserError
from ._eu import ANNEX_III, ART_5, ART_50, EUQuestion, eu_high_risk
from ._facts import FACT_NAMES, FactValue, system_facts
from ._organisation import ContactPoint, Organisation, OrganisationSize
from ._paths import set_field
from ._risk import (
    Control,
    Risk,
    RiskCategory,
    RiskLevel,
    RiskStatus,
    RiskTreatment,
    risk_level,
)
from ._system import AISystem, Dataset, EUNexus, FoundationModel, Model

__all__ = [
    "ANNEX_III",
    "ART_5",
    "ART_50",
    "FACT_NAMES",
    "AISystem",
    "ActorRole",
    "AppiCategory",
    "BilingualText",
    "ContactPoint",
    "Control",
    "DaichoError",
    "Dataset",
    "DeploymentContext",
    "EUNexus",
    "EUQuestion",
    "EvidenceLink",
    "FactValue",
    "FieldChange",
    "FieldProblem",
    "FoundationModel",
    "HumanOversight",
    "InvalidRecordError",
    "ItemStatus",
    "LifecycleStage",
    "Link",
    "LocalizedText",
    "Model",
    "Organisation",
    "OrganisationSize",
    "Record",
    "RequirementRef",
    "Risk",
    "RiskCategory",
    "RiskLevel",
    "RiskStatus",
    "RiskTreatment",
    "Sector",
    "Slug",
    "UserError",
    "Worksheet",
    "WorksheetItem",
    "diff_records",
    "eu_high_risk",
    "risk_level",
    "set_field",
    "system_facts",
]
