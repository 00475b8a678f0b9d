"""Assessment: which requirements apply, comply-or-explain worksheets, risks, EU AI Act tiers.

Pure computations over records and the catalog; the ledger stores their results.
"""

from ._check import CheckReport, Finding, FindingKind, Severity, check_system, junit_xml
from ._eu import EUAnswer, EUClassification, EUObligation, EUTier, classify_eu
from ._gaps import SystemGaps, system_gaps
from ._oversight import OversightFinding, oversight
from ._questions import EUQuestionSpec, parse_eu_questions
from ._risks import RiskTemplate, parse_risk_library, review_overdue, risk_problems, seed_risks
from ._staleness import CatalogReview, catalog_digests, catalog_fingerprint, review_worksheet
from ._worksheet import (
    NOT_IN_WORKSHEETS,
    PrincipleRollup,
    Row,
    SystemApplicability,
    WorksheetView,
    applicability,
    requirement_digest,
    worksheet_problems,
    worksheet_view,
)

__all__ = [
    "NOT_IN_WORKSHEETS",
    "CatalogReview",
    "CheckReport",
    "EUAnswer",
    "EUClassification",
    "EUObligation",
    "EUQuestionSpec",
    "EUTier",
    "Finding",
    "FindingKind",
    "OversightFinding",
    "PrincipleRollup",
    "RiskTemplate",
    "Row",
    "Severity",
    "SystemApplicability",
    "SystemGaps",
    "WorksheetView",
    "applicability",
    "catalog_digests",
    "catalog_fingerprint",
    "check_system",
    "classify_eu",
    "junit_xml",
    "oversight",
    "parse_eu_questions",
    "parse_risk_library",
    "requirement_digest",
    "review_overdue",
    "review_worksheet",
    "risk_problems",
    "seed_risks",
    "system_gaps",
    "worksheet_problems",
    "worksheet_view",
]
