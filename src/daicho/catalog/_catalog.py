"""The catalog as one object: frameworks, requirements by id, the requirement tree, crosswalks."""

from __future__ import annotations

import difflib
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from daicho.domain._catalog import (
    CatalogEvent,
    CatalogManifest,
    Crosswalk,
    Framework,
    Rationale,
    Relationship,
    Requirement,
)
from daicho.domain._errors import FieldProblem, InvalidRecordError, UserError
from daicho.domain._facts import FactValue
from daicho.i18n import gettext as _

from ._applicability import ApplicabilityResult, Plan, build_plan, evaluate
from ._conditions import Condition, compile_condition
from ._parse import ParsedFile

__all__ = ["Catalog", "Related", "build_catalog", "compose"]


@dataclass(frozen=True)
class Related:
    """A requirement related to the one asked about.

    Attributes
    ----------
    id : str
        The related requirement.
    relationship : Relationship
        How the requirement asked about relates to ``id`` (``subset``: the asked one is narrower).
    hops : int
        Number of mappings followed (1 for a direct mapping).
    path : tuple[str, ...]
        Requirement ids from the one asked about to ``id``, including both ends; a parent step
        appears when a mapping was inherited from an ancestor.
    rationale : Rationale
        Rationale of the last mapping followed.
    """

    id: str
    relationship: Relationship
    hops: int
    path: tuple[str, ...]
    rationale: Rationale


def compose(first: Relationship, second: Relationship) -> Relationship:
    """Relationship of A to C given A→B is ``first`` and B→C is ``second``."""
    if first is Relationship.EQUIVALENT:
        return second
    if second is Relationship.EQUIVALENT:
        return first
    if first is second and first in (Relationship.SUBSET, Relationship.SUPERSET):
        return first
    return Relationship.INTERSECTS


class Catalog:
    """Frameworks, requirements and crosswalks, checked for integrity, with look-ups.

    Build one with :func:`build_catalog` (from parsed files, errors carry file and line) or
    directly from models. Conditions are compiled once, here.
    """

    def __init__(
        self,
        frameworks: Sequence[Framework],
        crosswalks: Sequence[Crosswalk] = (),
        manifest: CatalogManifest | None = None,
        *,
        origins: Mapping[str, str] | None = None,
    ) -> None:
        problems = _integrity_problems(frameworks, crosswalks, None)
        if problems:
            raise InvalidRecordError(problems, summary="the catalog is inconsistent")
        self.manifest = manifest
        self.frameworks: dict[str, Framework] = {f.id: f for f in frameworks}
        self.crosswalks: tuple[Crosswalk, ...] = tuple(crosswalks)
        self.origins: dict[str, str] = dict(origins or {})
        self.requirements: dict[str, Requirement] = {
            r.id: r for f in frameworks for r in f.requirements
        }
        self._children: dict[str, list[str]] = {}
        for r in self.requirements.values():
            if r.parent is not None:
                self._children.setdefault(r.parent, []).append(r.id)
        self._conditions: dict[str, Condition] = {
            rid: compile_condition(r.applies_if) for rid, r in self.requirements.items()
        }
        self._key_dates: dict[tuple[str, str | None], tuple[date | None, str | None]] = {}
        self._edges: dict[str, list[tuple[str, Relationship, Rationale]]] = {}
        for cw in crosswalks:
            for m in cw.mappings:
                self._edges.setdefault(m.source, []).append((m.target, m.relationship, m.rationale))
                self._edges.setdefault(m.target, []).append(
                    (m.source, m.relationship.inverse(), m.rationale)
                )

    # -- basic look-ups ---------------------------------------------------------------------
    @property
    def version(self) -> str:
        """The catalog version from ``catalog.yaml`` (``"unversioned"`` without one)."""
        return self.manifest.version if self.manifest else "unversioned"

    @property
    def events(self) -> list[CatalogEvent]:
        """The change log of regulatory events, oldest first."""
        return sorted(self.manifest.events, key=lambda e: e.date) if self.manifest else []

    def __len__(self) -> int:
        return len(self.requirements)

    def __contains__(self, requirement_id: object) -> bool:
        return requirement_id in self.requirements

    def get(self, requirement_id: str) -> Requirement:
        """The requirement with this id.

        Raises
        ------
        UserError
            If there is none; the message suggests the closest ids.
        """
        try:
            return self.requirements[requirement_id]
        except KeyError:
            raise UserError(_unknown("requirement", requirement_id, self.requirements)) from None

    def framework(self, framework_id: str) -> Framework:
        """The framework with this id (raises :class:`UserError` with suggestions if unknown)."""
        try:
            return self.frameworks[framework_id]
        except KeyError:
            raise UserError(_unknown("framework", framework_id, self.frameworks)) from None

    def framework_of(self, requirement_id: str) -> Framework:
        """The framework a requirement belongs to."""
        return self.frameworks[self.get(requirement_id).framework_id]

    def children(self, requirement_id: str) -> list[Requirement]:
        """Direct children of a requirement, in file order."""
        return [self.requirements[c] for c in self._children.get(requirement_id, [])]

    def ancestors(self, requirement_id: str) -> list[Requirement]:
        """Parent, grandparent, … of a requirement."""
        out: list[Requirement] = []
        parent = self.get(requirement_id).parent
        while parent is not None:
            req = self.requirements[parent]
            out.append(req)
            parent = req.parent
        return out

    def condition(self, requirement_id: str) -> Condition:
        """The compiled applicability condition of a requirement."""
        self.get(requirement_id)
        return self._conditions[requirement_id]

    def search(self, text: str, *, framework: str | None = None) -> list[Requirement]:
        """Requirements whose id, titles, summaries or keywords hold every word of ``text``."""
        words = [w.casefold() for w in text.split()]
        out = []
        for req in self.requirements.values():
            if framework is not None and req.framework_id != framework:
                continue
            hay = " ".join(
                [req.id, req.title.ja, req.title.en, req.summary.ja, req.summary.en, *req.keywords]
            ).casefold()
            if all(w in hay for w in words):
                out.append(req)
        return out

    def key_date(
        self, requirement_id: str, timeline: str | None = None
    ) -> tuple[date | None, str | None]:
        """Date from which a requirement applies on ``timeline``, and that key date's id."""
        key = (requirement_id, timeline)
        if key not in self._key_dates:
            self._key_dates[key] = self._find_key_date(requirement_id, timeline)
        return self._key_dates[key]

    def _find_key_date(
        self, requirement_id: str, timeline: str | None
    ) -> tuple[date | None, str | None]:
        req = self.get(requirement_id)
        if req.milestone is None:
            return req.applies_from, None
        kd = self.framework_of(requirement_id).date_of(req.milestone, timeline)
        return (kd.date, kd.id) if kd else (req.applies_from, None)

    # -- crosswalks -------------------------------------------------------------------------
    def related(
        self,
        requirement_id: str,
        *,
        transitive: bool = False,
        include_ancestors: bool = True,
    ) -> list[Related]:
        """Requirements of other frameworks that the same evidence may (partly) answer.

        Parameters
        ----------
        requirement_id : str
            The requirement asked about.
        transitive : bool, default False
            ``False``: one hop — the requirements mapped directly. ``True``: follow mappings
            onwards (breadth first, each requirement reached once by its shortest path), and
            compose relationships (equivalent keeps the other side; subset∘subset = subset;
            anything else becomes ``intersects``).
        include_ancestors : bool, default True
            Also follow mappings made on the requirement's ancestors (a METI principle's mapping
            concerns its sub-items too); the sub-item counts as a ``subset`` of its parent.

        Returns
        -------
        list[Related]
            Sorted by hops, then id; the requirement itself is never included.
        """
        self.get(requirement_id)
        starts: list[tuple[str, Relationship, tuple[str, ...]]] = [
            (requirement_id, Relationship.EQUIVALENT, (requirement_id,))
        ]
        if include_ancestors:
            path: tuple[str, ...] = (requirement_id,)
            for anc in self.ancestors(requirement_id):
                path = (*path, anc.id)
                starts.append((anc.id, Relationship.SUBSET, path))
        skip = {requirement_id} | {a.id for a in self.ancestors(requirement_id)}
        found: dict[str, Related] = {}
        queue: deque[tuple[str, Relationship, tuple[str, ...], int]] = deque(
            (node, rel, p, 0) for node, rel, p in starts
        )
        visited = {start[0] for start in starts}
        while queue:
            node, rel, path, hops = queue.popleft()
            for target, edge_rel, rationale in self._edges.get(node, []):
                if target in visited:
                    continue
                visited.add(target)
                composed = compose(rel, edge_rel)
                new_path = (*path, target)
                if target not in skip:
                    found[target] = Related(target, composed, hops + 1, new_path, rationale)
                if transitive:
                    queue.append((target, composed, new_path, hops + 1))
        return sorted(found.values(), key=lambda r: (r.hops, r.id))

    # -- applicability ----------------------------------------------------------------------
    @cached_property
    def evaluation_plan(self) -> Plan:
        """Per-requirement actors and compiled conditions, prepared once for evaluation."""
        return build_plan(self)

    def applicability(
        self,
        facts: Mapping[str, FactValue],
        *,
        frameworks: Iterable[str] | None = None,
        on: date | None = None,
        timeline: str | None = None,
    ) -> list[ApplicabilityResult]:
        """For each requirement: whether it applies to a system with ``facts``, and why.

        See :func:`daicho.catalog.evaluate_applicability`.
        """
        return evaluate(self, facts, frameworks=frameworks, on=on, timeline=timeline)

    def applicable(
        self, facts: Mapping[str, FactValue], *, frameworks: Iterable[str] | None = None
    ) -> list[Requirement]:
        """The requirements that apply to a system with ``facts``."""
        results = evaluate(self, facts, frameworks=frameworks)
        return [self.requirements[r.requirement_id] for r in results if r.applies]


def build_catalog(files: Sequence[ParsedFile]) -> Catalog:
    """Assemble parsed files into a :class:`Catalog`, checking references across files.

    Raises
    ------
    InvalidRecordError
        If framework ids repeat, or a crosswalk names a requirement that does not exist; each
        problem names its file and line.
    """
    frameworks = [f.model for f in files if isinstance(f.model, Framework)]
    crosswalks = [f.model for f in files if isinstance(f.model, Crosswalk)]
    manifests = [f.model for f in files if isinstance(f.model, CatalogManifest)]
    if len(manifests) > 1:
        raise UserError(_("more than one catalog.yaml given"))
    problems = _integrity_problems(frameworks, crosswalks, files)
    known = {f.id for f in frameworks}
    for pf in files:
        if isinstance(pf.model, CatalogManifest):
            for i, event in enumerate(pf.model.events):
                for j, fid in enumerate(event.frameworks):
                    if fid not in known:
                        loc = ("events", i, "frameworks", j)
                        problems.append(
                            FieldProblem(
                                field=f"events[{i}].frameworks[{j}]",
                                message=_unknown("framework", fid, known),
                                file=pf.filename,
                                line=pf.line_of(loc),
                            )
                        )
    if problems:
        raise InvalidRecordError(problems, summary=_("the catalog is inconsistent"))
    origins = {f.model.id: f.filename for f in files if isinstance(f.model, Framework)}
    return Catalog(frameworks, crosswalks, manifests[0] if manifests else None, origins=origins)


def _integrity_problems(
    frameworks: Sequence[Framework],
    crosswalks: Sequence[Crosswalk],
    files: Sequence[ParsedFile] | None,
) -> list[FieldProblem]:
    by_model: dict[int, ParsedFile] = {id(f.model): f for f in files or []}

    def where(model: Any, loc: tuple[str | int, ...]) -> tuple[str | None, int | None]:
        pf = by_model.get(id(model))
        return (pf.filename, pf.line_of(loc)) if pf else (None, None)

    problems: list[FieldProblem] = []
    seen: dict[str, Framework] = {}
    for fw in frameworks:
        if fw.id in seen:
            file, line = where(fw, ("id",))
            other, _line = where(seen[fw.id], ("id",))
            problems.append(
                FieldProblem(
                    field="id",
                    message=(
                        _("framework id {id!r} is already used by {other}").format(
                            id=fw.id, other=other
                        )
                        if other
                        else _("framework id {id!r} is already used").format(id=fw.id)
                    ),
                    file=file,
                    line=line,
                )
            )
        seen[fw.id] = fw
    ids = {r.id for fw in frameworks for r in fw.requirements}
    cw_seen: set[str] = set()
    for cw in crosswalks:
        if cw.id in cw_seen or cw.id in seen:
            file, line = where(cw, ("id",))
            problems.append(
                FieldProblem(
                    field="id",
                    message=_("id {id!r} is already used").format(id=cw.id),
                    file=file,
                    line=line,
                )
            )
        cw_seen.add(cw.id)
        for i, m in enumerate(cw.mappings):
            for end in ("source", "target"):
                value = getattr(m, end)
                if value not in ids:
                    file, line = where(cw, ("mappings", i, end))
                    problems.append(
                        FieldProblem(
                            field=f"mappings[{i}].{end}",
                            message=_unknown("requirement", value, ids),
                            file=file,
                            line=line,
                        )
                    )
    return problems


def _unknown(kind: str, value: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(known), n=3, cutoff=0.6)
    text = (
        _("unknown requirement {value!r}")
        if kind == "requirement"
        else _("unknown framework {value!r}")
    ).format(value=value)
    if close:
        choices = _(" or ").join(repr(c) for c in close)
        text += _("; did you mean {choices}?").format(choices=choices)
    return text
