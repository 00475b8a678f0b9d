"""Vendors as ledger records: history, the METI contract checklist, YAML round trip."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from daicho import Ledger
from daicho.codec import dump_record, load_record
from daicho.domain import InvalidRecordError, UserError, Vendor
from tests.conftest import EXAMPLES

VENDOR_FILE = EXAMPLES / "vendors" / "example-ai-cloud.yaml"
FRAMEWORK = (
    Path(__file__).resolve().parent.parent
    / "src"
    / "daicho"
    / "catalog"
    / "frameworks"
    / "meti-ai-contracts.yaml"
)


def _framework_topics(contract_type: str) -> list[str]:
    """The leaf requirement ids under meti-ai-contracts/<type>, read from the catalog file."""
    data = yaml.safe_load(FRAMEWORK.read_text(encoding="utf-8"))
    reqs = data["requirements"]
    parents = {r.get("parent") for r in reqs}
    prefix = f"meti-ai-contracts/{contract_type}/"
    return [r["id"] for r in reqs if r["id"].startswith(prefix) and r["id"] not in parents]


@pytest.fixture
def example(ledger: Ledger) -> Ledger:
    ledger.import_paths([EXAMPLES], author="ci")
    return ledger


def test_example_vendor_is_imported_and_linked(example: Ledger) -> None:
    vendor = example.vendor("example-ai-cloud")
    assert vendor.contract_type.value == "use"
    assert [v.slug for v in example.vendors("doc-summariser")] == ["example-ai-cloud"]
    assert example.vendors("credit-screening") == []


@pytest.mark.parametrize("contract_type", ["use", "development"])
def test_checklist_has_every_topic_of_the_contract_type(ledger: Ledger, contract_type: str) -> None:
    ledger.save_vendor(
        {"slug": "v", "name": {"en": "V"}, "contract_type": contract_type}, author="ci"
    )
    view = ledger.vendor_checklist("v")
    expected = _framework_topics(contract_type)
    assert [r.topic for r in view.rows] == expected
    # Input and output, five points each, plus derived results, personal data, security.
    assert len(expected) == 13
    assert all(r.status == "open" for r in view.rows)
    assert not view.complete


def test_checklist_statuses_come_from_the_record(example: Ledger) -> None:
    recorded = yaml.safe_load(VENDOR_FILE.read_text(encoding="utf-8"))["checklist"]
    view = example.vendor_checklist("example-ai-cloud")
    by_topic = {r.topic: r for r in view.rows}
    for item in recorded:
        assert by_topic[item["topic"]].status == item["status"]
        assert by_topic[item["topic"]].notes == item["notes"]
    answered = {i["topic"] for i in recorded}
    assert view.counts["open"] == len(view.rows) - len(answered)
    assert sum(view.counts.values()) == len(view.rows)


def test_set_topic_keeps_history(example: Ledger) -> None:
    example.set_vendor_topic(
        "example-ai-cloud",
        "output-identification",
        status="covered",
        notes="§2.5",
        author="legal",
        reason="amendment signed",
    )
    example.set_vendor_topic(
        "example-ai-cloud", "security", status="covered", author="legal", reason="SOC 2 received"
    )
    history = example.vendor_history("example-ai-cloud")
    assert [r.number for r in history] == [1, 2, 3]
    assert history[1].reason == "amendment signed" and history[1].author == "legal"
    assert {c.after for c in history[1].changes} >= {"meti-ai-contracts/use/output-identification"}
    # The old notes stay when none are given.
    item = example.vendor("example-ai-cloud").item("meti-ai-contracts/use/security")
    assert item is not None and item.status.value == "covered"
    assert item.notes and item.notes.startswith("SOC 2 report requested")
    assert example.verify_audit().ok


def test_unknown_topic_is_refused_clearly(example: Ledger) -> None:
    with pytest.raises(UserError, match="not a topic of METI's use-type contract checklist"):
        example.set_vendor_topic(
            "example-ai-cloud", "meti-aigl/C-3-i", status="covered", reason="x"
        )
    with pytest.raises(UserError, match="did you mean meti-ai-contracts/use/input-provision"):
        example.set_vendor_topic("example-ai-cloud", "input-provisio", status="covered", reason="x")


def test_topic_of_the_other_contract_type_is_refused(ledger: Ledger) -> None:
    data = {
        "slug": "v",
        "name": {"en": "V"},
        "contract_type": "use",
        "checklist": [{"topic": "meti-ai-contracts/development/security", "status": "covered"}],
    }
    with pytest.raises(InvalidRecordError) as info:
        ledger.save_vendor(data)
    assert "not a topic of the use-type contract checklist" in str(info.value)


def test_group_node_is_not_a_topic(ledger: Ledger) -> None:
    data = {
        "slug": "v",
        "name": {"en": "V"},
        "contract_type": "use",
        "checklist": [{"topic": "meti-ai-contracts/use/input", "status": "covered"}],
    }
    with pytest.raises(InvalidRecordError) as info:
        ledger.save_vendor(data)
    assert info.value.problems[0].field == "checklist.0.topic"
    assert ledger.vendors() == []


def test_not_needed_requires_a_reason_and_topics_are_unique() -> None:
    with pytest.raises(ValueError, match="must say why"):
        Vendor.model_validate(
            {
                "slug": "v",
                "name": {"en": "V"},
                "contract_type": "use",
                "checklist": [{"topic": "meti-ai-contracts/use/security", "status": "not_needed"}],
            }
        )
    item = {"topic": "meti-ai-contracts/use/security", "status": "covered"}
    with pytest.raises(ValueError, match="answered twice"):
        Vendor.model_validate(
            {"slug": "v", "name": {"en": "V"}, "contract_type": "use", "checklist": [item, item]}
        )


def test_linked_systems_must_exist(example: Ledger) -> None:
    with pytest.raises(InvalidRecordError, match="no system 'nope'"):
        example.update_vendor("example-ai-cloud", {"systems": ["nope"]}, reason="typo")


def test_import_checks_topics_against_the_catalog(ledger: Ledger, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    text = VENDOR_FILE.read_text(encoding="utf-8").replace(
        "meti-ai-contracts/use/security", "meti-ai-contracts/use/securty"
    )
    text = text.replace("- support-chatbot\n- doc-summariser\n", "")
    bad.write_text(text.replace("systems:\n", "systems: []\n"), encoding="utf-8")
    with pytest.raises(InvalidRecordError, match="securty is not a topic"):
        ledger.import_paths([bad])
    assert ledger.vendors() == []


def test_yaml_round_trip(example: Ledger, tmp_path: Path) -> None:
    example.set_vendor_topic(
        "example-ai-cloud", "output-provision", status="not_needed", notes="n/a", reason="r"
    )
    vendor = example.vendor("example-ai-cloud")
    text = dump_record("vendor", vendor)
    again = load_record(text.encode("utf-8"), "vendor.yaml")
    assert again.kind == "vendor" and again.record == vendor
    exported = example.export(tmp_path / "out")
    path = tmp_path / "out" / "vendors" / "example-ai-cloud.yaml"
    assert path in exported.files
    other = Ledger.init(tmp_path / "other")
    other.import_paths([tmp_path / "out"], author="ci")
    assert other.vendor("example-ai-cloud") == vendor
    assert (
        other.vendor_checklist("example-ai-cloud").counts
        == example.vendor_checklist("example-ai-cloud").counts
    )
