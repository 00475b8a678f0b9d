"""The assessment use cases of :class:`daicho.Ledger`: worksheets, risks, EU tiers, the gate.

Kept apart from ``ledger.py`` so that each file stays one idea; :class:`Ledger` inherits these
methods and they are part of its one public API.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from daicho import assess
from daicho.domain import (
    AISystem,
    FieldProblem,
    InvalidRecordError,
    ItemStatus,
    LifecycleStage,
    Risk,
    UserError,
    Worksheet,
    WorksheetItem,
    set_field,
)
from daicho.i18n import gettext as _

if TYPE_CHECKING:
    from daicho.catalog import Catalog
    from daicho.store import Store

__all__ = ["AssessmentUseCases", "author_name", "now_iso"]

WORKSHEET = "worksheet"
RISK = "risk"
SNAPSHOT = "catalog-snapshot"


def now_iso() -> str:
    """The current time, UTC, as stored in revisions and the audit log."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def author_name(author: str | None) -> str:
    """Who is making a change: as given, else ``DAICHO_AUTHOR``, else the user name."""
    if author:
        return author
    env = os.environ.get("DAICHO_AUTHOR")
    if env:
        return env
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _invalid(summary: str, problems: list[FieldProblem]) -> InvalidRecordError:
    return InvalidRecordError(problems=problems, summary=summary)


class AssessmentUseCases:
    """Worksheets, risks, EU AI Act classification, oversight, catalog review, gate and gaps."""

    _store: Store
    home: Any

    if TYPE_CHECKING:

        def system(self, slug: str) -> AISystem: ...
        def systems(self, *, include_retired: bool = True) -> list[AISystem]: ...

    # --- catalog -------------------------------------------------------------------------------

    def catalog(self) -> Catalog:
        """The built-in catalog plus this ledger's custom frameworks (``<home>/frameworks``)."""
        from daicho import catalogs

        custom = self.home / "frameworks"
        return catalogs.load_catalog([custom] if custom.is_dir() else [])

    def applicability(
        self, slug: str, *, timeline: str | None = None, on: date | None = None
    ) -> assess.SystemApplicability:
        """Every requirement for ``slug``: what applies and why, what does not and why."""
        return assess.applicability(self.system(slug), self.catalog(), timeline=timeline, on=on)

    # --- worksheets ----------------------------------------------------------------------------

    def worksheet(self, slug: str) -> Worksheet:
        """The system's worksheet (empty if nothing has been answered yet)."""
        self.system(slug)
        stored = self._store.head(WORKSHEET, slug)
        if stored is None:
            return Worksheet(system=slug)
        return Worksheet.model_validate(stored.body)

    def worksheet_view(self, slug: str) -> assess.WorksheetView:
        """The worksheet laid over what applies, with completeness by principle."""
        catalog = self.catalog()
        applies = assess.applicability(self.system(slug), catalog)
        return assess.worksheet_view(applies, self.worksheet(slug), catalog)

    def _editable(self, slug: str, what: str) -> AISystem:
        system = self.system(slug)
        _require_active(system, what)
        return system

    def prepare_imported(
        self, kind: str, record: Any, systems: Mapping[str, AISystem], filename: str
    ) -> Any:
        """Check an imported worksheet or risk against the systems it will sit beside."""
        system = systems.get(record.system)
        if system is None:
            raise _invalid(
                _("{filename}: nothing was imported").format(filename=filename),
                [
                    FieldProblem(
                        "system",
                        _("no system {slug!r} in the ledger or in this import").format(
                            slug=record.system
                        ),
                        file=filename,
                        expected=_("the slug of a registered system"),
                    )
                ],
            )
        catalog = self.catalog()
        if kind == WORKSHEET:
            return self._prepare_worksheet(record, catalog, system=system, filename=filename)
        return self._prepare_risk(record, catalog, system=system, filename=filename)

    def _prepare_worksheet(
        self,
        worksheet: Worksheet,
        catalog: Catalog,
        *,
        system: AISystem | None = None,
        filename: str | None = None,
    ) -> Worksheet:
        """Validate against what applies, and stamp changed items with the requirement digest."""
        if system is None:
            system = self._editable(worksheet.system, "worksheet")
        else:
            _require_active(system, "worksheet")
        applies = assess.applicability(system, catalog)
        problems = assess.worksheet_problems(worksheet, applies, catalog, filename=filename)
        if problems:
            raise _invalid(
                _(
                    "worksheet for {system}: {count} item(s) cannot be saved; nothing was changed"
                ).format(system=worksheet.system, count=len(problems)),
                problems,
            )
        stored = self._store.head(WORKSHEET, worksheet.system)
        before = Worksheet.model_validate(stored.body) if stored else Worksheet(system=system.slug)
        items = []
        for item in worksheet.items:
            old = before.item(item.requirement)
            if old != item:
                digest = assess.requirement_digest(catalog.get(item.requirement))
                changes: dict[str, Any] = {"requirement_digest": digest}
                if old is not None and old.needs_review and item.needs_review:
                    # Answering the item again is the review.
                    changes.update(needs_review=False, review_reason=None)
                if item.status is not None and item.last_reviewed is None:
                    changes["last_reviewed"] = datetime.now(UTC).date()
                item = item.model_copy(update=changes)
            items.append(item)
        return worksheet.model_copy(
            update={"items": items, "catalog_version": assess.catalog_fingerprint(catalog)}
        )

    def save_worksheet(
        self,
        worksheet: Worksheet | Mapping[str, Any],
        *,
        author: str | None = None,
        reason: str = "worksheet updated",
    ) -> Worksheet:
        """Store a new revision of a system's worksheet, after checking every item applies."""
        sheet = worksheet if isinstance(worksheet, Worksheet) else _model(Worksheet, worksheet)
        catalog = self.catalog()
        sheet = self._prepare_worksheet(sheet, catalog)
        self._write(WORKSHEET, sheet.system, sheet, author=author, reason=reason)
        self._snapshot(catalog, author=author)
        return sheet

    def answer(
        self,
        slug: str,
        requirement_id: str,
        *,
        status: ItemStatus | str,
        explanation: str | None = None,
        due: date | str | None = None,
        owner: str | None = None,
        notes: str | None = None,
        evidence: Iterable[Mapping[str, Any]] = (),
        author: str | None = None,
        reason: str | None = None,
    ) -> WorksheetItem:
        """Record the answer to one requirement in the system's worksheet."""
        sheet = self.worksheet(slug)
        data: dict[str, Any] = {
            "requirement": requirement_id,
            "status": status,
            "explanation": explanation,
            "due": due,
            "owner": owner,
            "notes": notes,
            "evidence": list(evidence),
        }
        old = sheet.item(requirement_id)
        if old is not None:
            data = {
                **old.model_dump(exclude={"last_reviewed"}),
                **{k: v for k, v in data.items() if v not in (None, [])},
            }
            data["status"] = status
        item = _model(WorksheetItem, data)
        items = [i for i in sheet.items if i.requirement != requirement_id] + [item]
        saved = self.save_worksheet(
            sheet.model_copy(update={"items": items}),
            author=author,
            reason=reason or f"{requirement_id}: {ItemStatus(status).value}",
        )
        found = saved.item(requirement_id)
        assert found is not None
        return found

    # --- risks ---------------------------------------------------------------------------------

    def risks(self, slug: str | None = None) -> list[Risk]:
        """The risk register of one system, or of every system."""
        if slug is not None:
            self.system(slug)
        found = [Risk.model_validate(r.body) for r in self._store.heads(RISK)]
        return [r for r in found if slug is None or r.system == slug]

    def risk(self, slug: str, risk_id: str) -> Risk:
        """One risk of a system."""
        stored = self._store.head(RISK, f"{slug}/{risk_id}")
        if stored is None:
            raise UserError(
                _("no risk {risk!r} for system {slug!r}").format(risk=risk_id, slug=slug)
            )
        return Risk.model_validate(stored.body)

    def _prepare_risk(
        self,
        risk: Risk,
        catalog: Catalog,
        *,
        system: AISystem | None = None,
        filename: str | None = None,
    ) -> Risk:
        if system is None:
            self._editable(risk.system, "risk register")
        else:
            _require_active(system, "risk register")
        problems = assess.risk_problems(risk, catalog, filename=filename)
        if problems:
            raise _invalid(
                _("risk {key}: cannot be saved; nothing was changed").format(key=risk.key),
                problems,
            )
        return risk

    def save_risk(
        self,
        risk: Risk | Mapping[str, Any],
        *,
        author: str | None = None,
        reason: str = "risk recorded",
    ) -> Risk:
        """Add a risk to a system's register, or store a new revision of it."""
        entry = risk if isinstance(risk, Risk) else _model(Risk, risk)
        entry = self._prepare_risk(entry, self.catalog())
        self._write(RISK, entry.key, entry, author=author, reason=reason)
        return entry

    def update_risk(
        self,
        slug: str,
        risk_id: str,
        changes: Mapping[str, Any],
        *,
        author: str | None = None,
        reason: str,
    ) -> Risk:
        """Change fields of one risk (``{"likelihood": 2, "status": "monitoring"}``)."""
        body = self.risk(slug, risk_id).model_dump(mode="json")
        for path, value in changes.items():
            set_field(body, path, value)
        updated = _model(Risk, body)
        if updated.key != f"{slug}/{risk_id}":
            raise UserError(_("a risk's system and id cannot change; record a new risk instead"))
        return self.save_risk(updated, author=author, reason=reason)

    def seed_risks(self, slug: str, *, author: str | None = None) -> list[Risk]:
        """Add the library's typical risks that fit the system's profile (skipping existing ids)."""
        from daicho import _packaged

        system = self._editable(slug, "risk register")
        have = {r.id for r in self.risks(slug)}
        seeded = assess.seed_risks(system, list(_packaged.risk_library()), have)
        catalog = self.catalog()
        with self._store.transaction() as tx:
            who, when = author_name(author), now_iso()
            for risk in seeded:
                self._prepare_risk(risk, catalog)
                tx.write_revision(
                    kind=RISK,
                    key=risk.key,
                    body=risk.model_dump(mode="json"),
                    author=who,
                    at=when,
                    reason=f"seeded from the risk library ({risk.source})",
                    action="register",
                )
        return seeded

    # --- EU AI Act, oversight ------------------------------------------------------------------

    def classify_eu(self, slug: str, *, timeline: str | None = None) -> assess.EUClassification:
        """The system's tier under the EU AI Act, why, open questions, and dated obligations."""
        from daicho import _packaged

        return assess.classify_eu(
            self.system(slug), self.catalog(), list(_packaged.eu_questions()), timeline=timeline
        )

    def oversight(self, slug: str) -> assess.OversightFinding:
        """Whether human involvement is expected, against the recorded oversight mode."""
        return assess.oversight(self.system(slug), self.classify_eu(slug))

    # --- regulatory change ---------------------------------------------------------------------

    def review_catalog_changes(self, *, author: str | None = None) -> list[assess.CatalogReview]:
        """After a catalog update: what changed for each system; mark worksheet items for review."""
        catalog = self.catalog()
        fingerprint = assess.catalog_fingerprint(catalog)
        reviews = []
        with self._store.transaction() as tx:
            who, when = author_name(author), now_iso()
            for stored in tx.heads(WORKSHEET):
                sheet = Worksheet.model_validate(stored.body)
                system = AISystem.model_validate(tx.head("system", sheet.system).body)  # type: ignore[union-attr]
                snapshot = tx.head(SNAPSHOT, sheet.catalog_version or "")
                previous = snapshot.body["digests"] if snapshot else None
                applies = assess.applicability(system, catalog)
                review, updated = assess.review_worksheet(
                    sheet, applies, catalog, previous, fingerprint
                )
                reviews.append(review)
                if updated != sheet:
                    tx.write_revision(
                        kind=WORKSHEET,
                        key=sheet.system,
                        body=updated.model_dump(mode="json"),
                        author=who,
                        at=when,
                        reason=f"catalog {review.from_version} → {review.to_version}: "
                        f"{len(review.changed)} changed, {len(review.removed)} removed, "
                        f"{len(review.added)} added",
                        action="review",
                    )
        self._snapshot(catalog, author=author)
        return reviews

    def _snapshot(self, catalog: Catalog, *, author: str | None) -> None:
        digests = assess.catalog_digests(catalog)
        key = assess.catalog_fingerprint(catalog, digests)
        if self._store.head(SNAPSHOT, key) is not None:
            return
        with self._store.transaction() as tx:
            if tx.head(SNAPSHOT, key) is None:
                tx.write_revision(
                    kind=SNAPSHOT,
                    key=key,
                    body={"version": catalog.version, "digests": digests},
                    author=author_name(author),
                    at=now_iso(),
                    reason="requirement digests of this catalog version, for later reviews",
                    action="register",
                )

    # --- the gate and gap reports --------------------------------------------------------------

    def check(
        self, slugs: Iterable[str] | None = None, *, today: date | None = None
    ) -> assess.CheckReport:
        """Run the CI gate over the selected (default: all active) systems."""
        systems = self._selected(slugs)
        return gate(
            systems,
            {s.slug: self.worksheet(s.slug) for s in systems},
            self.risks(),
            self.catalog(),
            today or datetime.now(UTC).date(),
        )

    def gaps(
        self,
        slugs: Iterable[str] | None = None,
        *,
        today: date | None = None,
        timeline: str | None = None,
    ) -> list[assess.SystemGaps]:
        """Gap report per system (default: all active systems)."""
        from daicho import _packaged

        catalog = self.catalog()
        day = today or datetime.now(UTC).date()
        out = []
        risks = self.risks()
        for system in self._selected(slugs):
            applies = assess.applicability(system, catalog)
            view = assess.worksheet_view(applies, self.worksheet(system.slug), catalog)
            eu = assess.classify_eu(
                system, catalog, list(_packaged.eu_questions()), timeline=timeline
            )
            mine = [r for r in risks if r.system == system.slug]
            out.append(
                assess.system_gaps(system, view, mine, eu, assess.oversight(system, eu), day)
            )
        return out

    def _selected(self, slugs: Iterable[str] | None) -> list[AISystem]:
        if slugs:
            return [self.system(s) for s in slugs]
        return self.systems(include_retired=False)

    # --- shared writing ------------------------------------------------------------------------

    def _write(self, kind: str, key: str, record: Any, *, author: str | None, reason: str) -> bool:
        body = record.model_dump(mode="json")
        with self._store.transaction() as tx:
            stored = tx.head(kind, key)
            if stored is not None and stored.body == body:
                return False
            tx.write_revision(
                kind=kind,
                key=key,
                body=body,
                author=author_name(author),
                at=now_iso(),
                reason=reason,
                action="register" if stored is None else "update",
            )
        return True


def gate(
    systems: list[AISystem],
    worksheets: Mapping[str, Worksheet | None],
    risks: list[Risk],
    catalog: Catalog,
    today: date,
    extra: Iterable[assess.Finding] = (),
) -> assess.CheckReport:
    """The gate over records, wherever they came from (a ledger, or a folder of YAML)."""
    from daicho import _packaged

    report = assess.CheckReport([s.slug for s in systems], list(extra), today)
    for system in systems:
        applies = assess.applicability(system, catalog)
        view = assess.worksheet_view(applies, worksheets.get(system.slug), catalog)
        eu = assess.classify_eu(system, catalog, list(_packaged.eu_questions()))
        mine = [r for r in risks if r.system == system.slug]
        report.findings.extend(assess.check_system(view, mine, assess.oversight(system, eu), today))
    return report


def _require_active(system: AISystem, what: str) -> None:
    if system.lifecycle_stage is LifecycleStage.RETIRED:
        shown = {"worksheet": _("worksheet"), "risk register": _("risk register")}.get(what, what)
        raise UserError(
            _(
                "system {slug!r} is retired; its {what} can be read but not edited "
                "(bring the system back with `daicho system edit` first)"
            ).format(slug=system.slug, what=shown)
        )


def _model(model: type[Any], data: Mapping[str, Any]) -> Any:
    from pydantic import ValidationError

    try:
        return model.model_validate(dict(data))
    except ValidationError as exc:
        from daicho.codec._problems import problems_from_validation

        raise _invalid(
            _("invalid {model}").format(model=model.__name__),
            problems_from_validation(exc, model, filename=None, root=None),
        ) from None
