"""Documents: model card, user notice, governance policy, portfolio report, dossier page, PDF.

A core package: it takes the data in (the contexts in :mod:`._context`) and returns text or
bytes. It never opens the database, reads configuration or prints; the ledger gathers the data.
"""

from ._context import (
    EvaluationSummary,
    PolicyContext,
    PortfolioContext,
    RevisionSummary,
    SystemContext,
    SystemDossierContext,
    VendorChecklistItem,
    VendorChecklistView,
)

__all__ = [
    "EvaluationSummary",
    "PolicyContext",
    "PortfolioContext",
    "RevisionSummary",
    "SystemContext",
    "SystemDossierContext",
    "VendorChecklistItem",
    "VendorChecklistView",
]
