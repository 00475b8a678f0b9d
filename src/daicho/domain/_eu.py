"""The EU AI Act facts a system record can hold: answers to the classification questions.

The question identifiers follow the Regulation's own structure (Art 5(1)(a)–(h), Annex III
points 1–8, Annex I, Art 6(3), Art 50(1)–(4), the GPAI provisions), and match the local ids of
the ``eu-ai-act`` catalog framework where one exists. The questions' wording is catalog data
(``daicho/assess/data/eu_questions.yaml``), not code.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

__all__ = [
    "ANNEX_III",
    "ART_5",
    "ART_50",
    "EUQuestion",
    "eu_annex_iii_yes",
    "eu_high_risk",
]


class EUQuestion(StrEnum):
    """A yes/no fact that decides the system's tier under the EU AI Act."""

    ART_5_1_A = "art-5-1-a"  # harmful manipulation or deception
    ART_5_1_B = "art-5-1-b"  # exploiting vulnerabilities
    ART_5_1_C = "art-5-1-c"  # social scoring
    ART_5_1_D = "art-5-1-d"  # crime prediction by profiling alone
    ART_5_1_E = "art-5-1-e"  # untargeted scraping of facial images
    ART_5_1_F = "art-5-1-f"  # emotion recognition at work or school
    ART_5_1_G = "art-5-1-g"  # biometric categorisation of sensitive traits
    ART_5_1_H = "art-5-1-h"  # real-time remote biometric identification for law enforcement
    ANNEX_III_1 = "annex-iii-1"  # biometrics
    ANNEX_III_2 = "annex-iii-2"  # critical infrastructure
    ANNEX_III_3 = "annex-iii-3"  # education and vocational training
    ANNEX_III_4 = "annex-iii-4"  # employment and workers management
    ANNEX_III_5 = "annex-iii-5"  # essential private and public services
    ANNEX_III_6 = "annex-iii-6"  # law enforcement
    ANNEX_III_7 = "annex-iii-7"  # migration, asylum, border control
    ANNEX_III_8 = "annex-iii-8"  # administration of justice, democratic processes
    ANNEX_I = "annex-i"  # safety component of a product under Annex I legislation
    ART_6_3 = "art-6-3"  # an Art 6(3) derogation applies
    PROFILING = "profiling"  # profiles natural persons (no Art 6(3) derogation then)
    ART_50_1 = "art-50-1"  # interacts directly with natural persons
    ART_50_2 = "art-50-2"  # generates synthetic audio, image, video or text
    ART_50_3 = "art-50-3"  # emotion recognition or biometric categorisation
    ART_50_4 = "art-50-4"  # deep fakes, or text informing the public on matters of interest
    GPAI_MODEL = "gpai-model"  # the organisation provides a general-purpose AI model
    GPAI_SYSTEMIC = "gpai-systemic-risk"  # that model has systemic risk (Art 51)


ART_5 = tuple(q for q in EUQuestion if q.value.startswith("art-5-1-"))
ANNEX_III = tuple(q for q in EUQuestion if q.value.startswith("annex-iii-"))
ART_50 = tuple(q for q in EUQuestion if q.value.startswith("art-50-"))


def eu_annex_iii_yes(answers: Mapping[EUQuestion, bool]) -> list[EUQuestion]:
    """The Annex III areas the system is used in."""
    return [q for q in ANNEX_III if answers.get(q) is True]


def eu_high_risk(answers: Mapping[EUQuestion, bool]) -> bool:
    """Whether the answers make the system high-risk (Art 6).

    Annex I products are high-risk. An Annex III use is high-risk unless an Art 6(3) derogation
    applies, and a derogation never applies to a system that profiles natural persons.
    """
    if answers.get(EUQuestion.ANNEX_I) is True:
        return True
    if not eu_annex_iii_yes(answers):
        return False
    if answers.get(EUQuestion.PROFILING) is True:
        return True
    return answers.get(EUQuestion.ART_6_3) is not True
