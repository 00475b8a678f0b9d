"""Parsing catalog files: located errors for broken files (file, line, field, suggestion)."""

from __future__ import annotations

import textwrap

import pytest

from daicho.catalog import parse_crosswalk, parse_file, parse_framework, parse_manifest
from daicho.domain import InvalidRecordError

GOOD = textwrap.dedent(
    """\
    id: acme-policy
    title: {ja: ACME AI方針, en: ACME AI policy}
    issuer: {ja: ACME株式会社, en: ACME Corp.}
    version: "1"
    legal_nature: internal_policy
    sources:
      - &src
        document: ACME AI policy
        url: https://intranet.example/ai-policy
    requirements:
      - id: acme-policy/1
        title: {ja: 台帳への登録, en: Register every AI system}
        summary: {ja: 全てのAIシステムを台帳に登録する。, en: Every AI system is registered.}
        source: {<<: *src, section: "1"}
        verified: true
      - id: acme-policy/2
        parent: acme-policy/1
        title: {ja: 生成AIの審査, en: Review generative AI}
        summary: {ja: 生成AIは導入前に審査する。, en: Generative AI is reviewed before use.}
        applies_if: generative and business_user
        actors: [business_user]
        source: {<<: *src, section: "2"}
        verified: true
    """
)


def _problems(text: str, name: str = "acme.yaml") -> list[str]:
    with pytest.raises(InvalidRecordError) as err:
        parse_framework(text, name)
    return [str(p) for p in err.value.problems]


def test_good_framework_parses() -> None:
    fw = parse_framework(GOOD, "acme.yaml")
    assert [r.id for r in fw.requirements] == ["acme-policy/1", "acme-policy/2"]
    assert fw.requirements[0].source.section == "1"
    assert fw.requirements[1].applies_if == "generative and business_user"


def test_unknown_field_names_file_line_and_suggestion() -> None:
    broken = GOOD.replace("    applies_if:", "    aplies_if:")
    (problem,) = _problems(broken)
    assert problem.startswith("acme.yaml:20: requirements[1].aplies_if: unknown field")
    assert "did you mean 'applies_if'?" in problem


def test_bad_condition_names_file_line_and_fact() -> None:
    broken = GOOD.replace("generative and business_user", "generativ and business_user")
    (problem,) = _problems(broken, "home/frameworks/acme.yaml")
    assert problem.startswith("home/frameworks/acme.yaml:20: requirements[1].applies_if:")
    assert "acme-policy/2: unknown fact 'generativ'" in problem
    assert "did you mean 'generative'?" in problem


def test_condition_with_function_call_is_refused() -> None:
    broken = GOOD.replace("generative and business_user", "__import__('os')")
    (problem,) = _problems(broken)
    assert ":20:" in problem and "function calls are not allowed" in problem


def test_missing_field_and_bad_enum_reported_together() -> None:
    broken = GOOD.replace("legal_nature: internal_policy", "legal_nature: policy").replace(
        "    verified: true\n  - id: acme-policy/2", "  - id: acme-policy/2"
    )
    problems = _problems(broken)
    assert any(
        p.startswith("acme.yaml:5: legal_nature:") and "internal_policy" in p for p in problems
    )
    assert any("requirements[0].verified: this field is required" in p for p in problems)


def test_wrong_prefix_and_missing_parent() -> None:
    broken = GOOD.replace("id: acme-policy/2", "id: other/2").replace(
        "parent: acme-policy/1", "parent: acme-policy/9"
    )
    problems = _problems(broken)
    assert any("requirements[1].id" in p and "start with 'acme-policy/'" in p for p in problems)
    assert any("requirements[1].parent" in p and "not in this file" in p for p in problems)


def test_unverified_needs_a_note() -> None:
    broken = GOOD.replace(
        '    source: {<<: *src, section: "1"}\n    verified: true',
        '    source: {<<: *src, section: "1"}\n    verified: false',
    )
    (problem,) = _problems(broken)
    assert "requirements[0].source.note" in problem and "unverified" in problem


def test_yaml_syntax_error_has_line() -> None:
    (problem,) = _problems("id: x\ntitle: [unclosed\nversion: 1\n")
    assert problem.startswith("acme.yaml:") and "YAML" in problem


def test_duplicate_key_is_an_error() -> None:
    problems = _problems(GOOD.replace('version: "1"', 'version: "1"\nversion: "2"'))
    assert problems and "YAML" in problems[0]


def test_not_a_mapping() -> None:
    problems = _problems("- just\n- a list\n")
    assert "mapping" in problems[0]


def test_number_where_text_expected() -> None:
    (problem,) = _problems(GOOD.replace('version: "1"', "version: 1.1"))
    assert problem.startswith("acme.yaml:4: version:")


def test_crosswalk_and_manifest_parse() -> None:
    cw = parse_crosswalk(
        "id: x\ntitle: {ja: 対応, en: map}\nversion: '1'\nmappings:\n"
        "  - {source: a/1, target: b/1, relationship: equivalent, rationale: {en: same}}\n",
        "x.yaml",
    )
    assert cw.mappings[0].relationship.inverse().value == "equivalent"
    m = parse_manifest("version: '2026.11.0'\nreleased: 2026-11-25\n", "catalog.yaml")
    assert m.version == "2026.11.0"
    with pytest.raises(InvalidRecordError) as err:
        parse_file("version: 'v1'\nreleased: 2026-11-25\n", "catalog.yaml", "manifest")
    assert "catalog.yaml:1: version" in str(err.value)


def test_duplicate_mapping_rejected() -> None:
    text = (
        "id: x\ntitle: {ja: 対応, en: map}\nversion: '1'\nmappings:\n"
        "  - {source: a/1, target: b/1, relationship: equivalent, rationale: {en: same}}\n"
        "  - {source: b/1, target: a/1, relationship: equivalent, rationale: {en: same}}\n"
    )
    with pytest.raises(InvalidRecordError) as err:
        parse_crosswalk(text, "x.yaml")
    assert "x.yaml:6: mappings[1]" in str(err.value)
