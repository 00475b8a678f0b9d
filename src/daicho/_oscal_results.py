"""A system's worksheet and evidence as OSCAL assessment results (compliance-trestle models).

Pure: it takes what the ledger gathered and returns trestle objects; nothing is read or written.

Mapping (see ``docs/dossier.md``):

- one ``result`` for the system, whose ``reviewed-controls`` include every worksheet row;
- one ``finding`` per worksheet row, targeting the requirement (``objective-id``
  ``<framework>_<control id>``), with ``status.state`` ``satisfied`` for implemented,
  explained and not-applicable rows and ``not-satisfied`` for partial, planned and open ones;
  the explanation and notes become ``remarks``; the daicho status, requirement id, owner and
  due date are properties in the ``urn:daicho:oscal`` namespace;
- one ``observation`` per evidence file (stored by SHA-256) with a ``relevant-evidence`` link
  to ``evidence/<sha256>.json`` — the path of the file inside a dossier — and findings point
  at the observations of their evidence;
- each evidence file is also a back-matter ``resource`` with its SHA-256 hash.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from trestle.oscal import OSCAL_VERSION, common
from trestle.oscal import assessment_results as ar

from daicho.assess import WorksheetView
from daicho.catalog._oscal import DAICHO_NS, control_id
from daicho.domain import AISystem, ItemStatus

__all__ = ["EvidenceFile", "assessment_results", "objective_id", "oscal_json"]

_UUID_NS = uuid.UUID("0d5c3f7e-9a42-5e1b-8c61-3b7f2a9d4e10")

#: daicho worksheet status → (OSCAL objective state, reason).
STATUS_MAP: dict[str | None, tuple[str, str]] = {
    ItemStatus.IMPLEMENTED.value: ("satisfied", "pass"),
    ItemStatus.EXPLAINED.value: ("satisfied", "other"),
    ItemStatus.NOT_APPLICABLE.value: ("satisfied", "other"),
    ItemStatus.PARTIALLY_IMPLEMENTED.value: ("not-satisfied", "fail"),
    ItemStatus.PLANNED.value: ("not-satisfied", "other"),
    None: ("not-satisfied", "other"),
}


@dataclass(frozen=True)
class EvidenceFile:
    """An evidence file as it appears in a dossier.

    Attributes
    ----------
    sha256
        Its content address.
    path
        Where it lies in the dossier (``evidence/<sha256>.json``).
    title
        What it is (from the worksheet's evidence link, or the test plan's name).
    media_type
        Its media type.
    collected
        When it was stored in the ledger (ISO 8601), if known.
    test
        Whether it is a measured result (a test plan run) rather than a document.
    """

    sha256: str
    path: str
    title: str
    media_type: str
    collected: str | None = None
    test: bool = False


def _uuid(*parts: str) -> str:
    return str(uuid.uuid5(_UUID_NS, "\x1f".join(parts)))


def _prop(name: str, value: str) -> common.Property:
    return common.Property(name=name, value=" ".join(value.split()) or "-", ns=DAICHO_NS)


def objective_id(requirement_id: str) -> str:
    """The OSCAL target id of a requirement: ``<framework>_<control id>``."""
    return f"{requirement_id.split('/', 1)[0]}_{control_id(requirement_id)}"


def _when(text: str | None, default: datetime) -> datetime:
    if not text:
        return default
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return default
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def assessment_results(
    system: AISystem,
    view: WorksheetView,
    evidence: Sequence[EvidenceFile],
    *,
    generated_at: datetime,
    catalog_version: str,
    audit_head: str,
    daicho_version: str,
    lang: str = "en",
) -> ar.AssessmentResults:
    """Build the OSCAL assessment results of one system's worksheet and evidence.

    Parameters
    ----------
    system
        The system assessed.
    view
        Its worksheet laid over what applies (every row becomes a finding).
    evidence
        The evidence files linked from the worksheet, as placed in the dossier.
    generated_at
        The time stamp of the document (``metadata.last-modified``, result start).
    catalog_version, audit_head, daicho_version
        Provenance, recorded as metadata properties.
    lang
        Language of titles (``ja`` or ``en``).

    Returns
    -------
    trestle.oscal.assessment_results.AssessmentResults
        Serialise it with :func:`oscal_json`.
    """
    seed = f"{system.id or system.slug}|{generated_at.isoformat()}"
    by_sha: Mapping[str, EvidenceFile] = {e.sha256: e for e in evidence}
    observations = [
        common.Observation(
            uuid=_uuid(seed, "observation", e.sha256),
            title=e.title,
            description=f"Evidence file {e.path} ({e.media_type}), stored by SHA-256.",
            props=[_prop("sha256", e.sha256)],
            links=[common.Link(href=f"#{_uuid(seed, 'resource', e.sha256)}", rel="evidence")],
            methods=["TEST" if e.test else "EXAMINE"],
            relevant_evidence=[
                common.RelevantEvidence(href=e.path, description=f"{e.title} (sha256 {e.sha256})")
            ],
            collected=_when(e.collected, generated_at),
        )
        for e in evidence
    ]
    findings = []
    for row in view.rows:
        rid = row.requirement.id
        item = row.item
        status = item.status.value if item and item.status else None
        state, reason = STATUS_MAP[status]
        remarks = "\n\n".join(x for x in (item.explanation, item.notes) if x) if item else ""
        props = [_prop("daicho-id", rid), _prop("status", status or "open")]
        if item and item.owner:
            props.append(_prop("owner", item.owner))
        if item and item.due:
            props.append(_prop("due", item.due.isoformat()))
        linked = [
            common.RelatedObservation(observation_uuid=_uuid(seed, "observation", link.sha256))
            for link in (item.evidence if item else [])
            if link.sha256 and link.sha256 in by_sha
        ]
        title = " ".join(row.requirement.title.get(lang).split())
        findings.append(
            common.Finding(
                uuid=_uuid(seed, "finding", rid),
                title=f"{rid}: {title}",
                description=" ".join(row.requirement.summary.get(lang).split()),
                props=props,
                target=common.FindingTarget(
                    type=common.FindingTargetTypeValidValues.objective_id,
                    target_id=objective_id(rid),
                    status=common.ObjectiveStatus(
                        state=common.ObjectiveStatusStateValidValues(state),
                        reason=reason,
                        remarks=remarks or None,
                    ),
                ),
                related_observations=linked or None,
                remarks=remarks or None,
            )
        )
    name = " ".join(system.name.get(lang).split())
    worksheet_resource = _uuid(seed, "worksheet")
    result = ar.Result(
        uuid=_uuid(seed, "result"),
        title=f"{name} — comply-or-explain worksheet",
        description=(
            f"Worksheet of {system.slug}: {view.answered} of {len(view.rows)} applicable "
            "requirements answered."
        ),
        start=generated_at,
        props=[_prop("system", system.slug)],
        links=[common.Link(href=f"#{worksheet_resource}", rel="reference")],
        reviewed_controls=common.ReviewedControls(
            control_selections=[common.ControlSelection(include_all=common.IncludeAll())]
        ),
        observations=observations or None,
        findings=findings or None,
    )
    resources = [
        common.Resource(
            uuid=worksheet_resource,
            title=f"daicho worksheet of {system.slug}",
            description="The comply-or-explain worksheet this assessment reports; daicho keeps "
            "no separate OSCAL assessment plan.",
            rlinks=[common.Rlink(href="records/worksheets/" + f"{system.slug}.yaml")],
        )
    ] + [
        common.Resource(
            uuid=_uuid(seed, "resource", e.sha256),
            title=e.title,
            rlinks=[
                common.Rlink(
                    href=e.path,
                    media_type=e.media_type,
                    hashes=[common.Hash(algorithm="SHA-256", value=e.sha256)],
                )
            ],
        )
        for e in evidence
    ]
    metadata = common.Metadata(
        title=f"Assessment results: {name}",
        last_modified=generated_at,
        version=generated_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        oscal_version=OSCAL_VERSION,
        props=[
            _prop("catalog-version", catalog_version),
            _prop("audit-head", audit_head or "-"),
            _prop("daicho-version", daicho_version),
        ],
    )
    return ar.AssessmentResults(
        uuid=_uuid(seed, "assessment-results"),
        metadata=metadata,
        import_ap=ar.ImportAp(href=f"#{worksheet_resource}"),
        results=[result],
        back_matter=common.BackMatter(resources=resources),
    )


def oscal_json(model: ar.AssessmentResults) -> str:
    """Serialise as pretty JSON with the top-level ``assessment-results`` key."""
    return model.oscal_serialize_json(pretty=True)
