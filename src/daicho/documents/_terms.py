"""Display terms the documents add to the shared vocabulary, and the risk-level colours.

Enum values that the CLI already lists (``daicho.cli._terms``) are translated by their own
msgids (``human_in_the_loop`` → 人間が判断に関与); the few values whose bare msgid would be
ambiguous (``medium`` is also an organisation size) get a display msgid here.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["LEVEL_COLOURS", "METRICS", "N_", "label", "metric_label"]


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it here."""
    return message


#: Values shown with a document-specific msgid instead of their bare value.
_DISPLAY = {
    # RiskLevel
    "low": N_("Low"),
    "medium": N_("Medium"),
    "high": N_("High"),
    "critical": N_("Critical"),
    # vendor checklist item status
    "covered": N_("Covered"),
    "not_covered": N_("Not covered"),
    "not_needed": N_("Not needed"),
    # EU AI Act obligation role
    "deployer": N_("Deployer"),
}

#: Fill colours of the risk levels (colour-blind-safe ramp, dark text readable on each).
LEVEL_COLOURS = {
    "low": "#a6d96a",
    "medium": "#fee08b",
    "high": "#fdae61",
    "critical": "#f46d43",
}


def label(value: str, gettext: Callable[[str], str]) -> str:
    """The translated display term for a vocabulary ``value``."""
    return gettext(_DISPLAY.get(value, value))


#: Metric names in stored evaluations → display msgids.
METRICS = {
    "accuracy": N_("Accuracy"),
    "precision": N_("Precision"),
    "recall": N_("Recall"),
    "f1": N_("F1 score"),
    "roc_auc": N_("ROC AUC"),
    "brier": N_("Brier score"),
    "ece": N_("Expected calibration error"),
    "log_loss": N_("Log loss"),
    "selection_rate": N_("Selection rate"),
    "base_rate": N_("Base rate"),
    "tpr": N_("True positive rate"),
    "fpr": N_("False positive rate"),
    "demographic_parity_ratio": N_("Demographic parity ratio"),
    "demographic_parity_difference": N_("Demographic parity difference"),
    "equalized_odds_difference": N_("Equalized odds difference"),
    "equalized_odds_ratio": N_("Equalized odds ratio"),
    "equal_opportunity_ratio": N_("Equal opportunity ratio"),
    "equal_opportunity_difference": N_("Equal opportunity difference"),
    "min_group_share": N_("Smallest group share"),
    "missing_rate": N_("Missing-value rate"),
    "pii_findings": N_("Personal data findings"),
    "flip_rate": N_("Prediction flip rate under noise"),
}


def metric_label(name: str, gettext: Callable[[str], str]) -> str:
    """The translated display name of a metric (its own name when unknown)."""
    return gettext(METRICS[name]) if name in METRICS else name
