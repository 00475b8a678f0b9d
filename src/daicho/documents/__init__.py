"""Documents: model card, user notice, governance policy, portfolio report, dossier page, PDF.

A core package: it takes the data in (the context dataclasses) and returns text or bytes. It
never opens the database, reads configuration or prints; the ledger gathers the data.

Every renderer takes ``lang`` (``"ja"`` or ``"en"``): text goes through daicho's gettext
catalogs and dates are written in that language's long form (``2026年11月25日`` /
``25 November 2026``).
"""

from ._charts import group_bars_svg, heat_map_cells, heat_map_svg
from ._context import (
    DossierFile,
    EvaluationSummary,
    PolicyContext,
    PortfolioContext,
    RevisionSummary,
    SystemContext,
    SystemDossierContext,
    VendorChecklistItem,
    VendorChecklistView,
)
from ._dossier_page import INDEX_FILES, render_dossier_index, render_dossier_pdf
from ._model_card import hf_metadata, render_model_card_html, render_model_card_markdown
from ._notice import render_notice_html, render_notice_text
from ._pdf import html_to_pdf
from ._policy import policy_requirements, render_policy_html, render_policy_markdown
from ._portfolio import render_portfolio_html, render_portfolio_pdf

__all__ = [
    "INDEX_FILES",
    "DossierFile",
    "EvaluationSummary",
    "PolicyContext",
    "PortfolioContext",
    "RevisionSummary",
    "SystemContext",
    "SystemDossierContext",
    "VendorChecklistItem",
    "VendorChecklistView",
    "group_bars_svg",
    "heat_map_cells",
    "heat_map_svg",
    "hf_metadata",
    "html_to_pdf",
    "policy_requirements",
    "render_dossier_index",
    "render_dossier_pdf",
    "render_model_card_html",
    "render_model_card_markdown",
    "render_notice_html",
    "render_notice_text",
    "render_policy_html",
    "render_policy_markdown",
    "render_portfolio_html",
    "render_portfolio_pdf",
]
