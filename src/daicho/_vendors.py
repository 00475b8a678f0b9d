"""The vendor use cases of :class:`daicho.Ledger`: vendor records and their contract checklist.

Kept apart from ``ledger.py`` (as ``_assessments.py`` is) so that each file stays one idea;
:class:`Ledger` inherits these methods and they are part of its one public API.

The checklist topics are not written here: they are the leaf requirements of the catalog's
``meti-ai-contracts`` framework under ``use`` or ``development``, so a new version of METI's
checklist is a catalog change, not a code change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from daicho.domain import (
    CONTRACT_FRAMEWORK,
    BilingualText,
    ChecklistStatus,
    ContractType,
    FieldProblem,
    InvalidRecordError,
    UserError,
    Vendor,
    VendorChecklistItem,
    set_field,
)
from daicho.domain._errors import did_you_mean
from daicho.i18n import gettext as _

if TYPE_CHECKING:
    from daicho.catalog import Catalog
    from daicho.domain import AISystem, Requirement
    from daicho.store import Store

    from ._history import Revision

__all__ = [
    "OPEN",
    "VENDOR",
    "ChecklistRow",
    "VendorChecklistView",
    "VendorUseCases",
    "checklist_view",
    "contract_topics",
]

VENDOR = "vendor"
#: Status shown for a topic the vendor's checklist does not answer yet.
OPEN = "open"


@dataclass(frozen=True)
class ChecklistRow:
    """One topic of a vendor's contract checklist.

    Attributes
    ----------
    topic
        The requirement id, e.g. ``meti-ai-contracts/use/input-use``.
    title
        The topic's title in Japanese and English (from the catalog).
    group
        Title of the group it sits in (input, output), or ``None`` for a top-level topic.
    status
        ``covered``, ``not_covered``, ``not_needed`` or ``open`` (not answered yet).
    notes
        What the checklist says about it.
    """

    topic: str
    title: BilingualText
    group: BilingualText | None
    status: str
    notes: str | None = None


@dataclass(frozen=True)
class VendorChecklistView:
    """Every topic that applies to a vendor's contract type, answered or open."""

    vendor: Vendor
    rows: list[ChecklistRow] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        """Number of topics per status (every status present, zero included)."""
        names = [s.value for s in ChecklistStatus] + [OPEN]
        return {name: sum(1 for r in self.rows if r.status == name) for name in names}

    @property
    def complete(self) -> bool:
        """Whether every topic has been answered."""
        return all(r.status != OPEN for r in self.rows)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "vendor": self.vendor.slug,
            "contract_type": self.vendor.contract_type.value,
            "counts": self.counts,
            "complete": self.complete,
            "rows": [
                {
                    "topic": r.topic,
                    "title": r.title.model_dump(),
                    "group": r.group.model_dump() if r.group else None,
                    "status": r.status,
                    "notes": r.notes,
                }
                for r in self.rows
            ],
        }


def contract_topics(catalog: Catalog, contract_type: ContractType | str) -> list[Requirement]:
    """The checklist topics of a contract type: the leaves under ``meti-ai-contracts/<type>``.

    Raises
    ------
    UserError
        When the catalog has no such checklist (the framework was removed or renamed).
    """
    root = f"{CONTRACT_FRAMEWORK}/{ContractType(contract_type).value}"
    if root not in catalog:
        raise UserError(
            _(
                "the catalog has no {root} checklist; vendor checklists need the "
                "{framework} framework"
            ).format(root=root, framework=CONTRACT_FRAMEWORK)
        )
    leaves: list[Requirement] = []

    def walk(rid: str) -> None:
        for child in catalog.children(rid):
            if catalog.children(child.id):
                walk(child.id)
            else:
                leaves.append(child)

    walk(root)
    return leaves


def checklist_view(vendor: Vendor, catalog: Catalog) -> VendorChecklistView:
    """Lay the vendor's answers over every topic of its contract type."""
    root = f"{CONTRACT_FRAMEWORK}/{vendor.contract_type.value}"
    rows = []
    for req in contract_topics(catalog, vendor.contract_type):
        answer = vendor.item(req.id)
        group = catalog.get(req.parent).title if req.parent and req.parent != root else None
        rows.append(
            ChecklistRow(
                topic=req.id,
                title=req.title,
                group=group,
                status=answer.status.value if answer else OPEN,
                notes=answer.notes if answer else None,
            )
        )
    return VendorChecklistView(vendor, rows)


def vendor_problems(
    vendor: Vendor,
    catalog: Catalog,
    systems: Mapping[str, Any] | None,
    *,
    filename: str | None = None,
) -> list[FieldProblem]:
    """What is wrong with a vendor against the catalog and the registered systems."""
    problems = []
    topics = {r.id for r in contract_topics(catalog, vendor.contract_type)}
    kind = vendor.contract_type.value
    for i, item in enumerate(vendor.checklist):
        if item.topic not in topics:
            problems.append(
                FieldProblem(
                    f"checklist.{i}.topic",
                    _("{topic} is not a topic of METI's {kind}-type contract checklist").format(
                        topic=item.topic, kind=kind
                    ),
                    file=filename,
                    expected=_("one of: {choices}").format(choices=", ".join(sorted(topics))),
                )
            )
    if systems is not None:
        for i, slug in enumerate(vendor.systems):
            if slug not in systems:
                problems.append(
                    FieldProblem(
                        f"systems.{i}",
                        _("no system {slug!r} in the ledger{hint}").format(slug=slug, hint=""),
                        file=filename,
                        expected=_("the slug of a registered system"),
                    )
                )
    return problems


class VendorUseCases:
    """Vendors as ledger records with a history, and their METI contract checklist."""

    _store: Store
    home: Any

    if TYPE_CHECKING:

        def catalog(self) -> Catalog: ...
        def system(self, slug: str) -> AISystem: ...
        def systems(self, *, include_retired: bool = True) -> list[AISystem]: ...
        def _write(
            self, kind: str, key: str, record: Any, *, author: str | None, reason: str
        ) -> bool: ...

    def vendors(self, system: str | None = None) -> list[Vendor]:
        """Every vendor, ordered by slug; with ``system``, those linked to it.

        A vendor is linked to a system when it lists the system, or the system lists the vendor.
        """
        found = [Vendor.model_validate(r.body) for r in self._store.heads(VENDOR)]
        if system is None:
            return found
        named = set(self.system(system).vendors)
        return [v for v in found if system in v.systems or v.slug in named]

    def vendor(self, slug: str) -> Vendor:
        """The current record of the vendor ``slug``."""
        stored = self._store.head(VENDOR, slug)
        if stored is None:
            known = [r.key for r in self._store.heads(VENDOR)]
            hint = did_you_mean(slug, known)
            raise UserError(
                _("no vendor {slug!r} in the ledger{hint}").format(slug=slug, hint=hint)
            )
        return Vendor.model_validate(stored.body)

    def prepare_vendor(
        self,
        vendor: Vendor,
        systems: Mapping[str, Any] | None = None,
        filename: str | None = None,
    ) -> Vendor:
        """Check a vendor's topics against the catalog and its systems against the ledger.

        Raises
        ------
        InvalidRecordError
            Listing every topic that is not a METI contract topic for the vendor's contract
            type, and every linked system that is not registered.
        """
        if systems is None:
            systems = {s.slug: s for s in self.systems()}
        problems = vendor_problems(vendor, self.catalog(), systems, filename=filename)
        if problems:
            where = f"{filename}: " if filename else ""
            raise InvalidRecordError(
                problems=problems,
                summary=where
                + _("vendor {slug}: cannot be saved; nothing was changed").format(slug=vendor.slug),
            )
        return vendor

    def save_vendor(
        self,
        vendor: Vendor | Mapping[str, Any],
        *,
        author: str | None = None,
        reason: str = "vendor recorded",
    ) -> Vendor:
        """Add a vendor, or store a new revision of it (nothing is written when unchanged)."""
        entry = vendor if isinstance(vendor, Vendor) else _model(vendor)
        entry = self.prepare_vendor(entry)
        self._write(VENDOR, entry.slug, entry, author=author, reason=reason)
        return entry

    def update_vendor(
        self,
        slug: str,
        changes: Mapping[str, Any],
        *,
        author: str | None = None,
        reason: str,
    ) -> Vendor:
        """Change fields of a vendor (``{"contact": "…", "systems": ["faq-bot"]}``)."""
        if not reason or not reason.strip():
            raise UserError(
                _("say why the vendor changes (a reason is required for the audit log)")
            )
        body = self.vendor(slug).model_dump(mode="json")
        for path, value in changes.items():
            set_field(body, path, value)
        updated = _model(body)
        if updated.slug != slug:
            raise UserError(_("a vendor's slug cannot change ({slug!r})").format(slug=slug))
        return self.save_vendor(updated, author=author, reason=reason)

    def set_vendor_topic(
        self,
        slug: str,
        topic: str,
        *,
        status: ChecklistStatus | str,
        notes: str | None = None,
        author: str | None = None,
        reason: str,
    ) -> VendorChecklistItem:
        """Record how the vendor's contract covers one checklist topic.

        ``topic`` may be the full requirement id or its last part (``input-use``). Notes
        already recorded are kept unless new ones are given.
        """
        vendor = self.vendor(slug)
        if "/" not in topic:
            topic = f"{CONTRACT_FRAMEWORK}/{vendor.contract_type.value}/{topic}"
        topics = [r.id for r in contract_topics(self.catalog(), vendor.contract_type)]
        if topic not in topics:
            import difflib

            guess = difflib.get_close_matches(topic, topics, n=1)
            hint = _("; did you mean {guess}?").format(guess=guess[0]) if guess else ""
            raise UserError(
                _(
                    "{topic} is not a topic of METI's {kind}-type contract "
                    "checklist{hint} (`daicho vendor checklist {slug}` lists them)"
                ).format(topic=topic, kind=vendor.contract_type.value, hint=hint, slug=slug)
            )
        old = vendor.item(topic)
        data = {"topic": topic, "status": status, "notes": notes or (old.notes if old else None)}
        try:
            item = VendorChecklistItem.model_validate(data)
        except ValueError as exc:
            raise UserError(f"{topic}: {_first_error(exc)}") from None
        # Replace in place (or append), so the revision's diff shows just this topic.
        items = [item if i.topic == topic else i for i in vendor.checklist]
        if old is None:
            items.append(item)
        body = vendor.model_dump(mode="json")
        body["checklist"] = [i.model_dump(mode="json") for i in items]
        self.save_vendor(_model(body), author=author, reason=reason)
        return item

    def vendor_checklist(self, slug: str) -> VendorChecklistView:
        """Every topic of the vendor's contract type with its status, or ``open``."""
        return checklist_view(self.vendor(slug), self.catalog())

    def vendor_history(self, slug: str) -> list[Revision]:
        """Every revision of the vendor ``slug``, oldest first, each with the fields it changed."""
        from ._history import history_of

        self.vendor(slug)
        return history_of(self._store.revisions(VENDOR, slug))


def _first_error(exc: ValueError) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        found = errors()
        if found:
            from daicho.codec._problems import generic_message

            first = found[0]
            generic = generic_message(str(first.get("type")), first.get("ctx") or {})
            return generic or str(first.get("msg", exc))
    return str(exc)


def _model(data: Mapping[str, Any]) -> Vendor:
    from pydantic import ValidationError

    try:
        return Vendor.model_validate(dict(data))
    except ValidationError as exc:
        from daicho.codec._problems import problems_from_validation

        raise InvalidRecordError(
            problems=problems_from_validation(exc, Vendor, filename=None, root=None),
            summary=_("invalid {model}").format(model="Vendor"),
        ) from None
