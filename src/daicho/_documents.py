"""The document use cases of :class:`daicho.Ledger`: model card, notice, reports, the dossier.

The renderers in :mod:`daicho.documents` only read context dataclasses; this mixin gathers those
from the ledger (records, history, catalog, evidence, audit chain) and writes the files. The
deployment dossier is written to a temporary folder beside its target and renamed into place at
the end, so a failure never leaves a half-written dossier.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

from daicho.domain import UserError
from daicho.i18n import gettext as _

from ._dossier_verify import MANIFEST, MANIFEST_FORMAT, publish

if TYPE_CHECKING:
    from daicho import assess
    from daicho._evaluations import EvaluationRecord
    from daicho._oscal_results import EvidenceFile
    from daicho._vendors import VendorChecklistView
    from daicho.catalog import Catalog
    from daicho.documents import SystemContext, SystemDossierContext
    from daicho.domain import AISystem, Organisation, Risk, Vendor, Worksheet
    from daicho.ledger import AuditVerification, Revision
    from daicho.store import Store

__all__ = ["DocumentUseCases", "DossierReport", "dossier_time"]

Progress = Callable[[str, int, int], None]
LANGS = ("ja", "en")
_EXTENSIONS = {
    "application/json": "json",
    "text/csv": "csv",
    "text/plain": "txt",
    "text/markdown": "md",
    "application/pdf": "pdf",
    "application/zip": "zip",
    "application/x-yaml": "yaml",
}


@dataclass
class DossierReport:
    """What :meth:`DocumentUseCases.build_dossier` wrote.

    Attributes
    ----------
    system
        The system's slug.
    folder, zip_path
        The dossier folder and its ZIP.
    files
        ``(path, size, sha256)`` of every file but the manifest, sorted by path.
    manifest
        The manifest as written.
    """

    system: str
    folder: Path
    zip_path: Path
    files: list[tuple[str, int, str]] = field(default_factory=list)
    manifest: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "system": self.system,
            "folder": str(self.folder),
            "zip": str(self.zip_path),
            "files": [{"path": p, "size": s, "sha256": h} for p, s, h in self.files],
            "audit": self.manifest.get("audit"),
        }


def dossier_time(now: datetime | None = None) -> datetime:
    """The time stamp of a document: ``now``, else ``SOURCE_DATE_EPOCH``, else the clock (UTC)."""
    if now is not None:
        return now if now.tzinfo else now.replace(tzinfo=UTC)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).replace(microsecond=0)


def _extension(media_type: str) -> str:
    base = media_type.split(";", 1)[0].strip().lower()
    if base.endswith("+json"):
        return "json"
    return _EXTENSIONS.get(base, "bin")


def _page(snippet: str, title: str, lang: str) -> str:
    """Wrap an HTML snippet in a minimal UTF-8 document, so a browser opens it correctly."""
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">\n"
        f"<title>{html.escape(title)}</title>\n</head>\n<body>\n{snippet}\n</body>\n</html>\n"
    )


class DocumentUseCases:
    """Documents from the ledger: model card, notice, portfolio, policy, dossier, OSCAL."""

    _store: Store
    home: Any

    if TYPE_CHECKING:

        def catalog(self) -> Catalog: ...
        def system(self, slug: str) -> AISystem: ...
        def systems(self, *, include_retired: bool = True) -> list[AISystem]: ...
        def organisation(self) -> Organisation | None: ...
        def history(self, slug: str) -> list[Revision]: ...
        def applicability(self, slug: str) -> assess.SystemApplicability: ...
        def worksheet(self, slug: str) -> Worksheet: ...
        def worksheet_view(self, slug: str) -> assess.WorksheetView: ...
        def risks(self, slug: str | None = None) -> list[Risk]: ...
        def classify_eu(self, slug: str) -> assess.EUClassification: ...
        def oversight(self, slug: str) -> assess.OversightFinding: ...
        def gaps(self) -> list[assess.SystemGaps]: ...
        def evaluations(self, slug: str) -> list[EvaluationRecord]: ...
        def evidence(self, sha256: str) -> bytes: ...
        def vendors(self, system: str | None = None) -> list[Vendor]: ...
        def vendor_checklist(self, slug: str) -> VendorChecklistView: ...
        def verify_audit(self) -> AuditVerification: ...

    # --- contexts ------------------------------------------------------------------------------

    def _evaluation_summaries(self, slug: str) -> list[Any]:
        from daicho._evaluations import EVALUATION_MEDIA_TYPE
        from daicho.documents import EvaluationSummary

        found = []
        for record in self.evaluations(slug):
            payload: dict[str, Any] = {}
            if record.media_type == EVALUATION_MEDIA_TYPE:
                payload = json.loads(self.evidence(record.sha256))
            found.append(
                EvaluationSummary(
                    sha256=record.sha256,
                    created_at=record.created_at,
                    status=record.status,
                    payload=payload,
                )
            )
        return found

    def document_context(self, slug: str, *, now: datetime | None = None) -> SystemContext:
        """What the model card and the notice of ``slug`` are made from."""
        from daicho.documents import SystemContext

        return SystemContext(
            organisation=self.organisation(),
            system=self.system(slug),
            risks=self.risks(slug),
            oversight=self.oversight(slug),
            evaluations=self._evaluation_summaries(slug),
            generated_at=dossier_time(now),
            eu=self.classify_eu(slug),
        )

    def dossier_context(
        self,
        slug: str,
        *,
        now: datetime | None = None,
        audit: AuditVerification | None = None,
    ) -> SystemDossierContext:
        """Everything the dossier of ``slug`` shows, gathered from the ledger."""
        from daicho import assess
        from daicho._version import __version__
        from daicho.documents import (
            RevisionSummary,
            SystemDossierContext,
            VendorChecklistItem,
            VendorChecklistView,
        )

        base = self.document_context(slug, now=now)
        audit = audit or self.verify_audit()
        vendors = []
        for vendor in self.vendors(slug):
            view = self.vendor_checklist(vendor.slug)
            names = dict.fromkeys(x for x in (vendor.name.ja, vendor.name.en) if x)
            vendors.append(
                VendorChecklistView(
                    vendor=vendor.slug,
                    name=" / ".join(names),
                    contract_type=vendor.contract_type.value,
                    items=[
                        VendorChecklistItem(
                            requirement=row.topic,
                            title=row.title,
                            status=cast(Literal["covered"], row.status),  # "open" too
                            notes=row.notes,
                        )
                        for row in view.rows
                    ],
                )
            )
        return SystemDossierContext(
            organisation=base.organisation,
            system=base.system,
            risks=base.risks,
            oversight=base.oversight,
            evaluations=base.evaluations,
            generated_at=base.generated_at,
            eu=base.eu,
            revisions=[
                RevisionSummary(r.number, r.author, r.at, r.reason, r.changes)
                for r in self.history(slug)
            ],
            applicability=self.applicability(slug),
            worksheet=self.worksheet_view(slug),
            vendors=vendors,
            catalog_version=assess.catalog_fingerprint(self.catalog()),
            audit_head=f"{audit.entries}:{audit.head_hash}",
            daicho_version=__version__,
        )

    # --- single documents ----------------------------------------------------------------------

    def model_card(
        self, slug: str, *, lang: str = "ja", fmt: str = "markdown", model: str | None = None
    ) -> str:
        """The model card of ``slug`` (of one of its models, default the first) as Markdown with
        Hugging Face front matter, or as HTML."""
        from daicho import documents

        ctx = self.document_context(slug)
        names = [m.name for m in ctx.system.models]
        if model is not None and model not in names:
            known = ", ".join(names) or _("none recorded")
            raise UserError(
                _("system {slug!r} has no model {model!r}; its models: {known}").format(
                    slug=slug, model=model, known=known
                )
            )
        if fmt == "html":
            return documents.render_model_card_html(ctx, lang, model)
        if fmt != "markdown":
            raise UserError(
                _("model card format {format!r}: choose markdown or html").format(format=fmt)
            )
        return documents.render_model_card_markdown(ctx, lang, model)

    def notice(self, slug: str, *, lang: str = "ja", fmt: str = "html") -> str:
        """The notice to users of ``slug``, as an HTML page or plain text."""
        from daicho import documents

        ctx = self.document_context(slug)
        if fmt == "text":
            return documents.render_notice_text(ctx, lang)
        if fmt != "html":
            raise UserError(_("notice format {format!r}: choose html or text").format(format=fmt))
        title = f"{ctx.system.name.get(lang)}"
        return _page(documents.render_notice_html(ctx, lang), title, lang)

    def oscal_assessment_results(self, slug: str, *, now: datetime | None = None) -> str:
        """The worksheet and evidence of ``slug`` as OSCAL assessment-results JSON."""
        from daicho import assess
        from daicho._oscal_results import assessment_results, oscal_json
        from daicho._version import __version__

        audit = self.verify_audit()
        model = assessment_results(
            self.system(slug),
            self.worksheet_view(slug),
            self._evidence_files(slug),
            generated_at=dossier_time(now),
            catalog_version=assess.catalog_fingerprint(self.catalog()),
            audit_head=f"{audit.entries}:{audit.head_hash}",
            daicho_version=__version__,
        )
        return oscal_json(model)

    def _evidence_files(self, slug: str) -> list[EvidenceFile]:
        """Every evidence file the worksheet of ``slug`` links to, as placed in a dossier."""
        from daicho._evaluations import EVALUATION_MEDIA_TYPE
        from daicho._oscal_results import EvidenceFile

        titles: dict[str, str] = {}
        for item in self.worksheet(slug).items:
            for link in item.evidence:
                if link.sha256:
                    titles.setdefault(link.sha256, link.title)
        info = {i.sha256: i for i in self._store.evidence_list()}
        files = []
        for sha in sorted(titles):
            stored = info.get(sha)
            if stored is None:
                raise UserError(
                    _(
                        "the worksheet of {slug!r} links evidence {sha}…, which is not in the "
                        "ledger (run `daicho audit verify`)"
                    ).format(slug=slug, sha=sha[:12])
                )
            files.append(
                EvidenceFile(
                    sha256=sha,
                    path=f"evidence/{sha}.{_extension(stored.media_type)}",
                    title=titles[sha],
                    media_type=stored.media_type,
                    collected=stored.created_at,
                    test=stored.media_type == EVALUATION_MEDIA_TYPE,
                )
            )
        return files

    # --- reports -------------------------------------------------------------------------------

    def portfolio_report(
        self, out_dir: str | os.PathLike[str], *, pdf: bool = False, now: datetime | None = None
    ) -> list[Path]:
        """Write the management report over every active system (HTML ja/en, optional PDF)."""
        from daicho import documents

        active = [s.slug for s in self.systems(include_retired=False)]
        ctx = documents.PortfolioContext(
            organisation=self.organisation(),
            generated_at=dossier_time(now),
            systems=self.gaps(),
            risks=[r for r in self.risks() if r.system in active],
            eu={slug: self.classify_eu(slug) for slug in active},
        )
        out: dict[str, bytes] = {}
        for lang in LANGS:
            page = documents.render_portfolio_html(ctx, lang)
            out[f"portfolio.{lang}.html"] = page.encode("utf-8")
            if pdf:
                out[f"portfolio.{lang}.pdf"] = documents.html_to_pdf(page)
        return _write_files(Path(out_dir), out)

    def governance_policy(
        self, out_dir: str | os.PathLike[str], *, now: datetime | None = None
    ) -> list[Path]:
        """Write a draft AI governance policy (Markdown and HTML, ja and en)."""
        from daicho import documents

        catalog = self.catalog()
        principles, governance = documents.policy_requirements(catalog)
        ctx = documents.PolicyContext(
            organisation=self.organisation(),
            systems=self.systems(include_retired=False),
            principles=principles,
            governance=governance,
            catalog_version=catalog.version,
            generated_at=dossier_time(now),
        )
        out: dict[str, bytes] = {}
        for lang in LANGS:
            out[f"policy.{lang}.md"] = documents.render_policy_markdown(ctx, lang).encode("utf-8")
            out[f"policy.{lang}.html"] = documents.render_policy_html(ctx, lang).encode("utf-8")
        return _write_files(Path(out_dir), out)

    # --- the deployment dossier ----------------------------------------------------------------

    def build_dossier(
        self,
        slug: str,
        out_dir: str | os.PathLike[str],
        *,
        pdf: bool = False,
        progress: Progress | None = None,
        now: datetime | None = None,
    ) -> DossierReport:
        """Write the deployment dossier of ``slug``: a folder ``<slug>-dossier`` and its ZIP.

        The folder holds ``index.html`` (ja) and ``index.en.html``, the model card, the notice,
        the OSCAL assessment results, every evidence file the worksheet links, the records as
        YAML, ``dossier.pdf`` when ``pdf`` is set, and ``manifest.json`` with the SHA-256 of
        every other file, the daicho and catalog versions and the audit-chain head.

        Parameters
        ----------
        slug
            The system.
        out_dir
            Where ``<slug>-dossier/`` and ``<slug>-dossier.zip`` are written (replacing them).
        pdf
            Also render the index pages to ``dossier.pdf`` (WeasyPrint).
        progress
            Optional ``progress(stage, done, total)`` callback.
        now
            The time stamp to print (default: ``SOURCE_DATE_EPOCH`` or the clock).

        Raises
        ------
        UserError
            An unknown system, evidence missing from the ledger, or an unwritable ``out_dir``.
        """
        from daicho import codec, documents
        from daicho._oscal_results import assessment_results, oscal_json

        def step(stage: str, done: int, total: int) -> None:
            if progress:
                progress(stage, done, total)

        system = self.system(slug)
        audit = self.verify_audit()
        ctx = self.dossier_context(slug, now=now, audit=audit)
        evidence = self._evidence_files(slug)
        files: dict[str, bytes] = {}
        for i, ev in enumerate(evidence, start=1):
            files[ev.path] = self.evidence(ev.sha256)
            step("evidence", i, len(evidence))
        records: list[tuple[str, Any]] = [("system", system), ("worksheet", self.worksheet(slug))]
        records += [("risk", r) for r in ctx.risks]
        records += [("vendor", v) for v in self.vendors(slug)]
        for kind, record in records:
            spec = codec.RECORD_KINDS[kind]
            path = "records/" + spec.path(spec.key(record))
            files[path] = codec.dump_record(kind, record).encode("utf-8")
        docs = [(f"{kind}.{lang}.{ext}", lang) for lang in LANGS for kind, ext in _DOCS]
        for i, (name, lang) in enumerate(docs, start=1):
            files[name] = _render(name, ctx, lang).encode("utf-8")
            step("documents", i, len(docs))
        files["oscal-assessment-results.json"] = oscal_json(
            assessment_results(
                system,
                ctx.worksheet,
                evidence,
                generated_at=ctx.generated_at,
                catalog_version=ctx.catalog_version,
                audit_head=ctx.audit_head,
                daicho_version=ctx.daicho_version,
            )
        ).encode("utf-8")
        listed = sorted((n, len(b), hashlib.sha256(b).hexdigest()) for n, b in files.items())
        for i, lang in enumerate(LANGS, start=1):
            page = documents.render_dossier_index(ctx, lang, listed)
            files[documents.INDEX_FILES[lang]] = page.encode("utf-8")
            step("index", i, len(LANGS))
        if pdf:
            step("pdf", 0, 1)
            files["dossier.pdf"] = documents.render_dossier_pdf(ctx, LANGS, listed)
            step("pdf", 1, 1)
        entries = sorted((n, len(b), hashlib.sha256(b).hexdigest()) for n, b in files.items())
        manifest = _manifest(system, ctx, audit, entries)
        files[MANIFEST] = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode()
        folder, archive = publish(Path(out_dir), f"{slug}-dossier", files, step)
        return DossierReport(slug, folder, archive, entries, manifest)


_DOCS = (
    ("model-card", "md"),
    ("model-card", "html"),
    ("notice", "html"),
    ("notice", "txt"),
)


def _render(name: str, ctx: SystemDossierContext, lang: str) -> str:
    from daicho import documents

    if name.startswith("model-card.") and name.endswith(".md"):
        return documents.render_model_card_markdown(ctx, lang)
    if name.startswith("model-card."):
        return documents.render_model_card_html(ctx, lang)
    if name.endswith(".html"):
        return _page(documents.render_notice_html(ctx, lang), ctx.system.name.get(lang), lang)
    return documents.render_notice_text(ctx, lang)


def _manifest(
    system: AISystem,
    ctx: SystemDossierContext,
    audit: AuditVerification,
    entries: list[tuple[str, int, str]],
) -> dict[str, Any]:
    version, _sep, fingerprint = ctx.catalog_version.partition("#")
    return {
        "format": MANIFEST_FORMAT,
        "system": {"slug": system.slug, "id": str(system.id) if system.id else None},
        "generated_at": ctx.generated_at.isoformat(),
        "daicho_version": ctx.daicho_version,
        "catalog": {"version": version, "fingerprint": fingerprint or None},
        "audit": {"entries": audit.entries, "head_hash": audit.head_hash, "intact": audit.ok},
        "files": [{"path": p, "size": s, "sha256": h} for p, s, h in entries],
    }


def _write_files(folder: Path, files: dict[str, bytes]) -> list[Path]:
    written = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in sorted(files.items()):
            target = folder / name
            tmp = target.with_name(f".{target.name}.tmp")
            tmp.write_bytes(content)
            tmp.replace(target)
            written.append(target)
    except OSError as exc:
        raise UserError(
            _("cannot write to {path}: {reason}").format(path=folder, reason=exc.strerror or exc)
        ) from None
    return written
