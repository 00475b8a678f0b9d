"""Model cards: Hugging Face metadata, sections, escaping."""

from __future__ import annotations

import dataclasses

import pytest
import yaml

from daicho.documents import (
    SystemDossierContext,
    render_model_card_html,
    render_model_card_markdown,
)
from daicho.i18n import translator

from .conftest import EVIL, LANGS, assert_self_contained


def _front_matter(text: str) -> dict:
    assert text.startswith("---\n")
    head, _, _ = text[4:].partition("\n---\n")
    return yaml.safe_load(head)


@pytest.mark.parametrize("lang", LANGS)
def test_hugging_face_metadata(context: SystemDossierContext, lang: str) -> None:
    meta = _front_matter(render_model_card_markdown(context, lang))
    assert meta["language"] == ["ja", "en"]
    assert "license" not in meta  # no license:<id> tag on the example system
    assert "credit" in meta["tags"]
    index = meta["model-index"][0]
    assert index["name"] == "loan-screening-gbm"
    result = index["results"][0]
    assert result["task"]["type"] == "tabular-classification"
    assert result["dataset"]["type"].startswith("sha256:")
    metrics = {(m["type"], m["name"]): m["value"] for m in result["metrics"]}
    assert all({"type", "value", "name"} <= m.keys() for m in result["metrics"])
    assert metrics[("accuracy", translator(lang).gettext("Accuracy"))] == 0.77
    assert any(t == "demographic_parity_ratio" for t, _ in metrics)


def test_license_from_a_tag(context: SystemDossierContext) -> None:
    system = context.system.model_copy(update={"tags": ["license:apache-2.0", "credit"]})
    meta = _front_matter(
        render_model_card_markdown(dataclasses.replace(context, system=system), "en")
    )
    assert meta["license"] == "apache-2.0"
    assert "license:apache-2.0" not in meta["tags"]


def test_without_evaluation_the_index_has_no_results(context: SystemDossierContext) -> None:
    bare = dataclasses.replace(context, evaluations=[])
    meta = _front_matter(render_model_card_markdown(bare, "en"))
    assert meta["model-index"][0]["results"] == []
    assert "No evaluation evidence has been recorded yet." in render_model_card_html(bare, "en")


SECTIONS = (
    "Model card",
    "Intended use",
    "Out-of-scope uses",
    "Data",
    "Evaluation",
    "Limitations",
    "Human oversight",
    "Risk summary",
    "Contact and feedback",
)


@pytest.mark.parametrize("lang", LANGS)
def test_sections(context: SystemDossierContext, lang: str) -> None:
    md = render_model_card_markdown(context, lang)
    html = render_model_card_html(context, lang)
    gettext = translator(lang).gettext
    assert ("モデルカード" if lang == "ja" else "Model card") in md
    for heading in SECTIONS:
        assert f"## {gettext(heading)}" in md or f"# {gettext(heading)}" in md
        assert gettext(heading) in html
    assert "2026年11月25日" in md if lang == "ja" else "25 November 2026" in md
    assert (
        "ai-desk@sakura-financial.example.jp" in md
        and "ai-desk@sakura-financial.example.jp" in html
    )
    # per-group fairness: tables and the inline SVG charts
    assert "sex=female" in md and 'data-grouping="sex"' in html
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="bars"') >= 4
    # a failed check is listed as a limitation
    assert "parity-sex" in html.split('id="mc-limitations"')[1].split('id="mc-oversight"')[0]


def test_unknown_model_is_an_error(context: SystemDossierContext) -> None:
    with pytest.raises(ValueError, match="no model 'nope'"):
        render_model_card_html(context, "en", model="nope")


@pytest.mark.parametrize("lang", LANGS)
def test_script_name_is_escaped(evil_context: SystemDossierContext, lang: str) -> None:
    html = render_model_card_html(evil_context, lang)
    assert EVIL not in html and "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert_self_contained(html)
    md = render_model_card_markdown(evil_context, lang)
    assert "<script" not in md and "</script" not in md
    assert "&lt;script&gt;" in md
