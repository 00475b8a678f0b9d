"""The ledger service on SQLite and on PostgreSQL: records, history, import/export, audit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from daicho import Ledger
from daicho.domain import InvalidRecordError, UserError
from tests.conftest import EXAMPLES, system_data


def raw_engine(ledger: Ledger):  # type: ignore[no-untyped-def]
    """A connection that goes behind daicho's back, as a tamperer would."""
    return create_engine(ledger._store.url)


def test_register_assigns_an_immutable_id(ledger: Ledger) -> None:
    system = ledger.register_system(system_data(), author="sato", reason="new")
    assert system.id is not None
    assert ledger.system("faq-bot").id == system.id
    with pytest.raises(UserError, match="id never changes"):
        ledger.update_system(
            "faq-bot",
            system.model_copy(update={"id": "00000000-0000-0000-0000-000000000001"}),
            reason="x",
        )


def test_duplicate_slug_is_refused(ledger: Ledger) -> None:
    ledger.register_system(system_data(), author="a")
    with pytest.raises(UserError, match="already registered"):
        ledger.register_system(system_data(), author="a")
    assert len(ledger.history("faq-bot")) == 1


def test_every_change_is_a_revision_with_author_time_and_reason(ledger: Ledger) -> None:
    ledger.register_system(system_data(), author="sato", reason="first")
    ledger.update_system("faq-bot", {"owner": "tanaka"}, author="suzuki", reason="owner named")
    ledger.update_system(
        "faq-bot", {"eu_nexus.output_used_in_eu": True}, author="sato", reason="EU customers"
    )
    history = ledger.history("faq-bot")
    assert [(r.number, r.author, r.reason) for r in history] == [
        (1, "sato", "first"),
        (2, "suzuki", "owner named"),
        (3, "sato", "EU customers"),
    ]
    assert [(c.path, c.before, c.after) for c in history[2].changes] == [
        ("eu_nexus.output_used_in_eu", False, True)
    ]
    assert history[1].at < history[2].at


def test_an_update_that_changes_nothing_writes_no_revision(ledger: Ledger) -> None:
    ledger.register_system(system_data(owner="a"), author="x")
    ledger.update_system("faq-bot", {"owner": "a"}, reason="same")
    assert len(ledger.history("faq-bot")) == 1
    assert ledger.verify_audit().entries == 1


def test_invalid_update_leaves_the_ledger_unchanged(ledger: Ledger) -> None:
    ledger.register_system(system_data(), author="x")
    with pytest.raises(InvalidRecordError, match="owner"):
        ledger.update_system("faq-bot", {"lifecycle_stage": "deployed"}, reason="go live")
    assert ledger.system("faq-bot").lifecycle_stage.value == "planning"
    assert ledger.verify_audit().entries == 1


def test_retired_systems_leave_the_active_register_but_keep_history(ledger: Ledger) -> None:
    ledger.register_system(system_data(), author="x")
    ledger.retire_system("faq-bot", reason="replaced")
    assert ledger.systems(include_retired=False) == []
    assert [s.slug for s in ledger.systems()] == ["faq-bot"]
    with pytest.raises(UserError, match="retired"):
        ledger.update_system("faq-bot", {"owner": "x"}, reason="late edit")
    assert len(ledger.history("faq-bot")) == 2


def test_unknown_slug_suggests_a_known_one(ledger: Ledger) -> None:
    ledger.register_system(system_data(), author="x")
    with pytest.raises(UserError, match="did you mean 'faq-bot'"):
        ledger.system("faq-bto")


def test_import_export_import_export_is_byte_identical(ledger: Ledger, tmp_path: Path) -> None:
    report = ledger.import_paths([EXAMPLES], author="ci")
    example_files = sorted(p.relative_to(EXAMPLES) for p in EXAMPLES.rglob("*.yaml"))
    assert {
        "system/credit-screening",
        "system/doc-summariser",
        "system/support-chatbot",
        "organisation/organisation",
        "worksheet/credit-screening",
    } <= set(report.created)
    assert len(report.created) == len(example_files)
    first = ledger.export(tmp_path / "one").directory
    again = Ledger.init(tmp_path / "other-home")
    again.import_paths([first], author="ci")
    second = again.export(tmp_path / "two").directory
    files = sorted(p.relative_to(first) for p in first.rglob("*.yaml"))
    assert files == example_files
    assert files == sorted(p.relative_to(second) for p in second.rglob("*.yaml"))
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes()


def test_reimporting_unchanged_files_writes_nothing(ledger: Ledger) -> None:
    ledger.import_paths([EXAMPLES], author="ci")
    before = ledger.verify_audit().entries
    report = ledger.import_paths([EXAMPLES], author="ci")
    assert report.created == [] and report.updated == []
    assert len(report.unchanged) == len(list(EXAMPLES.rglob("*.yaml")))
    assert ledger.verify_audit().entries == before


def test_import_is_all_or_nothing(ledger: Ledger, tmp_path: Path) -> None:
    folder = tmp_path / "repo"
    shutil.copytree(EXAMPLES, folder)
    broken = folder / "systems" / "zz-broken.yaml"
    broken.write_text(
        (folder / "systems" / "doc-summariser.yaml")
        .read_text(encoding="utf-8")
        .replace("slug: doc-summariser", "slug: zz-broken")
        .replace("id: 9a4e1f2b-6c3d-4e8a-8f07-2b1c5d6e7f80\n", "")
        .replace("lifecycle_stage: deployed", "lifecycle_stage: live"),
        encoding="utf-8",
    )
    with pytest.raises(InvalidRecordError) as info:
        ledger.import_paths([folder], author="ci")
    [problem] = info.value.problems
    assert problem.file == str(broken)
    assert problem.field == "lifecycle_stage"
    assert problem.line is not None and problem.expected and "'deployed'" in problem.expected
    assert "nothing was imported" in str(info.value)
    assert ledger.systems() == []
    assert ledger.organisation() is None


def test_import_rejects_a_slug_defined_twice(ledger: Ledger, tmp_path: Path) -> None:
    folder = tmp_path / "repo"
    shutil.copytree(EXAMPLES / "systems", folder)
    copy = folder / "copy.yaml"
    copy.write_text((folder / "doc-summariser.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(InvalidRecordError, match="duplicate system 'doc-summariser'"):
        ledger.import_paths([folder], author="ci")
    assert ledger.systems() == []


def test_import_refuses_a_changed_id(ledger: Ledger, tmp_path: Path) -> None:
    ledger.import_paths([EXAMPLES], author="ci")
    path = tmp_path / "chatbot.yaml"
    path.write_text(
        (EXAMPLES / "systems" / "support-chatbot.yaml")
        .read_text(encoding="utf-8")
        .replace("0b9d7e54-82c1-4f0e-b6a2-7d5f3c2e9b40", "11111111-82c1-4f0e-b6a2-7d5f3c2e9b40")
        .replace("lifecycle_stage: validation", "lifecycle_stage: deployed"),
        encoding="utf-8",
    )
    with pytest.raises(UserError, match="id never changes"):
        ledger.import_paths([path], author="ci")
    assert ledger.system("support-chatbot").lifecycle_stage.value == "validation"


def test_organisation_profile_is_versioned(ledger: Ledger) -> None:
    org = {
        "name": {"ja": "株式会社テスト", "en": "Test K.K."},
        "ai_executive": "CAIO",
        "contact": {"name": {"ja": "窓口", "en": "Desk"}, "email": "ai@example.jp"},
    }
    ledger.set_organisation(org, author="a")
    ledger.set_organisation({**org, "ai_executive": "CEO"}, author="a", reason="new CAIO")
    assert ledger.organisation().ai_executive == "CEO"  # type: ignore[union-attr]
    assert ledger.verify_audit().entries == 2


# --- tampering behind daicho's back -----------------------------------------------------------


@pytest.fixture
def busy_ledger(ledger: Ledger) -> Ledger:
    ledger.import_paths([EXAMPLES / "systems"], author="ci")  # entries 1-3
    ledger.import_paths([EXAMPLES / "organisation.yaml"], author="ci")  # entry 4
    for i in range(4):  # entries 5-8
        ledger.update_system("doc-summariser", {"tags": [f"t{i}"]}, author="x", reason=f"r{i}")
    assert ledger.verify_audit().ok
    return ledger


def tamper(ledger: Ledger, *statements: str) -> None:
    engine = raw_engine(ledger)
    with engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))
    engine.dispose()


def test_altered_audit_row_is_caught(busy_ledger: Ledger) -> None:
    tamper(busy_ledger, "UPDATE audit_log SET actor = 'mallory' WHERE seq = 6")
    result = busy_ledger.verify_audit()
    assert not result.ok
    assert result.first_broken_seq == 6
    assert "entry 6 was altered" in result.problems[0]


def test_deleted_audit_row_is_caught(busy_ledger: Ledger) -> None:
    tamper(busy_ledger, "DELETE FROM audit_log WHERE seq = 3")
    result = busy_ledger.verify_audit()
    assert result.first_broken_seq == 3
    assert "missing" in result.problems[0]


def test_deleted_tail_of_the_log_is_caught(busy_ledger: Ledger) -> None:
    tamper(busy_ledger, "DELETE FROM audit_log WHERE seq >= 7")
    result = busy_ledger.verify_audit()
    assert not result.ok
    assert result.first_broken_seq == 7


def test_reordered_audit_rows_are_caught(busy_ledger: Ledger) -> None:
    tamper(
        busy_ledger,
        "UPDATE audit_log SET seq = 1000 WHERE seq = 4",
        "UPDATE audit_log SET seq = 4 WHERE seq = 5",
        "UPDATE audit_log SET seq = 5 WHERE seq = 1000",
    )
    result = busy_ledger.verify_audit()
    assert result.first_broken_seq == 4


def test_edited_revision_body_is_caught(busy_ledger: Ledger) -> None:
    tamper(
        busy_ledger,
        'UPDATE revisions SET body = REPLACE(body, \'"owner":"伊藤\', \'"owner":"偽\')',
    )
    result = busy_ledger.verify_audit()
    assert not result.ok
    assert any("doc-summariser" in p and "altered" in p for p in result.problems)


def test_revision_added_behind_daichos_back_is_caught(busy_ledger: Ledger) -> None:
    tamper(
        busy_ledger,
        "INSERT INTO revisions SELECT record_id, 99, author, at, reason, body, body_sha256 "
        "FROM revisions WHERE number = 1 AND record_id = "
        "(SELECT id FROM records WHERE kind = 'system' AND key = 'credit-screening')",
    )
    result = busy_ledger.verify_audit()
    assert any("revision 99" in p and "no audit entry" in p for p in result.problems)
