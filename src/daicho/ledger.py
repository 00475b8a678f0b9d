"""The application service: each public method of :class:`Ledger` is one use case.

The CLI, the web app and the Python API all call this layer; none holds business logic of its
own. Every method that changes the ledger runs in one transaction and leaves one audit entry per
record it changes.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

from pydantic import ValidationError

from daicho import codec
from daicho.domain import (
    AISystem,
    InvalidRecordError,
    LifecycleStage,
    Organisation,
    UserError,
    Worksheet,
)
from daicho.domain._errors import did_you_mean
from daicho.domain._paths import set_field
from daicho.i18n import gettext as _
from daicho.store import EVIDENCE, AuditEntry, Store, StoredRecord, verify_chain

from ._assessments import AssessmentUseCases, author_name, now_iso
from ._documents import DocumentUseCases
from ._evaluations import EvaluationUseCases
from ._history import Revision, history_of
from ._location import DEFAULT_HOME, prepare_home, resolve_location
from ._record_files import Progress, collect, load_all
from ._vendors import VendorUseCases

__all__ = [
    "DEFAULT_HOME",
    "AuditVerification",
    "ExportReport",
    "ImportReport",
    "Ledger",
    "Revision",
    "resolve_location",
]

_SYSTEM = "system"
_ORGANISATION = "organisation"


@dataclass
class ImportReport:
    """What an import did, as ``kind/key`` (``system/credit-scoring``, ``risk/x/leakage``)."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    files: int = 0


@dataclass
class ExportReport:
    """The files an export wrote."""

    directory: Path
    files: list[Path] = field(default_factory=list)


@dataclass(frozen=True)
class AuditVerification:
    """Whether the audit chain and the revisions it seals are intact."""

    entries: int
    head_hash: str
    problems: list[str]
    first_broken_seq: int | None

    @property
    def ok(self) -> bool:
        """Whether nothing was found altered, deleted or reordered."""
        return not self.problems


class Ledger(AssessmentUseCases, EvaluationUseCases, VendorUseCases, DocumentUseCases):
    """An AI governance ledger: the register of AI systems and its audited history.

    Examples
    --------
    >>> import tempfile
    >>> from daicho import Ledger
    >>> ledger = Ledger.init(tempfile.mkdtemp())
    >>> _ = ledger.register_system(
    ...     {
    ...         "slug": "faq-bot",
    ...         "name": {"ja": "FAQボット", "en": "FAQ bot"},
    ...         "purpose": {"en": "Answer customers' questions"},
    ...         "roles": ["business_user"],
    ...     },
    ...     author="sato",
    ...     reason="first entry",
    ... )
    >>> [s.slug for s in ledger.systems()]
    ['faq-bot']
    >>> ledger.verify_audit().ok
    True
    """

    def __init__(self, home: Path, store: Store) -> None:
        self.home = home
        self._store = store

    # --- opening -------------------------------------------------------------------------------

    @classmethod
    def init(cls, home: str | os.PathLike[str] | None = None, *, db: str | None = None) -> Ledger:
        """Create a ledger (or open an existing one) at ``home`` / ``db``."""
        home_path, url = resolve_location(home, db)
        prepare_home(home_path, create=True)
        return cls(home_path, Store.open(url, create=True))

    @classmethod
    def open(
        cls, home_or_url: str | os.PathLike[str] | None = None, *, db: str | None = None
    ) -> Ledger:
        """Open an existing ledger by home directory, or by database URL.

        Parameters
        ----------
        home_or_url
            A ledger home directory, or a database URL such as ``postgresql://…``; when omitted,
            ``DAICHO_HOME`` / ``DAICHO_DATABASE_URL`` / ``./.daicho`` are used.
        db
            A database URL that overrides the home's SQLite file.
        """
        home: str | os.PathLike[str] | None = home_or_url
        if isinstance(home_or_url, str) and "://" in home_or_url:
            home, db = None, home_or_url
        home_path, url = resolve_location(home, db)
        if url.startswith("sqlite"):
            prepare_home(home_path, create=False)
        return cls(home_path, Store.open(url, create=False))

    def close(self) -> None:
        """Release database connections."""
        self._store.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def database(self) -> str:
        """The database URL, password hidden."""
        return self._store.display_url

    # --- systems -------------------------------------------------------------------------------

    def systems(self, *, include_retired: bool = True) -> list[AISystem]:
        """Every registered system, ordered by slug."""
        found = [AISystem.model_validate(r.body) for r in self._store.heads(_SYSTEM)]
        if not include_retired:
            found = [s for s in found if s.lifecycle_stage is not LifecycleStage.RETIRED]
        return found

    def system(self, slug: str) -> AISystem:
        """The current entry of the system ``slug``."""
        return AISystem.model_validate(self._require(slug).body)

    def _require(self, slug: str) -> StoredRecord:
        stored = self._store.head(_SYSTEM, slug)
        if stored is None:
            known = [r.key for r in self._store.heads(_SYSTEM)]

            hint = did_you_mean(slug, known)
            raise UserError(
                _("no system {slug!r} in the ledger{hint}").format(slug=slug, hint=hint)
            )
        return stored

    def register_system(
        self,
        system: AISystem | Mapping[str, Any],
        *,
        author: str | None = None,
        reason: str = "registered",
    ) -> AISystem:
        """Add a new system to the register and return it with its UUID assigned."""
        entry = _as_system(system)
        if entry.id is None:
            entry = entry.model_copy(update={"id": uuid4()})
        with self._store.transaction() as tx:
            if tx.head(_SYSTEM, entry.slug) is not None:
                raise UserError(
                    _(
                        "a system with slug {slug!r} is already registered; use "
                        "`daicho system edit` to change it or choose another slug"
                    ).format(slug=entry.slug)
                )
            tx.write_revision(
                kind=_SYSTEM,
                key=entry.slug,
                body=entry.model_dump(mode="json"),
                author=author_name(author),
                at=now_iso(),
                reason=reason,
                action="register",
                record_id=str(entry.id),
            )
        return entry

    def update_system(
        self,
        slug: str,
        change: AISystem | Mapping[str, Any],
        *,
        author: str | None = None,
        reason: str,
    ) -> AISystem:
        """Record a new revision of ``slug``.

        ``change`` is either the whole new entry, or a mapping of field paths to new values
        (``{"owner": "…", "eu_nexus.output_used_in_eu": True}``). Returns the entry as stored;
        when nothing differs, no revision is written.
        """
        if not reason or not reason.strip():
            raise UserError(
                _("say why the system changes (a reason is required for the audit log)")
            )
        with self._store.transaction() as tx:
            stored = tx.head(_SYSTEM, slug)
            if stored is None:
                raise UserError(
                    _("no system {slug!r} in the ledger{hint}").format(slug=slug, hint="")
                )
            current = AISystem.model_validate(stored.body)
            if isinstance(change, AISystem):
                updated = change
            else:
                body = current.model_dump(mode="json")
                for path, value in change.items():
                    set_field(body, path, value)
                updated = _as_system(body)
            _check_identity(current, updated)
            if updated.id is None:
                updated = updated.model_copy(update={"id": current.id})
            retired = LifecycleStage.RETIRED
            if current.lifecycle_stage is retired and updated.lifecycle_stage is retired:
                raise UserError(
                    _(
                        "system {slug!r} is retired; set lifecycle_stage to bring it back before "
                        "editing it"
                    ).format(slug=slug)
                )
            new_body = updated.model_dump(mode="json")
            if new_body == stored.body:
                return current
            tx.write_revision(
                kind=_SYSTEM,
                key=slug,
                body=new_body,
                author=author_name(author),
                at=now_iso(),
                reason=reason,
                action="update",
            )
        return updated

    def retire_system(self, slug: str, *, author: str | None = None, reason: str) -> AISystem:
        """Mark ``slug`` as retired. Its history stays; it leaves the active register."""
        current = self.system(slug)
        if current.lifecycle_stage is LifecycleStage.RETIRED:
            raise UserError(_("system {slug!r} is already retired").format(slug=slug))
        return self.update_system(
            slug, {"lifecycle_stage": LifecycleStage.RETIRED.value}, author=author, reason=reason
        )

    def history(self, slug: str) -> list[Revision]:
        """Every revision of ``slug``, oldest first, each with the fields it changed."""
        self._require(slug)
        return history_of(self._store.revisions(_SYSTEM, slug))

    # --- organisation --------------------------------------------------------------------------

    def organisation(self) -> Organisation | None:
        """The organisation profile, if one has been set."""
        stored = self._store.head(_ORGANISATION, _ORGANISATION)
        return None if stored is None else Organisation.model_validate(stored.body)

    def set_organisation(
        self,
        organisation: Organisation | Mapping[str, Any],
        *,
        author: str | None = None,
        reason: str = "organisation profile set",
    ) -> Organisation:
        """Create or replace the organisation profile."""
        org = (
            organisation
            if isinstance(organisation, Organisation)
            else _validated(Organisation, organisation)
        )
        self._write(_ORGANISATION, _ORGANISATION, org, author=author, reason=reason)
        return org

    # --- YAML as code --------------------------------------------------------------------------

    def import_paths(
        self,
        paths: Sequence[str | os.PathLike[str]],
        *,
        author: str | None = None,
        reason: str = "imported from YAML",
        progress: Progress | None = None,
    ) -> ImportReport:
        """Import record files and folders in one transaction: all of them, or none.

        Every file is read and validated before anything is written; any problem in any file
        aborts the import with every problem listed.
        """
        files = collect(paths)
        if not files:
            raise UserError(_("nothing to import"))
        loaded = load_all(files, progress)
        report = ImportReport(files=len(files))
        who, when = author_name(author), now_iso()
        systems = {s.slug: s for s in self.systems()}
        systems.update({i.key: i.record for i in loaded if i.kind == _SYSTEM})
        records: list[tuple[str, str, Any, str]] = []
        for item in loaded:
            record = item.record
            if item.kind in ("worksheet", "risk"):
                record = self.prepare_imported(item.kind, record, systems, item.filename)
            elif item.kind == "vendor":
                record = self.prepare_vendor(record, systems, item.filename)
            records.append((item.kind, item.key, record, item.filename))
        # Systems first, so that worksheets and risks in the same import find them.
        records.sort(key=lambda r: r[0] != _SYSTEM)
        with self._store.transaction() as tx:
            for i, (kind, key, record, filename) in enumerate(records, start=1):
                if progress:
                    progress("write", i, len(records))
                body = record.model_dump(mode="json")
                stored = tx.head(kind, key)
                if kind == _SYSTEM:
                    if stored is not None:
                        _check_identity(
                            AISystem.model_validate(stored.body), record, filename=filename
                        )
                        body["id"] = stored.body["id"]
                    elif body.get("id") is None:
                        body["id"] = str(uuid4())
                name = f"{kind}/{key}"
                if stored is not None and stored.body == body:
                    report.unchanged.append(name)
                    continue
                tx.write_revision(
                    kind=kind,
                    key=key,
                    body=body,
                    author=who,
                    at=when,
                    reason=f"{reason}: {filename}",
                    action="import",
                    record_id=body.get("id") if stored is None and kind == _SYSTEM else None,
                )
                (report.created if stored is None else report.updated).append(name)
        if any(kind == "worksheet" for kind, *_ in records):
            self._snapshot(self.catalog(), author=author)
        return report

    def read_record_file(self, path: str | os.PathLike[str], *, kind: str | None = None) -> Any:
        """Read and validate one record file; ``kind`` insists on a kind of record."""
        item = load_all([Path(path)], None)[0]
        if kind is not None and item.kind != kind:
            raise UserError(
                _("{path}: holds a {found}, but a {kind} was expected").format(
                    path=path, found=item.kind, kind=kind
                )
            )
        return item.record

    def export(self, directory: str | os.PathLike[str]) -> ExportReport:
        """Write every record as YAML under ``directory``: ``systems/<slug>.yaml`` and friends."""
        root = Path(directory)
        report = ExportReport(root)
        items: list[tuple[str, Any]] = [(_SYSTEM, s) for s in self.systems()]
        org = self.organisation()
        if org is not None:
            items.append((_ORGANISATION, org))
        items += [
            ("worksheet", Worksheet.model_validate(r.body)) for r in self._store.heads("worksheet")
        ]
        items += [("risk", r) for r in self.risks()]
        items += [("vendor", v) for v in self.vendors()]
        for kind, record in items:
            spec = codec.RECORD_KINDS[kind]
            target = root / spec.path(spec.key(record))
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                tmp = target.with_suffix(".yaml.tmp")
                tmp.write_text(codec.dump_record(kind, record), encoding="utf-8")
                tmp.replace(target)
            except OSError as exc:
                raise UserError(
                    _("cannot write {path}: {reason}").format(
                        path=target, reason=exc.strerror or exc
                    )
                ) from None
            report.files.append(target)
        return report

    # --- audit ---------------------------------------------------------------------------------

    def audit_log(self, *, limit: int | None = 50) -> list[AuditEntry]:
        """The newest audit entries, newest first."""
        return list(self._store.audit_entries(newest_first=True, limit=limit))

    def verify_audit(self) -> AuditVerification:
        """Check the audit chain, and that every revision and evidence file is sealed by it.

        Finds rows that were altered, deleted or reordered behind daicho's back, in the audit log
        and in the revisions it seals; reports the first broken link of the chain.
        """
        sealed: dict[tuple[str, str, int], str] = {}
        sealed_evidence: dict[str, str] = {}
        entries: list[AuditEntry] = []

        def remember(stream: Iterable[AuditEntry]) -> Iterable[AuditEntry]:
            for entry in stream:
                if entry.kind == EVIDENCE:
                    sealed_evidence[entry.key] = entry.payload_sha256
                else:
                    sealed[(entry.kind, entry.key, entry.revision)] = entry.payload_sha256
                yield entry

        report = verify_chain(remember(self._store.audit_entries()))
        del entries
        problems: list[str] = []
        first = report.first_break.seq if report.first_break else None
        if report.first_break:
            problems.append(report.first_break.problem)
        else:
            recorded = self._store.audit_head()
            if recorded is not None and recorded[0] != report.entries:
                problems.append(
                    _(
                        "the chain ends at entry {entries} but the ledger recorded "
                        "{recorded} entries: entries {first}–{recorded} were deleted"
                    ).format(entries=report.entries, recorded=recorded[0], first=report.entries + 1)
                )
                first = report.entries + 1
            problems.extend(self._unsealed_revisions(sealed))
            problems.extend(self._unsealed_evidence(sealed_evidence))
        return AuditVerification(report.entries, report.head_hash, problems, first)

    def _unsealed_revisions(self, sealed: dict[tuple[str, str, int], str]) -> list[str]:
        from daicho.store import sha256_text

        problems = []
        seen: set[tuple[str, str, int]] = set()
        for kind, key, rev in self._store.all_revisions():
            where = {"number": rev.number, "kind": kind, "key": key}
            seen.add((kind, key, rev.number))
            digest = sha256_text(rev.body_text)
            expected = sealed.get((kind, key, rev.number))
            if expected is None:
                problems.append(
                    _(
                        "revision {number} of {kind} {key!r} has no audit entry "
                        "(it was added behind daicho's back)"
                    ).format(**where)
                )
            elif digest != rev.body_sha256 or digest != expected:
                problems.append(
                    _(
                        "revision {number} of {kind} {key!r} was altered "
                        "(its content no longer matches the audit log)"
                    ).format(**where)
                )
        for (kind, key, number), _digest in sealed.items():
            if (kind, key, number) not in seen:
                problems.append(
                    _("revision {number} of {kind} {key!r} was deleted").format(
                        number=number, kind=kind, key=key
                    )
                )
        for (kind, key), head in self._store.record_heads().items():
            if (kind, key, head) not in seen:
                problems.append(
                    _("{kind} {key!r} points at revision {head}, which does not exist").format(
                        kind=kind, key=key, head=head
                    )
                )
        return problems


def _validated(model: type[Any], data: Mapping[str, Any]) -> Any:
    try:
        return model.model_validate(dict(data))
    except ValidationError as exc:
        from daicho.codec._problems import problems_from_validation

        problems = problems_from_validation(exc, model, filename=None, root=None)
        raise InvalidRecordError(
            problems=problems, summary=_("invalid {model}").format(model=model.__name__)
        ) from None


def _as_system(system: AISystem | Mapping[str, Any]) -> AISystem:
    if isinstance(system, AISystem):
        return system
    result: AISystem = _validated(AISystem, system)
    return result


def _check_identity(current: AISystem, updated: AISystem, *, filename: str | None = None) -> None:
    where = f"{filename}: " if filename else ""
    if updated.slug != current.slug:
        raise UserError(
            where + _("a system's slug cannot change ({slug!r})").format(slug=current.slug)
        )
    if updated.id is not None and current.id is not None and UUID(str(updated.id)) != current.id:
        raise UserError(
            where
            + _(
                "system {slug!r} has id {id} in the ledger but {file_id} in the file; a "
                "system's id never changes (remove the id line or restore it)"
            ).format(slug=current.slug, id=current.id, file_id=updated.id)
        )
