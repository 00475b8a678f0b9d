"""Which requirements apply to a system, and why: the actor test and the condition test."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from daicho.domain._catalog import Actor
from daicho.domain._facts import FactValue

if TYPE_CHECKING:
    from ._catalog import Catalog
    from ._conditions import Condition

__all__ = ["ApplicabilityResult", "Plan", "build_plan", "evaluate"]

_ROLE_NAMES = {
    "developer": ("AI開発者", "AI developer"),
    "provider": ("AI提供者", "AI provider"),
    "business_user": ("AI利用者", "AI business user"),
    "any": ("全ての主体", "any actor"),
}


@dataclass(frozen=True)
class ApplicabilityResult:
    """Whether one requirement applies to one system, with the reasons.

    Attributes
    ----------
    requirement_id : str
    applies : bool
        ``actor_match and condition_met``.
    actor_match : bool
        Whether one of the system's roles is addressed (always true for ``any``).
    matched_actors : tuple[str, ...]
        The requirement's actors that matched (``("any",)`` for requirements addressed to all).
    condition : str
        The applicability condition's text.
    condition_met : bool
    facts_used : Mapping[str, FactValue]
        Values of the facts the condition looked at.
    effective_from : datetime.date | None
        When the requirement starts to apply on the chosen timeline, if the catalog says.
    key_date : str | None
        Id of the key date that gave ``effective_from``.
    in_effect : bool | None
        Whether ``effective_from`` is on or before the evaluation date; ``None`` if either is
        unknown.
    """

    requirement_id: str
    applies: bool
    actor_match: bool
    matched_actors: tuple[str, ...]
    condition: str
    condition_met: bool
    facts_used: Mapping[str, FactValue] = field(default_factory=dict)
    effective_from: date | None = None
    key_date: str | None = None
    in_effect: bool | None = None

    def reason(self, lang: str = "ja") -> str:
        """One sentence saying why the requirement applies or not."""
        ja = lang == "ja"
        if not self.actor_match:
            return (
                "システムでの役割が対象の主体に当たらない"
                if ja
                else "none of the system's roles is addressed"
            )
        who = (
            "、".join(_ROLE_NAMES[a][0] for a in self.matched_actors)
            if ja
            else ", ".join(_ROLE_NAMES[a][1] for a in self.matched_actors)
        )
        facts = ", ".join(f"{k}={_show(v)}" for k, v in self.facts_used.items())
        if self.condition == "true":
            cond = "条件なし" if ja else "no condition"
        elif self.condition_met:
            cond = (
                f"条件 `{self.condition}` を満たす ({facts})"
                if ja
                else (f"condition `{self.condition}` holds ({facts})")
            )
        else:
            cond = (
                f"条件 `{self.condition}` を満たさない ({facts})"
                if ja
                else (f"condition `{self.condition}` does not hold ({facts})")
            )
        text = f"対象: {who}; {cond}" if ja else f"addressed to {who}; {cond}"
        if self.effective_from is not None and self.in_effect is False:
            text += (
                f"; {self.effective_from.isoformat()} から適用"
                if ja
                else f"; applies from {self.effective_from.isoformat()}"
            )
        return text


def _show(value: FactValue) -> str:
    if isinstance(value, frozenset):
        return "{" + ", ".join(sorted(value)) + "}"
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


_ANY = (Actor.ANY.value,)
Plan = list[tuple[str, str, tuple[str, ...], "Condition", bool]]


def build_plan(catalog: Catalog) -> Plan:
    """Per-requirement data that does not depend on the system (computed once per catalog)."""
    plan: Plan = []
    for rid, req in catalog.requirements.items():
        actors = tuple(a.value for a in req.actors)
        plan.append(
            (
                rid,
                req.framework_id,
                _ANY if Actor.ANY.value in actors else actors,
                catalog.condition(rid),
                bool(req.milestone or req.applies_from),
            )
        )
    return plan


def evaluate(
    catalog: Catalog,
    facts: Mapping[str, FactValue],
    *,
    frameworks: Iterable[str] | None = None,
    on: date | None = None,
    timeline: str | None = None,
) -> list[ApplicabilityResult]:
    """Evaluate every requirement of ``catalog`` (or of ``frameworks``) for one system.

    Parameters
    ----------
    catalog : Catalog
    facts : Mapping[str, FactValue]
        The system's facts, from :func:`daicho.domain.system_facts`. The system's roles are read
        from ``facts["roles"]``.
    frameworks : Iterable[str], optional
        Limit to these framework ids.
    on : datetime.date, optional
        Date against which ``in_effect`` is judged.
    timeline : str, optional
        Key-date timeline (e.g. ``current-law`` or ``digital-omnibus``); each framework's
        default when not given.

    Returns
    -------
    list[ApplicabilityResult]
        One per requirement, in catalog order.
    """
    roles = facts.get("roles", frozenset())
    role_set = roles if isinstance(roles, frozenset) else frozenset()
    wanted = set(frameworks) if frameworks is not None else None
    out: list[ApplicabilityResult] = []
    for step in catalog.evaluation_plan:
        rid, fid, actors, cond, dated = step
        if wanted is not None and fid not in wanted:
            continue
        if actors == _ANY:
            matched: tuple[str, ...] = _ANY
        else:
            matched = tuple(a for a in actors if a in role_set)
        met = cond(facts)
        effective, kd_id = catalog.key_date(rid, timeline) if dated else (None, None)
        out.append(
            ApplicabilityResult(
                requirement_id=rid,
                applies=bool(matched) and met,
                actor_match=bool(matched),
                matched_actors=matched,
                condition=cond.expression,
                condition_met=met,
                facts_used={n: facts[n] for n in cond.ordered_names},
                effective_from=effective,
                key_date=kd_id,
                in_effect=None if effective is None or on is None else effective <= on,
            )
        )
    return out
