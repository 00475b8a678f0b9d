"""Inline SVG charts: the heat map puts each risk in its cell; output is deterministic."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from daicho.documents import group_bars_svg, heat_map_cells, heat_map_svg
from daicho.documents._terms import LEVEL_COLOURS
from daicho.domain import Risk

SVG = "{http://www.w3.org/2000/svg}"


def _risk(likelihood: int, impact: int, rid: str = "r", status: str = "open") -> Risk:
    return Risk(
        system="s",
        id=rid,
        title={"en": rid},
        category="safety",
        lifecycle_stage="deployed",
        likelihood=likelihood,
        impact=impact,
        status=status,
    )


def test_risk_4_5_lands_in_its_cell() -> None:
    risks = [_risk(4, 5, "a"), _risk(4, 5, "b"), _risk(1, 1, "c"), _risk(4, 5, "d", "closed")]
    root = ET.fromstring(str(heat_map_svg(risks, str)))
    cells = root.findall(f"{SVG}g")
    assert len(cells) == 25
    # Expected position, worked out from the drawing itself: likelihood runs left to right,
    # impact bottom to top, so (4, 5) is the 4th column from the left in the top row.
    rects = [c.find(f"{SVG}rect") for c in cells]
    xs = sorted({float(r.get("x")) for r in rects})
    ys = sorted({float(r.get("y")) for r in rects})
    expected_x, expected_y = xs[4 - 1], ys[5 - 5]
    counted = {
        (float(c.find(f"{SVG}rect").get("x")), float(c.find(f"{SVG}rect").get("y"))): c
        for c in cells
    }
    target = counted[(expected_x, expected_y)]
    assert target.get("data-count") == "2"  # the closed one is left out
    assert target.find(f"{SVG}text").text == "2"
    assert target.find(f"{SVG}rect").get("fill") == LEVEL_COLOURS["critical"]  # 4 × 5 = 20
    bottom_left = counted[(xs[0], ys[-1])]
    assert bottom_left.get("data-count") == "1"
    assert bottom_left.find(f"{SVG}rect").get("fill") == LEVEL_COLOURS["low"]
    assert sum(int(c.get("data-count")) for c in cells) == 3


def test_residual_scores_move_the_risk() -> None:
    risk = _risk(4, 5).model_copy(update={"residual_likelihood": 2, "residual_impact": 2})
    assert heat_map_cells([risk]) == {(4, 5): 1}
    assert heat_map_cells([risk], residual=True) == {(2, 2): 1}


def test_charts_are_deterministic_and_escaped() -> None:
    groups = [
        {
            "group": "<b>x</b>",
            "selection_rate": 0.5,
            "selection_rate_ci_low": 0.4,
            "selection_rate_ci_high": 0.6,
        },
        {"group": "y", "selection_rate": 0.9, "small": True},
    ]
    one = group_bars_svg(groups, "selection_rate", "Selection <rate>")
    assert one == group_bars_svg(groups, "selection_rate", "Selection <rate>")
    assert "<b>" not in one and "&lt;rate&gt;" in one
    root = ET.fromstring(str(one))
    bars = root.findall(f"{SVG}g")
    assert [b.get("data-value") for b in bars] == ["0.5", "0.9"]
    assert heat_map_svg([_risk(2, 3)], str) == heat_map_svg([_risk(2, 3)], str)
