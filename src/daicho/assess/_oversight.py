"""Whether people must take part in a system's decisions, and whether the record says they do."""

from __future__ import annotations

from dataclasses import dataclass, field

from daicho.domain import AISystem, BilingualText, HumanOversight

from ._eu import EUClassification, EUTier

__all__ = ["OversightFinding", "oversight"]


@dataclass(frozen=True)
class OversightFinding:
    """The expected human involvement against the recorded oversight mode."""

    system: str
    expected: bool
    recorded: HumanOversight
    reasons: list[BilingualText] = field(default_factory=list)

    @property
    def gap(self) -> bool:
        """Human involvement is expected but the record says there is none."""
        return self.expected and self.recorded is HumanOversight.NONE


def oversight(system: AISystem, eu: EUClassification | None = None) -> OversightFinding:
    """Decide whether human involvement is expected for ``system``.

    It is expected when the system makes or supports decisions that significantly affect
    individuals (METI/MIC guidelines, fairness principle C-3-ii on human judgment), or when it is
    high-risk under the EU AI Act (Art 14, human oversight).
    """
    reasons = []
    if system.significant_decisions:
        reasons.append(
            BilingualText(
                ja="個人に重大な影響を与える判断を行う・支援する（AI事業者ガイドライン C-3-ii 人間の判断の介在）",
                en="Makes or supports decisions that significantly affect individuals (METI/MIC "
                "guidelines C-3-ii, human judgment in the loop)",
            )
        )
    if eu is not None and EUTier.HIGH_RISK in eu.tiers:
        reasons.append(
            BilingualText(
                ja="EU AI法の高リスクAIシステム（第14条 人間による監視）",
                en="High-risk under the EU AI Act (Art 14, human oversight)",
            )
        )
    return OversightFinding(system.slug, bool(reasons), system.human_oversight, reasons)
