"""Tables of the ledger.

Every kind of record (system, organisation, and later vendors, worksheets, risks) shares two
tables: ``records`` names a record and points at its newest revision; ``revisions`` keeps every
version of its body as canonical JSON. Bodies are JSON, not columns, so that a new field in the
domain model needs no migration; the tables change only when the ledger's shape does.

``evidence`` holds files (evaluation results and the like) by the SHA-256 of their bytes; each
is sealed by one audit entry whose payload hash is that same SHA-256.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

__all__ = ["audit_log", "evidence", "meta", "metadata", "records", "revisions"]

metadata = MetaData()

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

records = Table(
    "records",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("kind", String(32), nullable=False),
    Column("key", String(128), nullable=False),
    Column("head", Integer, nullable=False),
    UniqueConstraint("kind", "key", name="uq_records_kind_key"),
)

revisions = Table(
    "revisions",
    metadata,
    Column("record_id", String(36), ForeignKey("records.id"), primary_key=True),
    Column("number", Integer, primary_key=True, autoincrement=False),
    Column("author", String(200), nullable=False),
    Column("at", String(40), nullable=False),
    Column("reason", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("body_sha256", String(64), nullable=False),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", String(40), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("action", String(32), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("key", String(128), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("payload_sha256", String(64), nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

evidence = Table(
    "evidence",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("media_type", String(100), nullable=False),
    Column("size", Integer, nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("content", LargeBinary, nullable=False),
)
