"""OSCAL export, validated by compliance-trestle (its models, its validators, its CLI)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import trestle.core.validator_factory as validator_factory  # first: avoids a circular import
from trestle.core.all_validator import AllValidator
from trestle.core.catalog.catalog_interface import CatalogInterface
from trestle.oscal import OSCAL_VERSION
from trestle.oscal import catalog as oscal_catalog
from trestle.oscal import mapping as oscal_mapping

from daicho.catalog import (
    Catalog,
    control_id,
    crosswalks_to_oscal,
    framework_to_oscal,
    oscal_json,
)

from .test_content import EXPECTED_FRAMEWORKS

assert validator_factory.validator_factory is not None


@pytest.mark.parametrize("framework", sorted(EXPECTED_FRAMEWORKS))
def test_framework_exports_and_parses_back(
    catalog: Catalog, framework: str, tmp_path: Path
) -> None:
    fw = catalog.framework(framework)
    text = oscal_json(framework_to_oscal(fw, catalog_version=catalog.version))
    assert list(json.loads(text)) == ["catalog"]  # the wrapper key is present
    path = tmp_path / "catalog.json"
    path.write_text(text, encoding="utf-8")
    back = oscal_catalog.Catalog.oscal_read(path)
    assert back is not None
    assert back.metadata.oscal_version.root.root == OSCAL_VERSION
    assert AllValidator().model_is_valid(back, quiet=True)
    controls = {c.id: c for c in CatalogInterface(back).get_all_controls_from_catalog(True)}
    assert set(controls) == {control_id(r.id) for r in fw.requirements}
    for req in fw.requirements:
        ctl = controls[control_id(req.id)]
        props = {p.name: p.value for p in ctl.props or []}
        assert props["daicho-id"] == req.id
        assert props["applies-if"] == " ".join(req.applies_if.split())
        assert ctl.links and ctl.links[0].href == req.source.url


def test_groups_hold_controls_and_children_nest(catalog: Catalog) -> None:
    cat = framework_to_oscal(catalog.framework("meti-aigl"), lang="ja")
    groups = {g.id: g for g in cat.groups or []}
    assert all(isinstance(g, oscal_catalog.Group2) for g in groups.values())
    c2 = next(c for c in groups["grp-c"].controls or [] if c.id == "C-2")
    assert c2.title == "安全性"
    assert {c.id for c in c2.controls or []} >= {"C-2-i", "D-2-i", "P-2-i", "U-2-i"}
    statement = next(p for p in c2.parts or [] if p.name == "statement")
    assert statement.prose == catalog.get("meti-aigl/C-2").summary.ja


def test_control_ids_are_oscal_tokens() -> None:
    assert control_id("meti-ai-contracts/use/input-identification") == "use.input-identification"
    assert control_id("acme-policy/1") == "r-1"
    assert control_id("iso-42001/A.2") == "A.2"


def test_export_is_deterministic(catalog: Catalog) -> None:
    fw = catalog.framework("eu-ai-act")
    assert oscal_json(framework_to_oscal(fw)) == oscal_json(framework_to_oscal(fw))


def test_crosswalks_export_as_mapping_collection(catalog: Catalog, tmp_path: Path) -> None:
    text = oscal_json(crosswalks_to_oscal(catalog))
    assert list(json.loads(text)) == ["mapping-collection"]
    path = tmp_path / "mapping-collection.json"
    path.write_text(text, encoding="utf-8")
    back = oscal_mapping.MappingCollection.oscal_read(path)
    assert back is not None and AllValidator().model_is_valid(back, quiet=True)
    mappings = back.mappings if isinstance(back.mappings, list) else [back.mappings]
    n_maps = sum(len(m.maps) for m in mappings)
    assert n_maps == sum(len(cw.mappings) for cw in catalog.crosswalks)
    rels = {mp.relationship for m in mappings for mp in m.maps}
    assert rels <= {"equivalent-to", "subset-of", "superset-of", "intersects-with"}


@pytest.mark.slow
def test_trestle_validate_cli(catalog: Catalog, tmp_path: Path) -> None:
    trestle = Path(sys.executable).with_name("trestle")
    if not trestle.exists():
        trestle = Path(shutil.which("trestle") or "trestle")
    subprocess.run([str(trestle), "init"], cwd=tmp_path, check=True, capture_output=True)
    target = tmp_path / "catalogs" / "appi" / "catalog.json"
    target.parent.mkdir(parents=True)
    target.write_text(oscal_json(framework_to_oscal(catalog.framework("appi"))), "utf-8")
    result = subprocess.run(
        [str(trestle), "validate", "-f", str(target)], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "VALID" in result.stdout
