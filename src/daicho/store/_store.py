"""Read and write ledger records, one transaction at a time, sealing each change in the chain."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from daicho.domain import UserError
from daicho.i18n import gettext as _

from ._chain import (
    GENESIS,
    AuditEntry,
    canonical_json,
    entry_hash,
    sha256_text,
)
from ._engine import connect, redact
from ._schema import audit_log, evidence, meta, records, revisions

__all__ = ["EVIDENCE", "EvidenceInfo", "RevisionRow", "Store", "StoreTransaction", "StoredRecord"]

#: The audit-log kind (and action) of an evidence file's entry; its key is the file's SHA-256.
EVIDENCE = "evidence"


@dataclass(frozen=True)
class StoredRecord:
    """A record's identity and newest body."""

    id: str
    kind: str
    key: str
    head: int
    body: dict[str, Any]


@dataclass(frozen=True)
class RevisionRow:
    """One stored version of a record."""

    record_id: str
    number: int
    author: str
    at: str
    reason: str
    body: dict[str, Any]
    body_sha256: str
    body_text: str


@dataclass(frozen=True)
class EvidenceInfo:
    """One stored evidence file, without its content."""

    sha256: str
    media_type: str
    size: int
    created_at: str


class Store:
    """The database behind a ledger. Only :mod:`daicho.ledger` uses it."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    @classmethod
    def open(cls, url: str, *, create: bool = False) -> Store:
        """Connect to ``url``, creating or upgrading the schema as needed."""
        return cls(connect(url, create=create), url)

    def close(self) -> None:
        """Release the connections."""
        self.engine.dispose()

    @property
    def display_url(self) -> str:
        """The URL with its password hidden."""
        return redact(self.url)

    @contextmanager
    def transaction(self) -> Iterator[StoreTransaction]:
        """One all-or-nothing unit of work; the ledger's write lock is held throughout."""
        try:
            with self.engine.begin() as conn:
                tx = StoreTransaction(conn)
                tx.lock()
                yield tx
        except IntegrityError as exc:
            raise UserError(
                _("the change conflicts with what is stored: {reason}").format(reason=exc.orig)
            ) from None
        except OperationalError as exc:
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise UserError(
                _("the ledger could not be written ({reason}); nothing was saved").format(
                    reason=reason
                )
            ) from None

    # --- reads -------------------------------------------------------------------------------

    def heads(self, kind: str) -> list[StoredRecord]:
        """Every record of ``kind`` with its newest body, ordered by key."""
        with self.engine.connect() as conn:
            return _heads(conn, kind)

    def head(self, kind: str, key: str) -> StoredRecord | None:
        """The record ``kind``/``key`` with its newest body, or ``None``."""
        with self.engine.connect() as conn:
            return _head(conn, kind, key)

    def revisions(self, kind: str, key: str) -> list[RevisionRow]:
        """Every revision of one record, oldest first."""
        with self.engine.connect() as conn:
            stmt = (
                select(revisions)
                .join(records, records.c.id == revisions.c.record_id)
                .where(records.c.kind == kind, records.c.key == key)
                .order_by(revisions.c.number)
            )
            return [_revision(row._mapping) for row in conn.execute(stmt)]

    def audit_entries(
        self, *, newest_first: bool = False, limit: int | None = None
    ) -> Iterator[AuditEntry]:
        """Stream the audit log in sequence order."""
        order = audit_log.c.seq.desc() if newest_first else audit_log.c.seq
        stmt = select(audit_log).order_by(order)
        if limit is not None:
            stmt = stmt.limit(limit)
        with self.engine.connect() as conn:
            result = conn.execution_options(yield_per=5000).execute(stmt)
            for row in result:
                yield AuditEntry.from_row(row._mapping)

    def audit_head(self) -> tuple[int, str] | None:
        """The sequence number and hash recorded as the chain head, if any."""
        with self.engine.connect() as conn:
            value = conn.execute(select(meta.c.value).where(meta.c.key == "audit_head")).scalar()
        if value is None:
            return None
        seq, digest = value.split(":", 1)
        return int(seq), digest

    def all_revisions(self) -> Iterator[tuple[str, str, RevisionRow]]:
        """Every revision of every record as ``(kind, key, revision)``."""
        stmt = (
            select(records.c.kind, records.c.key, revisions)
            .join(records, records.c.id == revisions.c.record_id)
            .order_by(records.c.kind, records.c.key, revisions.c.number)
        )
        with self.engine.connect() as conn:
            for row in conn.execution_options(yield_per=5000).execute(stmt):
                m = row._mapping
                yield m["kind"], m["key"], _revision(m, parse=False)

    def record_heads(self) -> dict[tuple[str, str], int]:
        """The head revision number of every record."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(records.c.kind, records.c.key, records.c.head))
            return {(r.kind, r.key): r.head for r in rows}

    # --- evidence ----------------------------------------------------------------------------

    def evidence(self, sha256: str) -> tuple[str, bytes] | None:
        """The media type and bytes of the evidence file ``sha256``, or ``None``."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(evidence.c.media_type, evidence.c.content).where(evidence.c.sha256 == sha256)
            ).first()
        return None if row is None else (row.media_type, bytes(row.content))

    def evidence_list(self) -> list[EvidenceInfo]:
        """Every evidence file's key, type, size and time of storing, newest first."""
        stmt = select(
            evidence.c.sha256, evidence.c.media_type, evidence.c.size, evidence.c.created_at
        ).order_by(evidence.c.created_at.desc(), evidence.c.sha256)
        with self.engine.connect() as conn:
            return [
                EvidenceInfo(r.sha256, r.media_type, r.size, r.created_at)
                for r in conn.execute(stmt)
            ]

    def evidence_contents(self) -> Iterator[tuple[str, int, bytes]]:
        """Stream ``(sha256, size, content)`` of every evidence file, for verification."""
        stmt = select(evidence.c.sha256, evidence.c.size, evidence.c.content).order_by(
            evidence.c.sha256
        )
        with self.engine.connect() as conn:
            for row in conn.execution_options(yield_per=100).execute(stmt):
                yield row.sha256, row.size, bytes(row.content)


class StoreTransaction:
    """Writes inside one transaction. Every write of a revision appends one audit entry."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._seq = 0
        self._prev = GENESIS

    def lock(self) -> None:
        """Take the ledger's write lock and read the chain head under it."""
        # A no-op UPDATE takes a row lock on PostgreSQL and the write lock on SQLite, so two
        # writers can never both extend the chain from the same head.
        self.conn.execute(update(meta).where(meta.c.key == "lock").values(value=meta.c.value))
        last = self.conn.execute(
            select(audit_log.c.seq, audit_log.c.hash).order_by(audit_log.c.seq.desc()).limit(1)
        ).first()
        if last is not None:
            self._seq, self._prev = last.seq, last.hash

    def head(self, kind: str, key: str) -> StoredRecord | None:
        """The record's newest body, read inside this transaction."""
        return _head(self.conn, kind, key)

    def heads(self, kind: str) -> list[StoredRecord]:
        """Every record of ``kind``, read inside this transaction."""
        return _heads(self.conn, kind)

    def write_revision(
        self,
        *,
        kind: str,
        key: str,
        body: dict[str, Any],
        author: str,
        at: str,
        reason: str,
        action: str,
        record_id: str | None = None,
    ) -> int:
        """Store a new revision of ``kind``/``key`` (creating the record) and seal it.

        Returns the new revision number.
        """
        body_text = canonical_json(body)
        digest = sha256_text(body_text)
        current = self.conn.execute(
            select(records.c.id, records.c.head).where(records.c.kind == kind, records.c.key == key)
        ).first()
        if current is None:
            rid = record_id or str(uuid.uuid4())
            number = 1
            self.conn.execute(insert(records).values(id=rid, kind=kind, key=key, head=number))
        else:
            rid, number = current.id, current.head + 1
            self.conn.execute(update(records).where(records.c.id == rid).values(head=number))
        self.conn.execute(
            insert(revisions).values(
                record_id=rid,
                number=number,
                author=author,
                at=at,
                reason=reason,
                body=body_text,
                body_sha256=digest,
            )
        )
        self._append_audit(
            at=at, actor=author, action=action, kind=kind, key=key, revision=number, payload=digest
        )
        return number

    def put_evidence(self, content: bytes, media_type: str, *, author: str, at: str) -> str:
        """Store ``content`` under its SHA-256 and seal it with one audit entry.

        Idempotent: bytes already stored are not stored, nor sealed, again.

        Returns
        -------
        str
            The hex SHA-256 of ``content``: its key in the evidence store.
        """
        digest = hashlib.sha256(content).hexdigest()
        exists = self.conn.execute(
            select(evidence.c.sha256).where(evidence.c.sha256 == digest)
        ).first()
        if exists is not None:
            return digest
        self.conn.execute(
            insert(evidence).values(
                sha256=digest,
                media_type=media_type,
                size=len(content),
                created_at=at,
                content=content,
            )
        )
        self._append_audit(
            at=at,
            actor=author,
            action=EVIDENCE,
            kind=EVIDENCE,
            key=digest,
            revision=1,
            payload=digest,
        )
        return digest

    def _append_audit(
        self, *, at: str, actor: str, action: str, kind: str, key: str, revision: int, payload: str
    ) -> None:
        seq = self._seq + 1
        fields: dict[str, Any] = {
            "seq": seq,
            "at": at,
            "actor": actor,
            "action": action,
            "kind": kind,
            "key": key,
            "revision": revision,
            "payload_sha256": payload,
            "prev_hash": self._prev,
        }
        digest = entry_hash(**fields)
        self.conn.execute(insert(audit_log).values(**fields, hash=digest))
        self._seq, self._prev = seq, digest
        self._set_meta("audit_head", f"{seq}:{digest}")

    def _set_meta(self, key: str, value: str) -> None:
        done = self.conn.execute(update(meta).where(meta.c.key == key).values(value=value))
        if done.rowcount == 0:
            self.conn.execute(insert(meta).values(key=key, value=value))


def _head(conn: Connection, kind: str, key: str) -> StoredRecord | None:
    stmt = (
        select(records, revisions.c.body)
        .join(
            revisions,
            (revisions.c.record_id == records.c.id) & (revisions.c.number == records.c.head),
        )
        .where(records.c.kind == kind, records.c.key == key)
    )
    row = conn.execute(stmt).first()
    if row is None:
        return None
    m = row._mapping
    return StoredRecord(m["id"], m["kind"], m["key"], m["head"], json.loads(m["body"]))


def _heads(conn: Connection, kind: str) -> list[StoredRecord]:

    stmt = (
        select(records, revisions.c.body)
        .join(
            revisions,
            (revisions.c.record_id == records.c.id) & (revisions.c.number == records.c.head),
        )
        .where(records.c.kind == kind)
        .order_by(records.c.key)
    )
    return [
        StoredRecord(m["id"], m["kind"], m["key"], m["head"], json.loads(m["body"]))
        for m in (row._mapping for row in conn.execute(stmt))
    ]


def _revision(m: Any, *, parse: bool = True) -> RevisionRow:

    return RevisionRow(
        record_id=m["record_id"],
        number=m["number"],
        author=m["author"],
        at=m["at"],
        reason=m["reason"],
        body=json.loads(m["body"]) if parse else {},
        body_sha256=m["body_sha256"],
        body_text=m["body"],
    )


def count_audit(conn: Connection) -> int:
    """Number of audit entries."""
    return int(conn.execute(select(func.count()).select_from(audit_log)).scalar_one())
