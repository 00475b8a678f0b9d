"""Controlled vocabularies of the ledger.

Each enumeration is a ``StrEnum`` so that YAML, JSON and the database all carry the plain string
value, and catalog applicability conditions can compare against it (``sector == "finance"``).
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "ActorRole",
    "AppiCategory",
    "DeploymentContext",
    "HumanOversight",
    "LifecycleStage",
    "Sector",
]


class ActorRole(StrEnum):
    """The organisation's role for one AI system, as defined by the METI/MIC AI Guidelines (Part 1).

    One organisation may hold several roles for the same system.
    """

    DEVELOPER = "developer"  # AI開発者
    PROVIDER = "provider"  # AI提供者
    BUSINESS_USER = "business_user"  # AI利用者


class LifecycleStage(StrEnum):
    """Where a system is in its life."""

    PLANNING = "planning"
    DEVELOPMENT = "development"
    VALIDATION = "validation"
    DEPLOYED = "deployed"
    RETIRED = "retired"


class DeploymentContext(StrEnum):
    """Who can reach the system's output."""

    INTERNAL = "internal"
    CUSTOMER_FACING = "customer_facing"
    PUBLIC = "public"


class HumanOversight(StrEnum):
    """How people take part in the system's decisions."""

    HUMAN_IN_THE_LOOP = "human_in_the_loop"
    HUMAN_ON_THE_LOOP = "human_on_the_loop"
    NONE = "none"


class AppiCategory(StrEnum):
    """Categories of information under the Act on the Protection of Personal Information (APPI).

    The numbers in the comments are the paragraphs of APPI Art 2 that define each term.
    """

    PERSONAL_INFORMATION = "personal_information"  # 個人情報, Art 2(1)
    SPECIAL_CARE_REQUIRED = "special_care_required"  # 要配慮個人情報, Art 2(3)
    PSEUDONYMOUSLY_PROCESSED = "pseudonymously_processed"  # 仮名加工情報, Art 2(5)
    ANONYMOUSLY_PROCESSED = "anonymously_processed"  # 匿名加工情報, Art 2(6)
    PERSONALLY_REFERABLE = "personally_referable"  # 個人関連情報, Art 2(7)


class Sector(StrEnum):
    """Industry sector of a system's use; sector packs in the catalog key on these values."""

    FINANCE = "finance"
    INSURANCE = "insurance"
    HEALTHCARE = "healthcare"
    MEDICAL_DEVICES = "medical_devices"
    MOBILITY = "mobility"
    EMPLOYMENT = "employment"
    EDUCATION = "education"
    PUBLIC_SECTOR = "public_sector"
    CRITICAL_INFRASTRUCTURE = "critical_infrastructure"
    RETAIL = "retail"
    MANUFACTURING = "manufacturing"
    TELECOMMUNICATIONS = "telecommunications"
    MEDIA = "media"
    LEGAL = "legal"
    OTHER = "other"
