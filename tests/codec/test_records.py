from __future__ import annotations

import pytest

from daicho.codec import dump_record, load_record, record_json_schema
from daicho.domain import InvalidRecordError

GOOD = """\
kind: system
slug: credit
name:
  ja: 与信
  en: Credit
purpose:
  en: screen loans
roles:
- developer
"""


def problems(text: str | bytes, filename: str = "s.yaml") -> list[tuple[int | None, str, str]]:
    data = text.encode() if isinstance(text, str) else text
    with pytest.raises(InvalidRecordError) as info:
        load_record(data, filename)
    assert all(p.file == filename for p in info.value.problems)
    return [(p.line, p.field, str(p)) for p in info.value.problems]


def test_good_file_loads() -> None:
    item = load_record(GOOD.encode(), "s.yaml")
    assert (item.kind, item.key) == ("system", "credit")


def test_malformed_yaml_names_the_line() -> None:
    [(line, _, text)] = problems(GOOD + "tags: [a, b\nlinks: []\n")
    assert line == 11
    assert "malformed YAML" in text


def test_unknown_field_suggests_the_right_one() -> None:
    [(line, field, text)] = problems(GOOD + "purpse: x\n")
    assert (line, field) == (10, "purpse")
    assert "did you mean 'purpose'?" in text


def test_unknown_nested_field_suggests_within_its_own_model() -> None:
    text = GOOD + "datasets:\n- name: a\n  sourse: web\n"
    found = problems(text)
    assert (12, "datasets[0].sourse") in [(line, field) for line, field, _ in found]
    assert any("did you mean 'source'?" in t for _, _, t in found)


def test_wrong_enum_lists_the_allowed_values() -> None:
    [(line, field, text)] = problems(GOOD.replace("- developer", "- devloper"))
    assert (line, field) == (9, "roles[0]")
    assert "'developer', 'provider' or 'business_user'" in text


def test_consistency_rule_points_at_its_field_line() -> None:
    text = GOOD + (
        "datasets:\n- name: health\n  source: clinic\n  appi_categories: [special_care_required]\n"
    )
    [(line, field, message)] = problems(text)
    assert field == "datasets[0].legal_basis"
    assert line == 11  # the dataset item, where the missing key belongs
    assert "APPI Art 20(2)" in message


def test_not_utf8_names_line_and_byte() -> None:
    data = GOOD.encode() + b"description:\n  ja: " + "日本".encode("shift_jis") + b"\n"
    [(line, _, text)] = problems(data)
    assert line == 11
    assert "not UTF-8" in text and "UTF-8" in text


def test_fifty_megabyte_file_is_refused_before_parsing() -> None:
    data = GOOD.encode() + b"#" * 50_000_000
    [(_, _, text)] = problems(data)
    assert "50.0 MB" in text


def test_unknown_kind_is_named() -> None:
    [(line, field, text)] = problems("kind: sytem\n" + GOOD.split("\n", 1)[1])
    assert (line, field) == (1, "kind")
    assert "did you mean 'system'?" in text


@pytest.mark.parametrize("text", ["- a\n- b\n", "just text\n", ""])
def test_a_file_must_hold_a_mapping(text: str) -> None:
    [(_, _, message)] = problems(text)
    assert "mapping" in message


def test_two_documents_in_one_file_are_refused() -> None:
    [(_, _, message)] = problems(GOOD + "---\n" + GOOD)
    assert "one record per file" in message or "one record" in message


def test_norway_stays_norway_and_yes_stays_text() -> None:
    text = GOOD + (
        "users: [yes]\ndatasets:\n- name: a\n  source: b\n  cross_border_transfers: [NO]\n"
    )
    system = load_record(text.encode(), "s.yaml").record
    assert system.datasets[0].cross_border_transfers == ["NO"]
    assert system.users == ["yes"]


def test_dump_then_load_gives_the_same_record_and_the_same_text() -> None:
    record = load_record(GOOD.encode(), "s.yaml").record
    text = dump_record("system", record)
    again = load_record(text.encode(), "t.yaml").record
    assert again == record
    assert dump_record("system", again) == text
    assert text.startswith("kind: system\nslug: credit\n")


def test_json_schema_describes_the_file() -> None:
    schema = record_json_schema("system")
    assert schema["properties"]["kind"]["const"] == "system"
    assert {"slug", "name", "purpose", "roles"} <= set(schema["required"])
    assert schema["additionalProperties"] is False
