from __future__ import annotations

import dataclasses
import hashlib
import json

import pytest

from daicho.store import GENESIS, AuditEntry, entry_hash, verify_chain


def make_chain(n: int) -> list[AuditEntry]:
    entries, prev = [], GENESIS
    for seq in range(1, n + 1):
        fields = dict(
            seq=seq,
            at=f"2026-01-01T00:00:{seq:02d}+00:00",
            actor="sato",
            action="update",
            kind="system",
            key="x",
            revision=seq,
            payload_sha256="ab" * 32,
            prev_hash=prev,
        )
        digest = entry_hash(**fields)  # type: ignore[arg-type]
        entries.append(AuditEntry(hash=digest, **fields))  # type: ignore[arg-type]
        prev = digest
    return entries


def test_hash_is_sha256_of_the_canonical_entry() -> None:
    # Recompute independently: an auditor can check the chain with any SHA-256 tool.
    entry = make_chain(1)[0]
    fields = [
        entry.seq,
        entry.at,
        entry.actor,
        entry.action,
        entry.kind,
        entry.key,
        entry.revision,
        entry.payload_sha256,
        entry.prev_hash,
    ]
    text = json.dumps(fields, separators=(",", ":"), ensure_ascii=False)
    assert entry.hash == hashlib.sha256(text.encode()).hexdigest()


def test_intact_chain_verifies() -> None:
    report = verify_chain(make_chain(5))
    assert report.ok and report.entries == 5


@pytest.mark.parametrize("field", ["actor", "at", "action", "key", "payload_sha256"])
def test_altered_field_is_caught_at_that_entry(field: str) -> None:
    chain = make_chain(5)
    chain[2] = dataclasses.replace(chain[2], **{field: "tampered"})
    report = verify_chain(chain)
    assert report.first_break is not None
    assert report.first_break.seq == 3
    assert "altered" in report.first_break.problem


def test_deleted_entry_is_caught() -> None:
    chain = make_chain(5)
    del chain[1]
    report = verify_chain(chain)
    assert report.first_break is not None
    assert report.first_break.seq == 2
    assert "missing" in report.first_break.problem


def test_reordered_entries_are_caught() -> None:
    chain = make_chain(5)
    chain[1], chain[2] = chain[2], chain[1]
    report = verify_chain(chain)
    assert report.first_break is not None and report.first_break.seq in (2, 3)


def test_rehashed_entry_still_breaks_the_next_link() -> None:
    chain = make_chain(4)
    forged = dataclasses.replace(chain[1], actor="mallory")
    forged = dataclasses.replace(
        forged,
        hash=entry_hash(**{k: v for k, v in dataclasses.asdict(forged).items() if k != "hash"}),
    )
    chain[1] = forged
    report = verify_chain(chain)
    assert report.first_break is not None
    assert report.first_break.seq == 3
    assert "does not link" in report.first_break.problem
