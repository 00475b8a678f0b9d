"""What changed between two catalog versions: requirements added, changed, removed."""

from __future__ import annotations

from dataclasses import dataclass, field

from daicho.domain._diff import FieldChange, diff_records

from ._catalog import Catalog

__all__ = ["CatalogDiff", "RequirementChange", "diff_catalogs"]


@dataclass(frozen=True)
class RequirementChange:
    """One requirement present in both versions whose content differs."""

    id: str
    changes: tuple[FieldChange, ...]

    @property
    def fields(self) -> tuple[str, ...]:
        """Top-level fields that changed (``summary``, ``source`` …), in order, without repeats."""
        seen: dict[str, None] = {}
        for c in self.changes:
            seen.setdefault(c.path.split(".", 1)[0].split("[", 1)[0], None)
        return tuple(seen)


@dataclass(frozen=True)
class CatalogDiff:
    """The difference between an old and a new catalog."""

    old_version: str
    new_version: str
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[RequirementChange, ...] = ()
    frameworks_added: tuple[str, ...] = ()
    frameworks_removed: tuple[str, ...] = ()
    frameworks_changed: tuple[RequirementChange, ...] = field(default=())

    @property
    def empty(self) -> bool:
        """Whether nothing differs."""
        return not (
            self.added
            or self.removed
            or self.changed
            or self.frameworks_added
            or self.frameworks_removed
            or self.frameworks_changed
        )


def diff_catalogs(old: Catalog, new: Catalog) -> CatalogDiff:
    """Compare two catalogs.

    Parameters
    ----------
    old, new : Catalog

    Returns
    -------
    CatalogDiff
        Requirement ids added and removed, and for each requirement in both, the changed fields
        as dotted paths with before/after values. Framework-level fields (version, dates,
        sources, key dates) are compared too, without their requirement lists.

    Examples
    --------
    >>> d = diff_catalogs(old_catalog, new_catalog)  # doctest: +SKIP
    >>> [c.id for c in d.changed]  # doctest: +SKIP
    ['meti-aigl/P-6-ii']
    """
    added = tuple(r for r in new.requirements if r not in old.requirements)
    removed = tuple(r for r in old.requirements if r not in new.requirements)
    changed = []
    for rid, req in new.requirements.items():
        before = old.requirements.get(rid)
        if before is None:
            continue
        changes = diff_records(before.model_dump(mode="json"), req.model_dump(mode="json"))
        if changes:
            changed.append(RequirementChange(rid, tuple(changes)))
    fw_changed = []
    for fid, fw in new.frameworks.items():
        prev = old.frameworks.get(fid)
        if prev is None:
            continue
        a = prev.model_dump(mode="json", exclude={"requirements"})
        b = fw.model_dump(mode="json", exclude={"requirements"})
        changes = diff_records(a, b)
        if changes:
            fw_changed.append(RequirementChange(fid, tuple(changes)))
    return CatalogDiff(
        old_version=old.version,
        new_version=new.version,
        added=added,
        removed=removed,
        changed=tuple(changed),
        frameworks_added=tuple(f for f in new.frameworks if f not in old.frameworks),
        frameworks_removed=tuple(f for f in old.frameworks if f not in new.frameworks),
        frameworks_changed=tuple(fw_changed),
    )
