"""The regulatory catalog: frameworks and requirements as versioned data, with applicability.

Framework files live under ``daicho/catalog/frameworks/*.yaml`` and crosswalks under
``daicho/catalog/crosswalks/*.yaml``; ``catalog.yaml`` holds the catalog version and its change
log. This package is pure: it parses text and computes. Reading files (the built-in catalog and
custom frameworks in a ledger home) is :mod:`daicho.catalogs`'s job.
"""

from ._applicability import ApplicabilityResult
from ._applicability import evaluate as evaluate_applicability
from ._catalog import Catalog, Related, build_catalog, compose
from ._conditions import Condition, ConditionError, compile_condition, fact_types
from ._diff import CatalogDiff, RequirementChange, diff_catalogs
from ._parse import (
    FileKind,
    ParsedFile,
    parse_crosswalk,
    parse_file,
    parse_framework,
    parse_manifest,
)
from ._schema import catalog_json_schema

__all__ = [
    "DAICHO_NS",
    "ApplicabilityResult",
    "Catalog",
    "CatalogDiff",
    "Condition",
    "ConditionError",
    "FileKind",
    "ParsedFile",
    "Related",
    "RequirementChange",
    "build_catalog",
    "catalog_json_schema",
    "compile_condition",
    "compose",
    "control_id",
    "crosswalks_to_oscal",
    "diff_catalogs",
    "evaluate_applicability",
    "fact_types",
    "framework_to_oscal",
    "oscal_json",
    "parse_crosswalk",
    "parse_file",
    "parse_framework",
    "parse_manifest",
]

_OSCAL = {"DAICHO_NS", "control_id", "crosswalks_to_oscal", "framework_to_oscal", "oscal_json"}


def __getattr__(name: str) -> object:
    """Import the OSCAL export (and compliance-trestle) only when it is used."""
    if name in _OSCAL:
        from . import _oscal

        return getattr(_oscal, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
