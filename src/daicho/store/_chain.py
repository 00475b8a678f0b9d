"""The audit chain: each entry carries the SHA-256 of the one before it.

Hashes cover every column of an entry, its sequence number included, so altering, deleting or
reordering rows breaks the chain at the first row touched.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from daicho.i18n import gettext as _

__all__ = [
    "GENESIS",
    "AuditEntry",
    "ChainBreak",
    "ChainReport",
    "canonical_json",
    "entry_hash",
    "sha256_text",
    "verify_chain",
]

GENESIS = "0" * 64


def canonical_json(value: Any) -> str:
    """JSON with sorted keys and no spaces: one text for one value, so its hash is stable."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sha256_text(text: str) -> str:
    """Hex SHA-256 of ``text`` encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class AuditEntry:
    """One row of the audit log."""

    seq: int
    at: str
    actor: str
    action: str
    kind: str
    key: str
    revision: int
    payload_sha256: str
    prev_hash: str
    hash: str

    @classmethod
    def from_row(cls, row: Mapping[Any, Any]) -> AuditEntry:
        """Build an entry from a database row mapping."""
        return cls(**{name: row[name] for name in cls.__dataclass_fields__})

    def to_dict(self) -> dict[str, Any]:
        """The entry as a JSON-ready mapping."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def entry_hash(
    *,
    seq: int,
    at: str,
    actor: str,
    action: str,
    kind: str,
    key: str,
    revision: int,
    payload_sha256: str,
    prev_hash: str,
) -> str:
    """The hash that seals one entry and links it to ``prev_hash``."""
    return sha256_text(
        canonical_json(
            [seq, at, actor, action, kind, key, revision, payload_sha256, prev_hash],
        )
    )


@dataclass(frozen=True)
class ChainBreak:
    """The first place where the chain does not hold."""

    seq: int
    problem: str


@dataclass(frozen=True)
class ChainReport:
    """Result of walking the chain from the first entry to the last."""

    entries: int
    head_hash: str
    first_break: ChainBreak | None

    @property
    def ok(self) -> bool:
        """Whether every link held."""
        return self.first_break is None


def verify_chain(entries: Iterable[AuditEntry]) -> ChainReport:
    """Walk ``entries`` in stored order and report the first broken link, if any."""
    expected_seq = 1
    prev = GENESIS
    count = 0
    for entry in entries:
        count += 1
        if entry.seq != expected_seq:
            if entry.seq > expected_seq:
                missing = (
                    _("entry {seq} is missing (deleted)").format(seq=expected_seq)
                    if entry.seq == expected_seq + 1
                    else _("entries {first}–{last} are missing (deleted)").format(
                        first=expected_seq, last=entry.seq - 1
                    )
                )
                return ChainReport(count, prev, ChainBreak(expected_seq, missing))
            return ChainReport(
                count,
                prev,
                ChainBreak(
                    entry.seq,
                    _("entry {seq} appears again after {previous}").format(
                        seq=entry.seq, previous=expected_seq - 1
                    ),
                ),
            )
        if entry.prev_hash != prev:
            return ChainReport(
                count,
                prev,
                ChainBreak(
                    entry.seq,
                    _(
                        "entry {seq} does not link to entry {previous} "
                        "(rows were altered, deleted or reordered before it)"
                    ).format(seq=entry.seq, previous=entry.seq - 1),
                ),
            )
        recomputed = entry_hash(
            seq=entry.seq,
            at=entry.at,
            actor=entry.actor,
            action=entry.action,
            kind=entry.kind,
            key=entry.key,
            revision=entry.revision,
            payload_sha256=entry.payload_sha256,
            prev_hash=entry.prev_hash,
        )
        if recomputed != entry.hash:
            return ChainReport(
                count,
                prev,
                ChainBreak(
                    entry.seq,
                    _("entry {seq} was altered (its hash does not match)").format(seq=entry.seq),
                ),
            )
        prev = entry.hash
        expected_seq += 1
    return ChainReport(count, prev, None)
