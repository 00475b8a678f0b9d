"""The deployment dossier's index page: one self-contained HTML file per language."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from daicho.i18n import translator

from ._charts import heat_map_svg
from ._context import DossierFile, SystemDossierContext
from ._env import environment, stylesheet
from ._model_card import model_card_data
from ._notice import notice_markup
from ._pdf import htmls_to_pdf

__all__ = ["INDEX_FILES", "render_dossier_index", "render_dossier_pdf"]

#: The index page's file name per language; each page links to the other.
INDEX_FILES = {"ja": "index.html", "en": "index.en.html"}
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//|^/|\\|(^|/)\.\.(/|$)")


@dataclass(frozen=True)
class _FileRow:
    name: str
    size: int
    sha256: str

    @property
    def linkable(self) -> bool:
        """Only plain relative paths inside the folder become links."""
        return not _SCHEME.search(self.name)


def _files(files: Iterable[DossierFile | tuple[str, int, str]]) -> list[_FileRow]:
    rows = []
    for f in files:
        if isinstance(f, DossierFile):
            rows.append(_FileRow(f.name, f.size, f.sha256))
        else:
            name, size, sha = f
            rows.append(_FileRow(str(name), int(size), str(sha)))
    return rows


def _frameworks(ctx: SystemDossierContext) -> list[tuple[str, tuple[int, int, int]]]:
    counts: dict[str, list[int]] = {}
    for i, results in enumerate(
        (ctx.applicability.applies, ctx.applicability.rows, ctx.applicability.not_applicable)
    ):
        for r in results:
            fw = r.requirement_id.split("/", 1)[0]
            counts.setdefault(fw, [0, 0, 0])[i] += 1
    return [(fw, (c[0], c[1], c[2])) for fw, c in sorted(counts.items())]


def render_dossier_index(
    ctx: SystemDossierContext,
    lang: str,
    files: Sequence[DossierFile | tuple[str, int, str]] = (),
) -> str:
    """The dossier's ``index.html`` (ja) or ``index.en.html`` (en).

    A self-contained page: inline CSS, inline SVG charts (5×5 risk heat map, per-group bar
    charts), no scripts and nothing fetched from the network (a Content-Security-Policy meta
    element forbids it). It links only to the other language's index page and to the listed
    files, by relative path.

    Parameters
    ----------
    ctx
        Everything about the system, gathered by the ledger.
    lang
        ``ja`` or ``en``.
    files
        The dossier's files, as :class:`DossierFile` or ``(name, size, sha256)``.

    Returns
    -------
    str
        The HTML document.
    """
    _ = translator(lang).gettext
    env = environment(lang, "html")
    data = model_card_data(ctx, lang)
    has_residual = any(r.residual_level is not None for r in ctx.risks)
    toc = [
        ("profile", _("System profile")),
        ("applicability", _("Applicability")),
        ("worksheet", _("Comply-or-explain worksheet")),
        ("risks", _("Risk register")),
        ("eu", _("EU AI Act classification")),
        ("oversight", _("Human oversight")),
        ("evaluation", _("Evaluation results")),
        ("model-card", _("Model card")),
        ("notice", _("Notice to users")),
        ("vendors", _("Vendor checklists")),
        ("files", _("Files in this dossier")),
    ]
    return env.get_template("dossier.html").render(
        style=stylesheet(),
        toc=toc,
        revisions=ctx.revisions,
        applicability=ctx.applicability,
        frameworks=_frameworks(ctx),
        worksheet=ctx.worksheet,
        risks=sorted(ctx.risks, key=lambda r: (-r.inherent_score, r.id)),
        heat_map=heat_map_svg(ctx.risks, _),
        residual_heat_map=heat_map_svg(ctx.risks, _, residual=True) if has_residual else None,
        evaluations=sorted(ctx.evaluations, key=lambda e: str(e.created_at or ""), reverse=True),
        notice=notice_markup(ctx, lang, heading_level=3),
        vendors=ctx.vendors,
        files=_files(files),
        catalog_version=ctx.catalog_version,
        audit_head=ctx.audit_head,
        daicho_version=ctx.daicho_version,
        **data,
    )


def render_dossier_pdf(
    ctx: SystemDossierContext,
    langs: Sequence[str] = ("ja",),
    files: Sequence[DossierFile | tuple[str, int, str]] = (),
) -> bytes:
    """The dossier as PDF: the index page in each language of ``langs``, in that order."""
    return htmls_to_pdf([render_dossier_index(ctx, lang, files) for lang in langs])
