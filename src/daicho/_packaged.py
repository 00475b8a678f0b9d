"""Reading the assessment data packaged with daicho, once per process."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from daicho.assess import EUQuestionSpec, RiskTemplate, parse_eu_questions, parse_risk_library

__all__ = ["eu_questions", "risk_library"]


def _text(name: str) -> str:
    return (resources.files("daicho.assess") / "data" / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def eu_questions() -> tuple[EUQuestionSpec, ...]:
    """The EU AI Act classification questions."""
    return tuple(parse_eu_questions(_text("eu_questions.yaml")))


@lru_cache(maxsize=1)
def risk_library() -> tuple[RiskTemplate, ...]:
    """The typical risks that seed a new risk register."""
    return tuple(parse_risk_library(_text("risk_library.yaml")))
