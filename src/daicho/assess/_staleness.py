"""Regulatory change: what a new catalog version means for each system's worksheet."""

from __future__ import annotations

from dataclasses import dataclass, field

from daicho.catalog import Catalog
from daicho.domain import Worksheet

from ._worksheet import SystemApplicability, requirement_digest

__all__ = ["CatalogReview", "catalog_digests", "catalog_fingerprint", "review_worksheet"]


def catalog_digests(catalog: Catalog) -> dict[str, str]:
    """The digest of every requirement in ``catalog``: a snapshot to compare later versions with."""
    return {rid: requirement_digest(req) for rid, req in catalog.requirements.items()}


def catalog_fingerprint(catalog: Catalog, digests: dict[str, str] | None = None) -> str:
    """``<version>#<hash of every requirement digest>``: changes with any requirement's content,
    including custom frameworks that do not bump the catalog version."""
    import hashlib
    import json

    text = json.dumps(digests or catalog_digests(catalog), sort_keys=True)
    return f"{catalog.version}#{hashlib.sha256(text.encode()).hexdigest()[:12]}"


@dataclass
class CatalogReview:
    """What changed for one system between the catalog its worksheet knew and the current one."""

    system: str
    from_version: str | None
    to_version: str
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def any(self) -> bool:
        """Whether anything changed for this system."""
        return bool(self.added or self.changed or self.removed)


def review_worksheet(
    worksheet: Worksheet,
    applies: SystemApplicability,
    catalog: Catalog,
    previous: dict[str, str] | None,
    fingerprint: str | None = None,
) -> tuple[CatalogReview, Worksheet]:
    """Compare the worksheet with the current catalog and mark what needs review.

    Parameters
    ----------
    worksheet
        The system's worksheet as stored.
    applies
        What applies to the system under the current catalog.
    catalog
        The current catalog.
    previous
        Requirement digests of the catalog version the worksheet was last checked against, if
        the ledger kept them; without them, changes are found from each item's own digest and
        added requirements cannot be told from ones never answered.

    Returns
    -------
    CatalogReview, Worksheet
        What changed, and the worksheet with changed items marked ``needs_review`` and items for
        requirements that no longer apply removed (they stay in the worksheet's history).
    """
    version = fingerprint or catalog_fingerprint(catalog)
    review = CatalogReview(worksheet.system, worksheet.catalog_version, version)
    rows = {r.requirement_id for r in applies.rows}
    current = {rid: requirement_digest(catalog.get(rid)) for rid in rows}
    if previous is not None:
        review.added = sorted(rid for rid in rows if rid not in previous)
    kept = []
    for item in worksheet.items:
        rid = item.requirement
        if rid not in rows:
            review.removed.append(rid)
            continue
        before = item.requirement_digest or (previous or {}).get(rid)
        if before is not None and before != current[rid]:
            review.changed.append(rid)
            item = item.model_copy(
                update={
                    "needs_review": True,
                    "review_reason": f"requirement changed in catalog {version}",
                }
            )
        kept.append(item)
    if previous is not None:
        # Applicable requirements whose text changed but that were never answered are news too.
        review.changed.extend(
            rid
            for rid in sorted(rows)
            if rid in previous
            and previous[rid] != current[rid]
            and rid not in review.changed
            and worksheet.item(rid) is None
        )
    updated = worksheet.model_copy(update={"items": kept, "catalog_version": version})
    return review, updated
