"""The AI governance policy draft: organisation, principles cited by id, register."""

from __future__ import annotations

import pytest

from daicho.documents import (
    PolicyContext,
    policy_requirements,
    render_policy_html,
    render_policy_markdown,
)

from .conftest import LANGS, assert_self_contained


def test_policy_requirements_from_the_catalog(ledger) -> None:
    principles, governance = policy_requirements(ledger.catalog())
    assert [p.id for p in principles] == [f"meti-aigl/C-{n}" for n in range(1, 11)]
    assert governance[0].id == "meti-aigl/E"
    assert all(g.id.startswith("meti-aigl/E-") for g in governance[1:])


@pytest.mark.parametrize("lang", LANGS)
def test_policy_cites_and_lists(policy_context: PolicyContext, lang: str) -> None:
    md = render_policy_markdown(policy_context, lang)
    html = render_policy_html(policy_context, lang)
    assert_self_contained(html)
    org = policy_context.organisation
    for text in (md, html):
        assert org.name.get(lang) in text
        assert "山田 花子" in text  # the AI executive
        assert org.contact.name.get(lang) in text
        for n in range(1, 11):
            assert f"meti-aigl/C-{n})" in text
        assert "meti-aigl/E-1" in text
        for system in policy_context.systems:
            assert system.slug in text
    assert ("AIガバナンス" if lang == "ja" else "AI governance policy") in md
    assert ("2026年11月25日" if lang == "ja" else "25 November 2026") in md
    assert 'class="editable"' in html
