"""The EU AI Act classification questions, parsed from packaged YAML text."""

from __future__ import annotations

from dataclasses import dataclass

from daicho.catalog import Condition, compile_condition
from daicho.domain import BilingualText, EUQuestion, UserError
from daicho.i18n import gettext as _

__all__ = ["EUQuestionSpec", "parse_eu_questions"]


@dataclass(frozen=True)
class EUQuestionSpec:
    """One classification question: its id, group, article and wording."""

    id: EUQuestion
    group: str
    article: str
    text: BilingualText
    prefill_yes_if: Condition | None = None
    prefill_no_if: Condition | None = None


def parse_eu_questions(text: str) -> list[EUQuestionSpec]:
    """Parse ``eu_questions.yaml``; every :class:`EUQuestion` must be there exactly once."""
    from daicho.codec._yaml import load

    data = load(text)
    specs = []
    for raw in data["questions"]:
        specs.append(
            EUQuestionSpec(
                id=EUQuestion(raw["id"]),
                group=raw["group"],
                article=raw["article"],
                text=BilingualText.model_validate(raw["text"]),
                prefill_yes_if=compile_condition(raw["prefill_yes_if"])
                if raw.get("prefill_yes_if")
                else None,
                prefill_no_if=compile_condition(raw["prefill_no_if"])
                if raw.get("prefill_no_if")
                else None,
            )
        )
    ids = [s.id for s in specs]
    if sorted(ids) != sorted(EUQuestion) or len(set(ids)) != len(ids):
        raise UserError(_("eu_questions.yaml must hold every EU question exactly once"))
    return specs
