"""The JSON Schema of catalog files."""

from __future__ import annotations

import pytest

from daicho.catalog import catalog_json_schema


@pytest.mark.parametrize(
    ("kind", "field"),
    [("framework", "requirements"), ("crosswalk", "mappings"), ("manifest", "events")],
)
def test_schema_kinds(kind: str, field: str) -> None:
    schema = catalog_json_schema(kind)  # type: ignore[arg-type]
    assert field in schema["properties"]
    assert schema["$schema"].endswith("2020-12/schema")
    assert schema["additionalProperties"] is False


def test_schema_lists_enums() -> None:
    schema = catalog_json_schema("framework")
    defs = schema["$defs"]
    assert set(defs["Actor"]["enum"]) == {"developer", "provider", "business_user", "any"}
    assert "binding_law" in defs["LegalNature"]["enum"]
    assert defs["Requirement"]["additionalProperties"] is False
