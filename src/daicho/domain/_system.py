"""The AI system entry: what a system is for, what goes in, who is affected, who answers for it."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from pydantic import Field, field_validator, model_validator

from daicho.i18n import gettext as _

from ._base import BilingualText, Link, LocalizedText, Record, Slug, raise_rule_errors
from ._enums import (
    ActorRole,
    AppiCategory,
    DeploymentContext,
    HumanOversight,
    LifecycleStage,
    Sector,
)
from ._eu import EUQuestion

__all__ = ["AISystem", "Dataset", "EUNexus", "FoundationModel", "Model"]

# ISO 3166-1 alpha-2, or "EU"/"EEA" as blocs; enough to catch typos such as "USA".
_COUNTRY_PATTERN = r"^(?:[A-Z]{2}|EEA)$"


class Dataset(Record):
    """One data input of a system, with what APPI and copyright law need to know about it."""

    name: str = Field(min_length=1, description="A short name, unique within the system")
    source: str = Field(min_length=1, description="Where the data comes from")
    appi_categories: list[AppiCategory] = Field(
        default_factory=list,
        description="APPI categories of information in the data; empty if none",
    )
    legal_basis: str | None = Field(
        default=None,
        description="Legal basis or consent for using the data (required for special-care data)",
    )
    cross_border_transfers: list[str] = Field(
        default_factory=list,
        description="Countries (ISO 3166-1 alpha-2, or EEA) the data is transferred to",
    )
    copyrighted_training_data: bool = Field(
        default=False, description="Whether copyrighted works are used to train a model"
    )
    used_for_training: bool = Field(
        default=False, description="Whether the data trains or fine-tunes a model"
    )

    @field_validator("appi_categories")
    @classmethod
    def _unique_categories(cls, value: list[AppiCategory]) -> list[AppiCategory]:
        if len(set(value)) != len(value):
            raise ValueError(_("each APPI category may be listed once"))
        return value

    @field_validator("cross_border_transfers")
    @classmethod
    def _country_codes(cls, value: list[str]) -> list[str]:
        import re

        for code in value:
            if not re.match(_COUNTRY_PATTERN, code):
                raise ValueError(
                    _(
                        "{code!r} is not a country code: use ISO 3166-1 alpha-2 such as US, SG, DE"
                    ).format(code=code)
                )
        return value

    @property
    def holds_personal_data(self) -> bool:
        """Whether any category other than anonymously processed information is present."""
        return any(c is not AppiCategory.ANONYMOUSLY_PROCESSED for c in self.appi_categories)


class Model(Record):
    """A model inside the system."""

    name: str = Field(min_length=1)
    type: str = Field(min_length=1, description="e.g. gradient boosting classifier, LLM")
    version: str | None = None
    framework: str | None = Field(default=None, description="e.g. scikit-learn, PyTorch, ONNX")
    vendor: str | None = Field(default=None, description="Who supplies the model, if not us")


class FoundationModel(Record):
    """A foundation model the system is built on."""

    name: str = Field(min_length=1, description="e.g. a hosted LLM's product name")
    provider: str = Field(min_length=1, description="Who provides the foundation model")


class EUNexus(Record):
    """Facts that bring a system within the territorial scope of the EU AI Act (Art 2)."""

    placed_on_eu_market: bool = Field(
        default=False, description="Placed on the market or put into service in the EU"
    )
    output_used_in_eu: bool = Field(default=False, description="Its output is used in the EU")

    @property
    def any(self) -> bool:
        """Whether either fact holds."""
        return self.placed_on_eu_market or self.output_used_in_eu


class AISystem(Record):
    """One AI system in the register.

    Examples
    --------
    >>> from daicho.domain import AISystem
    >>> s = AISystem(
    ...     slug="faq-bot",
    ...     name={"ja": "FAQボット", "en": "FAQ bot"},
    ...     purpose={"en": "Answer customers' questions"},
    ...     roles=["business_user"],
    ... )
    >>> s.lifecycle_stage.value
    'planning'
    """

    slug: Slug
    id: UUID | None = Field(
        default=None, description="Immutable identifier; assigned when first registered"
    )
    name: BilingualText
    description: LocalizedText | None = None
    purpose: LocalizedText
    roles: list[ActorRole] = Field(
        min_length=1,
        description="The organisation's METI actor roles for this system; several are allowed",
    )
    lifecycle_stage: LifecycleStage = LifecycleStage.PLANNING
    sector: Sector = Sector.OTHER
    business_unit: str | None = None
    owner: str | None = Field(default=None, description="Person who owns the system day to day")
    accountable_executive: str | None = Field(
        default=None, description="Executive who answers for the system"
    )
    deployment_context: DeploymentContext = DeploymentContext.INTERNAL
    users: list[str] = Field(default_factory=list, description="Who uses the system")
    affected_parties: list[str] = Field(
        default_factory=list, description="Who is affected by its output"
    )
    significant_decisions: bool = Field(
        default=False,
        description="Makes or supports decisions that significantly affect individuals",
    )
    human_oversight: HumanOversight = HumanOversight.NONE
    generative: bool = False
    foundation_model: FoundationModel | None = None
    datasets: list[Dataset] = Field(default_factory=list)
    models: list[Model] = Field(default_factory=list)
    outputs: list[str] = Field(default_factory=list)
    eu_nexus: EUNexus = Field(default_factory=EUNexus)
    eu_ai_act: dict[EUQuestion, bool] = Field(
        default_factory=dict,
        description="Answers to the EU AI Act classification questions (see `daicho eu`)",
    )
    vendors: list[str] = Field(
        default_factory=list, description="Vendors involved (names or slugs)"
    )
    tags: list[str] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)

    @field_validator("roles")
    @classmethod
    def _unique_roles(cls, value: list[ActorRole]) -> list[ActorRole]:
        if len(set(value)) != len(value):
            raise ValueError(_("each role may be listed once"))
        return value

    @model_validator(mode="after")
    def _consistency(self) -> AISystem:
        raise_rule_errors("AISystem", list(_broken_rules(self)))
        return self


def _broken_rules(system: AISystem) -> Any:
    """Yield ``(loc, message, input)`` for each consistency rule the system breaks."""
    stage = system.lifecycle_stage
    if stage is LifecycleStage.DEPLOYED and not system.owner:
        yield ("owner",), _("a deployed system must name its owner"), system.owner
    seen: set[str] = set()
    for i, ds in enumerate(system.datasets):
        if ds.name in seen:
            yield (
                ("datasets", i, "name"),
                _("dataset name {name!r} is used twice").format(name=ds.name),
                ds.name,
            )
        seen.add(ds.name)
        if AppiCategory.SPECIAL_CARE_REQUIRED in ds.appi_categories and not ds.legal_basis:
            yield (
                ("datasets", i, "legal_basis"),
                _(
                    "special-care-required personal information needs a stated consent or legal "
                    "basis (APPI Art 20(2))"
                ),
                ds.legal_basis,
            )
        if ds.cross_border_transfers and ds.holds_personal_data and not ds.legal_basis:
            yield (
                ("datasets", i, "legal_basis"),
                _(
                    "transferring personal data abroad needs a stated basis: consent, an "
                    "equivalent country, or an equivalent system (APPI Art 28)"
                ),
                ds.legal_basis,
            )
    if system.generative and system.foundation_model is None and not system.models:
        yield (
            ("foundation_model",),
            _("a generative system must name its foundation model or list its models"),
            None,
        )
