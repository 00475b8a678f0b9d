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

__all__ = [
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
    "compile_condition",
    "compose",
    "diff_catalogs",
    "evaluate_applicability",
    "fact_types",
    "parse_crosswalk",
    "parse_file",
    "parse_framework",
    "parse_manifest",
]
