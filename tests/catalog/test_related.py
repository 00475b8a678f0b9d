"""Crosswalks: related requirements across frameworks (one hop, inherited, transitive)."""

from __future__ import annotations

import pytest

from daicho.catalog import Catalog, compose
from daicho.domain import UserError
from daicho.domain._catalog import Relationship as R


def test_direct_mapping_both_directions(catalog: Catalog) -> None:
    forward = {r.id: r for r in catalog.related("meti-aigl/C-8-i")}
    assert forward["eu-ai-act/art-4"].relationship is R.EQUIVALENT
    back = {r.id: r for r in catalog.related("eu-ai-act/art-4")}
    assert back["meti-aigl/C-8-i"].hops == 1


def test_inverse_relationship_seen_from_target(catalog: Catalog) -> None:
    back = {r.id: r for r in catalog.related("eu-ai-act/art-50-1")}
    assert back["meti-aigl/C-6-ii"].relationship is R.SUBSET  # C-6-ii is a superset of 50(1)


def test_mappings_inherited_from_parent(catalog: Catalog) -> None:
    related = {r.id: r for r in catalog.related("meti-aigl/P-4-i")}
    assert "appi/art-23" in related  # mapped on C-4, P-4-i's parent
    assert related["appi/art-23"].path == ("meti-aigl/P-4-i", "meti-aigl/C-4", "appi/art-23")
    assert "appi/art-23" not in {
        r.id for r in catalog.related("meti-aigl/P-4-i", include_ancestors=False)
    }


def test_transitive_reaches_further(catalog: Catalog) -> None:
    one = {r.id for r in catalog.related("meti-aigl/ADV-VII")}
    many = {r.id: r for r in catalog.related("meti-aigl/ADV-VII", transitive=True)}
    assert "hiroshima-coc/haip-5" not in one
    assert many["hiroshima-coc/haip-5"].hops == 2
    assert many["hiroshima-coc/haip-5"].relationship is R.EQUIVALENT
    assert "meti-aigl/ADV-VII" not in many


@pytest.mark.parametrize(
    ("a", "b", "out"),
    [
        (R.EQUIVALENT, R.SUBSET, R.SUBSET),
        (R.SUBSET, R.SUBSET, R.SUBSET),
        (R.SUBSET, R.SUPERSET, R.INTERSECTS),
        (R.SUPERSET, R.EQUIVALENT, R.SUPERSET),
        (R.INTERSECTS, R.EQUIVALENT, R.INTERSECTS),
    ],
)
def test_compose(a: R, b: R, out: R) -> None:
    assert compose(a, b) is out


def test_unknown_id_suggests(catalog: Catalog) -> None:
    with pytest.raises(UserError, match="did you mean 'meti-aigl/P-6-ii'"):
        catalog.related("meti-aigl/P-6-iii")


def test_search(catalog: Catalog) -> None:
    hits = {r.id for r in catalog.search("breach")}
    assert "appi/art-26" in hits
    assert {r.id for r in catalog.search("漏えい 報告")} >= {"appi/art-26"}
    assert all(r.framework_id == "eu-ai-act" for r in catalog.search("AI", framework="eu-ai-act"))
