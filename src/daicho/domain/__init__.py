"""The nouns of daicho, with their validation rules. Nothing here does I/O."""

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
from ._facts import FACT_NAMES, FactValue, system_facts
from ._organisation import ContactPoint, Organisation, OrganisationSize
from ._system import AISystem, Dataset, EUNexus, FoundationModel, Model

__all__ = [
    "FACT_NAMES",
    "AISystem",
    "ActorRole",
    "AppiCategory",
    "BilingualText",
    "ContactPoint",
    "DaichoError",
    "Dataset",
    "DeploymentContext",
    "EUNexus",
    "FactValue",
    "FieldChange",
    "FieldProblem",
    "FoundationModel",
    "HumanOversight",
    "InvalidRecordError",
    "LifecycleStage",
    "Link",
    "LocalizedText",
    "Model",
    "Organisation",
    "OrganisationSize",
    "Record",
    "Sector",
    "Slug",
    "UserError",
    "diff_records",
    "system_facts",
]
