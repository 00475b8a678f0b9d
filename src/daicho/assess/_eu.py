"""EU AI Act classification: the tier of a system, why, and the obligations that follow.

The record's answers (``eu_ai_act:``) are the facts. A question the record does not answer is
settled from other facts of the record only where the law makes that certain (a system that
generates nothing cannot produce deep fakes); otherwise it is returned as an open question,
never guessed. Obligations carry the date they apply on the chosen timeline, read from the
catalog's key dates, including the Digital Omnibus changes and their status.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from daicho.catalog import Catalog
from daicho.domain import (
    ANNEX_III,
    ART_5,
    ART_50,
    AISystem,
    BilingualText,
    EUQuestion,
    FactValue,
    eu_high_risk,
    system_facts,
)

from ._questions import EUQuestionSpec

__all__ = ["EUAnswer", "EUClassification", "EUObligation", "EUTier", "classify_eu"]

FRAMEWORK = "eu-ai-act"
_PROVIDER_DUTIES = (
    "art-9",
    "art-10",
    "art-11",
    "art-12",
    "art-13",
    "art-14",
    "art-15",
    "art-17",
    "art-18",
    "art-19",
    "art-72",
    "art-73",
)
_DEPLOYER_DUTIES = ("art-26",)


class EUTier(StrEnum):
    """Tiers of the EU AI Act, most severe first."""

    PROHIBITED = "prohibited"
    HIGH_RISK = "high_risk"
    TRANSPARENCY = "transparency"
    GPAI = "gpai"
    MINIMAL = "minimal"
    UNDETERMINED = "undetermined"
    OUTSIDE_SCOPE = "outside_scope"


@dataclass(frozen=True)
class EUAnswer:
    """A question's answer and where it came from: ``record`` or ``derived`` (with why)."""

    question: EUQuestion
    value: bool
    source: str
    because: str | None = None


@dataclass(frozen=True)
class EUObligation:
    """A duty that follows from the tier, with the date it applies on the chosen timeline."""

    requirement_id: str
    title: BilingualText
    role: str  # provider, deployer or any
    applies_from: date | None
    key_date: str | None
    date_status: str | None
    date_verified: bool | None


@dataclass
class EUClassification:
    """The EU AI Act tier of one system and everything that led there."""

    system: str
    timeline: str
    in_scope: bool
    tier: EUTier
    tiers: list[EUTier] = field(default_factory=list)
    prohibited_points: list[str] = field(default_factory=list)
    high_risk_basis: list[str] = field(default_factory=list)
    art_6_3_exempt: bool = False
    transparency_paragraphs: list[str] = field(default_factory=list)
    gpai_systemic_risk: bool = False
    reasons: list[BilingualText] = field(default_factory=list)
    answers: list[EUAnswer] = field(default_factory=list)
    open_questions: list[EUQuestionSpec] = field(default_factory=list)
    obligations: list[EUObligation] = field(default_factory=list)

    @property
    def provisional(self) -> bool:
        """Whether open questions could still change the tier."""
        return bool(self.open_questions)


def _t(ja: str, en: str) -> BilingualText:
    return BilingualText(ja=ja, en=en)


def _settle(
    specs: list[EUQuestionSpec], system: AISystem, facts: Mapping[str, FactValue]
) -> tuple[dict[EUQuestion, bool], list[EUAnswer], list[EUQuestionSpec]]:
    """Answers from the record, then derivations; the rest are open (relevant ones only)."""
    known: dict[EUQuestion, bool] = {}
    answers: list[EUAnswer] = []
    for spec in specs:
        if spec.id in system.eu_ai_act:
            known[spec.id] = system.eu_ai_act[spec.id]
            answers.append(EUAnswer(spec.id, known[spec.id], "record"))
        elif spec.prefill_yes_if is not None and spec.prefill_yes_if(facts):
            known[spec.id] = True
            answers.append(EUAnswer(spec.id, True, "derived", spec.prefill_yes_if.expression))
        elif spec.prefill_no_if is not None and spec.prefill_no_if(facts):
            known[spec.id] = False
            answers.append(EUAnswer(spec.id, False, "derived", spec.prefill_no_if.expression))
    open_questions = []
    annex_iii_use = any(known.get(q) for q in ANNEX_III)
    for spec in specs:
        if spec.id in known:
            continue
        if spec.group == "art-6-3" and not annex_iii_use:
            continue  # the derogation only matters for an Annex III use
        if spec.id is EUQuestion.ART_6_3 and known.get(EUQuestion.PROFILING):
            continue  # profiling rules the derogation out
        if spec.id is EUQuestion.GPAI_SYSTEMIC and not known.get(EUQuestion.GPAI_MODEL):
            continue
        open_questions.append(spec)
    return known, answers, open_questions


def classify_eu(
    system: AISystem,
    catalog: Catalog,
    questions: list[EUQuestionSpec],
    *,
    timeline: str | None = None,
) -> EUClassification:
    """Classify ``system`` under the EU AI Act.

    Parameters
    ----------
    system
        The record; its ``eu_ai_act`` answers are the facts the tier rests on.
    catalog
        Supplies obligation titles and key dates.
    questions
        The classification questions (``assess/data/eu_questions.yaml``).
    timeline
        ``current-law`` (default) or ``digital-omnibus``.
    """
    framework = catalog.framework(FRAMEWORK)
    chosen = timeline or framework.default_timeline
    known_timelines = {t.id for t in framework.timelines}
    if known_timelines and chosen not in known_timelines:
        from daicho.domain import UserError
        from daicho.i18n import gettext as _

        raise UserError(
            _("unknown timeline {timeline!r}; choose one of: {choices}").format(
                timeline=chosen, choices=", ".join(sorted(known_timelines))
            )
        )
    result = EUClassification(system.slug, chosen, system.eu_nexus.any, EUTier.OUTSIDE_SCOPE)
    if not system.eu_nexus.any:
        result.reasons.append(
            _t(
                "EU 市場への投入も EU での出力利用もないため、EU AI 法の適用範囲外（第2条）。",
                "Not placed on the EU market and its output is not used in the EU, so it is "
                "outside the EU AI Act's scope (Art 2).",
            )
        )
        result.tiers = [EUTier.OUTSIDE_SCOPE]
        return result

    facts = system_facts(system)
    known, result.answers, result.open_questions = _settle(questions, system, facts)
    nexus = []
    if system.eu_nexus.placed_on_eu_market:
        nexus.append("placed_on_eu_market")
    if system.eu_nexus.output_used_in_eu:
        nexus.append("output_used_in_eu")
    result.reasons.append(
        _t(f"EU との関係: {', '.join(nexus)}（第2条）。", f"EU nexus: {', '.join(nexus)} (Art 2).")
    )
    tiers: list[EUTier] = []

    result.prohibited_points = [q.value for q in ART_5 if known.get(q)]
    if result.prohibited_points:
        tiers.append(EUTier.PROHIBITED)
        points = ", ".join(result.prohibited_points)
        result.reasons.append(
            _t(f"禁止行為に該当: {points}（第5条）。", f"Prohibited practice: {points} (Art 5).")
        )

    annex_iii = [q.value for q in ANNEX_III if known.get(q)]
    if known.get(EUQuestion.ANNEX_I):
        result.high_risk_basis.append(EUQuestion.ANNEX_I.value)
        result.reasons.append(
            _t(
                "附属書I の製品（の安全構成要素）（第6条第1項）。",
                "A product, or safety component, under Annex I legislation (Art 6(1)).",
            )
        )
    if annex_iii:
        areas = ", ".join(annex_iii)
        if known.get(EUQuestion.PROFILING):
            result.reasons.append(
                _t(
                    f"附属書III の用途 ({areas})、かつ自然人のプロファイリングを行うため例外なく高リスク（第6条第3項）。",
                    f"Annex III use ({areas}) that profiles natural persons: always high-risk "
                    "(Art 6(3), last subparagraph).",
                )
            )
            result.high_risk_basis.extend(annex_iii)
        elif known.get(EUQuestion.ART_6_3):
            result.art_6_3_exempt = True
            result.reasons.append(
                _t(
                    f"附属書III の用途 ({areas}) だが第6条第3項の例外に当たると記録されている（評価の文書化と登録が必要）。",
                    f"Annex III use ({areas}), recorded as covered by an Art 6(3) derogation "
                    "(document the assessment and register the system, Art 6(4)).",
                )
            )
        else:
            result.high_risk_basis.extend(annex_iii)
            result.reasons.append(
                _t(
                    f"附属書III の用途: {areas}（第6条第2項）。",
                    f"Annex III use: {areas} (Art 6(2)).",
                )
            )
    if eu_high_risk(known):
        tiers.append(EUTier.HIGH_RISK)

    result.transparency_paragraphs = [q.value for q in ART_50 if known.get(q)]
    if result.transparency_paragraphs:
        tiers.append(EUTier.TRANSPARENCY)
        paras = ", ".join(result.transparency_paragraphs)
        result.reasons.append(
            _t(f"透明性義務: {paras}（第50条）。", f"Transparency duties: {paras} (Art 50).")
        )
    if known.get(EUQuestion.GPAI_MODEL):
        tiers.append(EUTier.GPAI)
        result.gpai_systemic_risk = bool(known.get(EUQuestion.GPAI_SYSTEMIC))
        result.reasons.append(
            _t(
                "汎用目的AIモデルの提供者（第53条）"
                + (
                    "、システミックリスクあり（第51条・第55条）。"
                    if result.gpai_systemic_risk
                    else "。"
                ),
                "Provider of a general-purpose AI model (Art 53)"
                + (", with systemic risk (Arts 51, 55)." if result.gpai_systemic_risk else "."),
            )
        )

    if not tiers:
        tiers.append(EUTier.UNDETERMINED if result.open_questions else EUTier.MINIMAL)
        if not result.open_questions:
            result.reasons.append(
                _t(
                    "禁止・高リスク・透明性・汎用目的AIのいずれにも該当しないため最小リスク。",
                    "No prohibited practice, high-risk use, transparency duty or GPAI model: minimal risk.",
                )
            )
    result.tiers = tiers
    result.tier = tiers[0]
    result.obligations = _obligations(result, system, catalog, chosen)
    return result


def _obligations(
    result: EUClassification, system: AISystem, catalog: Catalog, timeline: str
) -> list[EUObligation]:
    framework = catalog.framework(FRAMEWORK)
    roles = {r.value for r in system.roles}
    is_provider = bool(roles & {"developer", "provider"})
    is_deployer = "business_user" in roles
    wanted: list[tuple[str, str, str | None]] = [("art-4", "any", None)]
    wanted += [(point, "any", None) for point in result.prohibited_points]
    if EUTier.HIGH_RISK in result.tiers:
        milestone: str | None = (
            "high-risk-annex-i"
            if result.high_risk_basis == [EUQuestion.ANNEX_I.value]
            else "high-risk-annex-iii"
        )
        if is_provider:
            wanted += [(duty, "provider", milestone) for duty in _PROVIDER_DUTIES]
        if is_deployer:
            wanted += [(duty, "deployer", milestone) for duty in _DEPLOYER_DUTIES]
            if EUQuestion.ANNEX_III_5.value in result.high_risk_basis:
                wanted.append(("art-27", "deployer", milestone))
    wanted += [
        (para, "provider" if para in ("art-50-1", "art-50-2") else "deployer", None)
        for para in result.transparency_paragraphs
    ]
    if EUTier.GPAI in result.tiers:
        wanted.append(("art-53", "provider", None))
        if result.gpai_systemic_risk:
            wanted += [("art-51", "provider", None), ("art-55", "provider", None)]
    obligations = []
    for local, role, milestone in wanted:
        rid = f"{FRAMEWORK}/{local}"
        if rid not in catalog:
            continue
        req = catalog.get(rid)
        key = (
            framework.date_of(milestone or req.milestone or "", timeline)
            if (milestone or req.milestone)
            else None
        )
        obligations.append(
            EUObligation(
                requirement_id=rid,
                title=req.title,
                role=role,
                applies_from=key.date if key else req.applies_from,
                key_date=key.id if key else None,
                date_status=key.status.value if key else None,
                date_verified=key.verified if key else None,
            )
        )
    return obligations
