"""Inline SVG charts: the 5×5 risk heat map and per-group bar charts.

Hand-built SVG rather than matplotlib: the output is small, its text stays text (searchable,
translatable, printed with the page's Noto CJK font), and it is byte-for-byte deterministic —
no timestamps, random ids or hash salts — so a dossier's hashes are stable between runs.
Every piece of text is escaped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from markupsafe import Markup, escape

from daicho.domain import Risk, RiskStatus, risk_level

from ._terms import LEVEL_COLOURS

__all__ = ["group_bars_svg", "heat_map_cells", "heat_map_svg"]

_CELL = 56
_LEFT = 64
_TOP = 28


def heat_map_cells(risks: Iterable[Risk], *, residual: bool = False) -> dict[tuple[int, int], int]:
    """Count risks per ``(likelihood, impact)`` cell; closed risks are left out.

    With ``residual``, a risk's residual scores are used where assessed (inherent otherwise).
    """
    counts: dict[tuple[int, int], int] = {}
    for risk in risks:
        if risk.status is RiskStatus.CLOSED:
            continue
        likelihood, impact = risk.likelihood, risk.impact
        if residual and risk.residual_likelihood and risk.residual_impact:
            likelihood, impact = risk.residual_likelihood, risk.residual_impact
        counts[(likelihood, impact)] = counts.get((likelihood, impact), 0) + 1
    return counts


def heat_map_svg(
    risks: Iterable[Risk],
    gettext: Callable[[str], str],
    *,
    residual: bool = False,
) -> Markup:
    """A 5×5 heat map of open risks: likelihood left to right, impact bottom to top.

    Each cell is a ``<g class="cell" data-likelihood=… data-impact=… data-count=…>`` holding a
    rectangle filled with the colour of its level (1–4 low … 20–25 critical) and the number of
    risks in it. Empty cells are drawn faded.
    """
    _ = gettext
    counts = heat_map_cells(risks, residual=residual)
    width, height = _LEFT + 5 * _CELL + 8, _TOP + 5 * _CELL + 48
    title = _("Residual risk heat map") if residual else _("Risk heat map")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="heatmap" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        f"<title>{escape(title)}</title>",
    ]
    for likelihood in range(1, 6):
        for impact in range(1, 6):
            n = counts.get((likelihood, impact), 0)
            x = _LEFT + (likelihood - 1) * _CELL
            y = _TOP + (5 - impact) * _CELL
            colour = LEVEL_COLOURS[risk_level(likelihood, impact).value]
            opacity = "1" if n else "0.35"
            parts.append(
                f'<g class="cell" data-likelihood="{likelihood}" data-impact="{impact}" '
                f'data-count="{n}">'
                f'<rect x="{x}" y="{y}" width="{_CELL}" height="{_CELL}" fill="{colour}" '
                f'fill-opacity="{opacity}" stroke="#ffffff" stroke-width="2"/>'
            )
            if n:
                parts.append(
                    f'<text x="{x + _CELL // 2}" y="{y + _CELL // 2 + 6}" text-anchor="middle" '
                    f'font-size="18" font-weight="bold" fill="#1a1a1a">{n}</text>'
                )
            parts.append("</g>")
    for i in range(1, 6):
        cx = _LEFT + (i - 1) * _CELL + _CELL // 2
        cy = _TOP + (5 - i) * _CELL + _CELL // 2 + 4
        parts.append(
            f'<text x="{cx}" y="{_TOP + 5 * _CELL + 16}" text-anchor="middle" font-size="12" '
            f">{i}</text>"
        )
        parts.append(f'<text x="{_LEFT - 8}" y="{cy}" text-anchor="end" font-size="12">{i}</text>')
    parts.append(
        f'<text x="{_LEFT + 5 * _CELL // 2}" y="{_TOP + 5 * _CELL + 38}" text-anchor="middle" '
        f'font-size="13">{escape(_("Likelihood"))} →</text>'
    )
    parts.append(
        f'<text x="14" y="{_TOP + 5 * _CELL // 2}" text-anchor="middle" font-size="13" '
        f'transform="rotate(-90 14 {_TOP + 5 * _CELL // 2})">'
        f"{escape(_('Impact'))} →</text>"
    )
    parts.append(
        f'<text x="{_LEFT}" y="18" font-size="13" font-weight="bold">{escape(title)}</text>'
    )
    parts.append("</svg>")
    return Markup("".join(parts))


def _text_width(text: str, size: int = 12) -> int:
    """Rough width in pixels of ``text`` at ``size`` px: full width for CJK, ~0.6 em otherwise."""
    return int(sum(size if ord(ch) > 0x2E80 else size * 0.6 for ch in text))


def _fmt(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") or "0"


def group_bars_svg(
    groups: Sequence[Mapping[str, Any]],
    metric: str,
    title: str,
    *,
    value_text: Callable[[float], str] = _fmt,
) -> Markup:
    """Horizontal bars of ``metric`` (a 0–1 rate) per group, with 95% CI whiskers when given.

    Parameters
    ----------
    groups
        Rows of the stored evaluation's ``fairness.groups``: ``group``, the metric, and
        optionally ``<metric>_ci_low`` / ``<metric>_ci_high`` and ``small``.
    metric
        The column to draw, e.g. ``selection_rate`` or ``tpr``.
    title
        The chart's title (already translated).
    value_text
        Formats a value for its label.
    """
    rows = [g for g in groups if isinstance(g.get(metric), int | float)]
    longest = max((_text_width(str(g.get("group", ""))) for g in rows), default=0)
    label_w, bar_w, row_h = max(150, longest + 16), 300, 24
    width = label_w + bar_w + 70
    height = 30 + row_h * max(len(rows), 1) + 22
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="bars" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" data-metric="{escape(metric)}">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="16" font-size="13" font-weight="bold">{escape(title)}</text>',
    ]
    for i, row in enumerate(rows):
        y = 30 + i * row_h
        value = max(0.0, min(1.0, float(row[metric])))
        parts.append(
            f'<g class="bar" data-group="{escape(str(row.get("group", "")))}" '
            f'data-value="{_fmt(float(row[metric]))}">'
        )
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end" font-size="12">'
            f"{escape(str(row.get('group', '')))}</text>"
        )
        fill = "#9ecae1" if row.get("small") else "#3182bd"
        parts.append(
            f'<rect x="{label_w}" y="{y + 3}" width="{value * bar_w:.1f}" height="{row_h - 8}" '
            f'fill="{fill}"/>'
        )
        low, high = row.get(f"{metric}_ci_low"), row.get(f"{metric}_ci_high")
        if isinstance(low, int | float) and isinstance(high, int | float):
            x1 = label_w + max(0.0, min(1.0, float(low))) * bar_w
            x2 = label_w + max(0.0, min(1.0, float(high))) * bar_w
            ym = y + row_h // 2 - 1
            parts.append(
                f'<path d="M{x1:.1f} {ym} H{x2:.1f} M{x1:.1f} {ym - 5} V{ym + 5} '
                f'M{x2:.1f} {ym - 5} V{ym + 5}" stroke="#1a1a1a" stroke-width="1.2" fill="none"/>'
            )
        parts.append(
            f'<text x="{label_w + bar_w + 6}" y="{y + 15}" font-size="12">'
            f"{escape(value_text(float(row[metric])))}</text></g>"
        )
    axis_y = 30 + row_h * max(len(rows), 1)
    parts.append(
        f'<path d="M{label_w} 26 V{axis_y} H{label_w + bar_w}" stroke="#666666" fill="none"/>'
    )
    for tick in (0.0, 0.5, 1.0):
        x = label_w + tick * bar_w
        parts.append(
            f'<text x="{x:.0f}" y="{axis_y + 14}" text-anchor="middle" font-size="10" '
            f">{_fmt(tick)}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))
