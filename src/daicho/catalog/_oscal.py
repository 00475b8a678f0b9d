"""OSCAL 1.2 export: a framework as an OSCAL catalog, crosswalks as an OSCAL mapping collection.

Built with compliance-trestle's object model, so what is written validates against it.
Layout of an exported catalog:

- the framework's sections become groups (``Group2``, which holds controls);
- each requirement becomes a control; a requirement with a parent is nested in the parent's
  control; top-level requirements without a section sit directly under the catalog;
- the summary is the control's ``statement`` part; the source citation is a ``guidance`` part
  and a ``reference`` link; actors, condition, force, verified and milestone are properties in
  the ``urn:daicho:oscal`` namespace; the full daicho id is the ``daicho-id`` property.

Control ids are the requirement's local id with ``/`` turned into ``.`` (OSCAL tokens cannot
hold ``/``), prefixed with ``r-`` when they would start with a digit.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, time

from trestle.oscal import OSCAL_VERSION, common
from trestle.oscal import catalog as oscal_catalog
from trestle.oscal import mapping as oscal_mapping

from daicho.domain._catalog import Crosswalk, Framework, Relationship, Requirement

from ._catalog import Catalog

__all__ = [
    "DAICHO_NS",
    "control_id",
    "crosswalks_to_oscal",
    "framework_to_oscal",
    "oscal_json",
]

DAICHO_NS = "urn:daicho:oscal"
_UUID_NS = uuid.UUID("6f1d8c3e-6a51-5b7e-9d0a-4a1c2f3e5d70")
_RELATIONSHIP = {
    Relationship.EQUIVALENT: "equivalent-to",
    Relationship.SUBSET: "subset-of",
    Relationship.SUPERSET: "superset-of",
    Relationship.INTERSECTS: "intersects-with",
}
_BAD = re.compile(r"[^A-Za-z0-9_.\-]")


def control_id(requirement_id: str) -> str:
    """The OSCAL control id of a requirement (its local id as an OSCAL token)."""
    local = requirement_id.split("/", 1)[1].replace("/", ".")
    token = _BAD.sub("-", local)
    return token if re.match(r"[A-Za-z_]", token) else f"r-{token}"


def _uuid(*parts: str) -> str:
    return str(uuid.uuid5(_UUID_NS, "\x1f".join(parts)))


def _stamp(day: date | None) -> datetime:
    return datetime.combine(day or date(2024, 1, 1), time(), tzinfo=UTC)


def _prop(name: str, value: str, *, daicho: bool = True) -> common.Property:
    return common.Property(
        name=name, value=" ".join(value.split()), ns=DAICHO_NS if daicho else None
    )


def _control(
    req: Requirement, children: list[oscal_catalog.Control], lang: str
) -> oscal_catalog.Control:
    cid = control_id(req.id)
    src = req.source
    citation = "; ".join(
        x for x in (src.document, src.version and f"version {src.version}", src.section) if x
    )
    guidance = citation + (f". {src.note.get(lang)}" if src.note else "")
    props = [
        _prop("label", req.local_id, daicho=False),
        _prop("daicho-id", req.id),
        _prop("actors", " ".join(a.value for a in req.actors)),
        _prop("applies-if", req.applies_if),
        _prop("force", req.force.value),
        _prop("verified", "true" if req.verified else "false"),
    ]
    if req.milestone:
        props.append(_prop("milestone", req.milestone))
    if req.applies_from:
        props.append(_prop("applies-from", req.applies_from.isoformat()))
    return oscal_catalog.Control(
        id=cid,
        title=" ".join(req.title.get(lang).split()),
        props=props,
        links=[common.Link(href=src.url, rel="reference", text=citation)],
        parts=[
            common.Part(id=f"{cid}_smt", name="statement", prose=req.summary.get(lang)),
            common.Part(id=f"{cid}_gdn", name="guidance", prose=guidance),
        ],
        controls=children or None,
    )


def framework_to_oscal(
    framework: Framework,
    *,
    lang: str = "en",
    catalog_version: str | None = None,
    last_modified: date | None = None,
) -> oscal_catalog.Catalog:
    """Build an OSCAL catalog for one framework.

    Parameters
    ----------
    framework : Framework
    lang : {"en", "ja"}
        Language of titles and prose.
    catalog_version : str, optional
        The daicho catalog version, recorded as a metadata property and in the UUID.
    last_modified : datetime.date, optional
        Date for ``metadata.last-modified`` (default: the framework's publication date), so that
        the same input always gives the same document.

    Returns
    -------
    trestle.oscal.catalog.Catalog
        Serialise it with :func:`oscal_json`.
    """
    by_parent: dict[str | None, list[Requirement]] = {}
    for req in framework.requirements:
        by_parent.setdefault(req.parent, []).append(req)

    def build(req: Requirement) -> oscal_catalog.Control:
        return _control(req, [build(c) for c in by_parent.get(req.id, [])], lang)

    loose: list[oscal_catalog.Control] = []
    grouped: dict[str, list[oscal_catalog.Control]] = {}
    for root in by_parent.get(None, []):
        if root.section is None:
            loose.append(build(root))
        else:
            grouped.setdefault(root.section, []).append(build(root))
    groups = [
        oscal_catalog.Group2(
            id=f"grp-{s.id}", title=" ".join(s.title.get(lang).split()), controls=grouped[s.id]
        )
        for s in framework.sections
        if grouped.get(s.id)
    ]
    meta_props = [
        _prop("framework-id", framework.id),
        _prop("legal-nature", framework.legal_nature.value),
        _prop("issuer", framework.issuer.get(lang)),
    ]
    if catalog_version:
        meta_props.append(_prop("catalog-version", catalog_version))
    metadata = common.Metadata(
        title=" ".join(framework.title.get(lang).split()),
        published=_stamp(framework.published) if framework.published else None,
        last_modified=_stamp(last_modified or framework.published),
        version=framework.version,
        oscal_version=OSCAL_VERSION,
        props=meta_props,
        links=[
            common.Link(href=s.url, rel="reference", text=s.document) for s in framework.sources
        ],
        remarks=framework.note.get(lang) if framework.note else None,
    )
    return oscal_catalog.Catalog(
        uuid=_uuid("catalog", framework.id, framework.version, catalog_version or ""),
        metadata=metadata,
        controls=loose or None,
        groups=list(groups) or None,
    )


def crosswalks_to_oscal(
    catalog: Catalog,
    crosswalks: Sequence[Crosswalk] | None = None,
    *,
    last_modified: date | None = None,
) -> oscal_mapping.MappingCollection:
    """Build an OSCAL mapping collection from crosswalks (default: all of the catalog's).

    One OSCAL ``mapping`` is made per (source framework, target framework) pair; each of its
    ``maps`` relates two controls with the NIST IR 8477 relationship (``equivalent-to``,
    ``subset-of``, ``superset-of``, ``intersects-with``) and carries the rationale as remarks.
    Resource references point at ``#<uuid>`` of the catalogs :func:`framework_to_oscal` makes.
    """
    walks = list(catalog.crosswalks if crosswalks is None else crosswalks)
    pairs: dict[tuple[str, str], list[oscal_mapping.Map]] = {}
    for cw in walks:
        for m in cw.mappings:
            src_fw, tgt_fw = m.source.split("/", 1)[0], m.target.split("/", 1)[0]
            pairs.setdefault((src_fw, tgt_fw), []).append(
                oscal_mapping.Map(
                    uuid=_uuid("map", cw.id, m.source, m.target),
                    relationship=_RELATIONSHIP[m.relationship],
                    sources=[
                        oscal_mapping.MappingItem(type="control", id_ref=control_id(m.source))
                    ],
                    targets=[
                        oscal_mapping.MappingItem(type="control", id_ref=control_id(m.target))
                    ],
                    remarks=m.rationale.en,
                )
            )

    def ref(fid: str) -> oscal_mapping.MappingResourceReference:
        fw = catalog.framework(fid)
        return oscal_mapping.MappingResourceReference(
            type="catalog",
            href=f"#{_uuid('catalog', fw.id, fw.version, catalog.version)}",
            remarks=fw.id,
        )

    mappings = [
        oscal_mapping.Mapping(
            uuid=_uuid("mapping", s, t),
            source_resource=ref(s),
            target_resource=ref(t),
            maps=maps,
        )
        for (s, t), maps in sorted(pairs.items())
    ]
    stamp = last_modified or (catalog.manifest.released if catalog.manifest else None)
    return oscal_mapping.MappingCollection(
        uuid=_uuid("mapping-collection", catalog.version, *(cw.id for cw in walks)),
        metadata=common.Metadata(
            title="daicho crosswalks " + ", ".join(cw.id for cw in walks),
            last_modified=_stamp(stamp),
            version=catalog.version,
            oscal_version=OSCAL_VERSION,
        ),
        provenance=oscal_mapping.MappingProvenance(
            method="human",
            matching_rationale="semantic",
            status="draft",
            mapping_description=(
                "Requirement-level mappings kept in the daicho catalog, with set-theory "
                "relationships after NIST IR 8477, so that one piece of evidence can answer "
                "several frameworks."
            ),
        ),
        mappings=mappings,
    )


def oscal_json(model: oscal_catalog.Catalog | oscal_mapping.MappingCollection) -> str:
    """Serialise an OSCAL model as pretty JSON with its top-level wrapper key."""
    return model.oscal_serialize_json(pretty=True)
