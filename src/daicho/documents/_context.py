"""The data each document needs, as plain dataclasses of domain and assessment types.

The ledger gathers these (it reads the store, the catalog and the evidence); the renderers in
this package only read them. Nothing here does I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from daicho.assess import (
    EUClassification,
    OversightFinding,
    SystemApplicability,
    SystemGaps,
    WorksheetView,
)
from daicho.domain import (
    AISystem,
    BilingualText,
    FieldChange,
    Organisation,
    Requirement,
    Risk,
)

__all__ = [
    "DossierFile",
    "EvaluationSummary",
    "PolicyContext",
    "PortfolioContext",
    "RevisionSummary",
    "SystemContext",
    "SystemDossierContext",
    "VendorChecklistItem",
    "VendorChecklistView",
]

VendorItemStatus = Literal["covered", "not_covered", "not_needed", "open"]
ContractType = Literal["use", "development"]


@dataclass(frozen=True)
class RevisionSummary:
    """One revision of a system record (what :meth:`daicho.Ledger.history` returns, trimmed).

    Attributes
    ----------
    number
        Revision number, 1 for the first.
    author, at, reason
        Who made the change, when (ISO 8601 text or a datetime) and why.
    changes
        Changed leaf values (``path``, ``before``, ``after``).
    """

    number: int
    author: str
    at: str | datetime
    reason: str
    changes: list[FieldChange] = field(default_factory=list)


@dataclass(frozen=True)
class DossierFile:
    """One file of a deployment dossier, as listed on its index page.

    Attributes
    ----------
    name
        Path relative to the dossier folder (``model-card.ja.md``), shown and linked relatively.
    size
        Size in bytes.
    sha256
        SHA-256 of the file's bytes (hex).
    """

    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class EvaluationSummary:
    """One stored evaluation result linked to the system.

    Attributes
    ----------
    sha256
        Content address of the stored evidence.
    created_at
        When it was stored (ISO 8601 text or a datetime), or ``None``.
    status
        ``pass``, ``warn`` or ``fail`` for the whole plan, or ``None``.
    payload
        The stored evaluation JSON (:meth:`daicho.evaluation.PlanResult.to_dict`): ``plan``,
        ``checks``, ``evaluation`` (with ``fairness.groups`` and ``fairness.disparities``,
        ``performance`` …).
    """

    sha256: str
    created_at: str | datetime | None
    status: str | None
    payload: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class VendorChecklistItem:
    """One contract-checklist requirement for one vendor relationship."""

    requirement: str
    title: BilingualText
    status: VendorItemStatus
    notes: str | None = None


@dataclass(frozen=True)
class VendorChecklistView:
    """The METI AI contract checklist as answered for one vendor.

    Attributes
    ----------
    vendor
        The vendor's slug (or name when it has none).
    name
        Display name.
    contract_type
        ``use`` (using an AI service) or ``development`` (commissioning development).
    items
        The checklist items.
    """

    vendor: str
    name: str
    contract_type: ContractType
    items: list[VendorChecklistItem] = field(default_factory=list)


@dataclass(kw_only=True)
class SystemContext:
    """What the per-system documents (model card, user notice) need.

    Attributes
    ----------
    organisation
        The organisation profile, or ``None`` when none has been set.
    system
        The system record (latest revision).
    risks
        The system's risk register.
    oversight
        Whether human involvement is expected, and what the record says.
    evaluations
        Linked evaluation evidence, newest first (the first is "the latest evidence").
    generated_at
        When the document is generated (shown on it; pass a fixed value for stable output).
    eu
        The EU AI Act classification, if computed.
    """

    organisation: Organisation | None
    system: AISystem
    risks: list[Risk] = field(default_factory=list)
    oversight: OversightFinding | None = None
    evaluations: list[EvaluationSummary] = field(default_factory=list)
    generated_at: datetime
    eu: EUClassification | None = None

    @property
    def latest_evaluation(self) -> EvaluationSummary | None:
        """The newest evaluation evidence (by ``created_at``), if any."""
        if not self.evaluations:
            return None
        return max(self.evaluations, key=lambda e: str(e.created_at or ""))


@dataclass(kw_only=True)
class SystemDossierContext(SystemContext):
    """Everything the deployment dossier index page shows for one system.

    Attributes
    ----------
    revisions
        The system's revision history, oldest first.
    applicability
        What applies to the system and why.
    worksheet
        The comply-or-explain worksheet laid over what applies.
    eu
        The EU AI Act classification (required here).
    vendors
        Contract checklists, one per vendor relationship.
    catalog_version, audit_head, daicho_version
        Provenance shown in the page footer.
    """

    revisions: list[RevisionSummary] = field(default_factory=list)
    applicability: SystemApplicability
    worksheet: WorksheetView
    eu: EUClassification | None = None
    vendors: list[VendorChecklistView] = field(default_factory=list)
    catalog_version: str = ""
    audit_head: str = ""
    daicho_version: str = ""


@dataclass(kw_only=True)
class PortfolioContext:
    """The management report over every system.

    Attributes
    ----------
    organisation
        The organisation profile, or ``None``.
    generated_at
        When the report is generated.
    systems
        One gap summary per system.
    risks
        All risks of all systems.
    eu
        System slug → its EU AI Act classification.
    """

    organisation: Organisation | None
    generated_at: datetime
    systems: list[SystemGaps] = field(default_factory=list)
    risks: list[Risk] = field(default_factory=list)
    eu: dict[str, EUClassification] = field(default_factory=dict)


@dataclass(kw_only=True)
class PolicyContext:
    """What the AI governance policy draft is built from.

    Attributes
    ----------
    organisation
        The organisation profile (name, AI executive, contact point), or ``None``.
    systems
        The systems in the register (for the register table and the roles held).
    principles
        The METI/MIC common guiding principles, in catalog order (``meti-aigl/C-1`` …).
    governance
        The agile governance requirements (``meti-aigl/E-…``), in catalog order.
    catalog_version
        The catalog version the requirement ids come from.
    generated_at
        When the draft is generated.
    """

    organisation: Organisation | None
    systems: list[AISystem] = field(default_factory=list)
    principles: list[Requirement] = field(default_factory=list)
    governance: list[Requirement] = field(default_factory=list)
    catalog_version: str = ""
    generated_at: datetime
