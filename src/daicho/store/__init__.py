"""The edge that keeps the ledger: SQLAlchemy tables, Alembic migrations, the audit chain.

Only :mod:`daicho.ledger` imports this package; the CLI and the web app go through the ledger.
"""

from ._chain import (
    GENESIS,
    AuditEntry,
    ChainBreak,
    ChainReport,
    canonical_json,
    entry_hash,
    sha256_text,
    verify_chain,
)
from ._engine import HEAD_REVISION, KNOWN_REVISIONS, SQLITE_FILENAME, redact, sqlite_url
from ._store import EVIDENCE, EvidenceInfo, RevisionRow, Store, StoredRecord, StoreTransaction

__all__ = [
    "EVIDENCE",
    "GENESIS",
    "HEAD_REVISION",
    "KNOWN_REVISIONS",
    "SQLITE_FILENAME",
    "AuditEntry",
    "ChainBreak",
    "ChainReport",
    "EvidenceInfo",
    "RevisionRow",
    "Store",
    "StoreTransaction",
    "StoredRecord",
    "canonical_json",
    "entry_hash",
    "redact",
    "sha256_text",
    "sqlite_url",
    "verify_chain",
]
