"""The regulatory catalog as data: frameworks, their requirements, key dates and crosswalks.

These models describe what a catalog YAML file may hold. They check everything that can be
checked inside one file (id prefixes, parents within the framework, verified-or-explained,
timelines that exist). Checks that need the whole catalog — crosswalk targets, and whether an
applicability condition names real facts — live in :mod:`daicho.catalog`, which owns the
condition language; the domain layer does not depend on it.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field, model_validator

from daicho.i18n import gettext as _

from ._base import BilingualText, LocalizedText, Record, raise_rule_errors

__all__ = [
    "FRAMEWORK_ID_PATTERN",
    "REQUIREMENT_ID_PATTERN",
    "Actor",
    "CatalogEvent",
    "CatalogManifest",
    "Citation",
    "Crosswalk",
    "DateStatus",
    "Deadline",
    "EvidenceKind",
    "Force",
    "Framework",
    "KeyDate",
    "LegalNature",
    "Mapping",
    "Rationale",
    "Relationship",
    "Requirement",
    "Section",
    "Timeline",
    "Trigger",
]

FRAMEWORK_ID_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$"
#: ``<framework id>/<local id>``; the local part may hold letters, digits, ``-``, ``.``, ``_`` and
#: ``/`` (e.g. ``meti-ai-contracts/use/input-identification``).
REQUIREMENT_ID_PATTERN = (
    r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?/[A-Za-z0-9](?:[A-Za-z0-9._/-]*[A-Za-z0-9])?$"
)
_LOCAL_TOKEN = r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$"

FrameworkId = Annotated[str, Field(pattern=FRAMEWORK_ID_PATTERN)]
RequirementId = Annotated[str, Field(pattern=REQUIREMENT_ID_PATTERN)]
Token = Annotated[str, Field(pattern=_LOCAL_TOKEN)]


class LegalNature(StrEnum):
    """How binding a framework is."""

    BINDING_LAW = "binding_law"  # 法令
    SOFT_LAW = "soft_law"  # ガイドライン・指針
    VOLUNTARY_CODE = "voluntary_code"  # 自主的な行動規範
    STANDARD = "standard"  # 規格
    INTERNAL_POLICY = "internal_policy"  # 社内規程 (custom frameworks)


class Actor(StrEnum):
    """Whom a requirement addresses, in the METI/MIC guideline's actor terms."""

    DEVELOPER = "developer"  # AI開発者
    PROVIDER = "provider"  # AI提供者
    BUSINESS_USER = "business_user"  # AI利用者
    ANY = "any"  # every actor


class Force(StrEnum):
    """How strongly a requirement binds its addressees."""

    MANDATORY = "mandatory"  # a legal duty (may carry a sanction)
    ENDEAVOUR = "endeavour"  # 努力義務 / 協力: a duty to endeavour or cooperate, no sanction
    RECOMMENDED = "recommended"  # guideline or code: expected, comply-or-explain in practice
    INFORMATIVE = "informative"  # a definition, structure or context; nothing to do by itself


class EvidenceKind(StrEnum):
    """Kinds of evidence that can show a requirement is met."""

    POLICY = "policy"
    PROCEDURE = "procedure"
    ROLES = "roles"  # named responsible people, RACI
    RISK_ASSESSMENT = "risk_assessment"
    IMPACT_ASSESSMENT = "impact_assessment"
    TEST_REPORT = "test_report"  # evaluation, fairness, robustness, red-team results
    TECHNICAL_DOCUMENTATION = "technical_documentation"
    MODEL_CARD = "model_card"
    DATA_INVENTORY = "data_inventory"
    LOG = "log"
    MONITORING = "monitoring"
    NOTICE = "notice"  # user-facing notices, transparency statements
    CONTRACT = "contract"
    TRAINING_RECORD = "training_record"
    INCIDENT_REPORT = "incident_report"
    AUDIT_REPORT = "audit_report"
    CONSENT_RECORD = "consent_record"
    REGISTRATION = "registration"  # permits, approvals, certificates
    ATTESTATION = "attestation"  # a signed statement
    REPORT = "report"  # a transparency or public report


class Relationship(StrEnum):
    """How a crosswalk's source relates to its target (set theory, after NIST IR 8477)."""

    EQUIVALENT = "equivalent"
    SUBSET = "subset"  # the source asks for less than, and is covered by, the target
    SUPERSET = "superset"  # the source asks for more than, and covers, the target
    INTERSECTS = "intersects"

    def inverse(self) -> Relationship:
        """The relationship seen from the target's side."""
        swap = {
            Relationship.SUBSET: Relationship.SUPERSET,
            Relationship.SUPERSET: Relationship.SUBSET,
        }
        return swap.get(self, self)


class DateStatus(StrEnum):
    """Legal status of a key date: how sure it is that the date will hold."""

    IN_LAW = "in_law"  # in a published legal text
    DECIDED = "decided"  # decided by a government body (cabinet, HQ), or published guidance
    PROPOSAL = "proposal"  # proposed, not adopted
    ADOPTED_BY_PARLIAMENT = "adopted_by_parliament"
    ADOPTED_PENDING_PUBLICATION = "adopted_pending_publication"  # adopted, publication unconfirmed
    UNCONFIRMED = "unconfirmed"  # reported, not found in a source


class Citation(Record):
    """Where a requirement or framework comes from."""

    document: str = Field(min_length=1, description="Document title, as published")
    version: str | None = Field(default=None, description="Version or edition, e.g. 1.1")
    section: str | None = Field(default=None, description="Article, section or item, e.g. Art 26")
    url: str = Field(pattern=r"^https?://\S+$", description="Where the document can be read")
    note: LocalizedText | None = Field(
        default=None,
        description="Source note: how sure the text is, conflicts between sources, choices made",
    )


class Trigger(Record):
    """One condition that starts a duty (e.g. one of APPI's four breach-report triggers)."""

    id: Token
    title: BilingualText
    min_individuals: int | None = Field(
        default=None, ge=1, description="Number of people above which the trigger fires"
    )


class Deadline(Record):
    """A statutory or guidance deadline, as data for the incident and operations modules."""

    id: Token
    label: BilingualText = Field(description="What must be done, and in which case")
    days: int = Field(ge=0, description="Outer limit in calendar days")
    days_min: int | None = Field(
        default=None, ge=0, description="Lower end when the source gives a range (3–5 days)"
    )
    approximate: bool = Field(default=False, description="The source gives guidance, not a limit")
    starts: BilingualText = Field(description="The event the days are counted from")
    triggers: list[Token] = Field(
        default_factory=list, description="Trigger ids this deadline is limited to; empty = all"
    )

    @model_validator(mode="after")
    def _range(self) -> Deadline:
        if self.days_min is not None and self.days_min > self.days:
            raise ValueError(_("days_min must not exceed days"))
        return self


class Requirement(Record):
    """One requirement (or principle, article, control) of a framework."""

    id: RequirementId = Field(description="`<framework>/<local id>`, stable across versions")
    title: BilingualText
    summary: BilingualText = Field(description="What it asks, in the catalog's own words")
    parent: RequirementId | None = Field(default=None, description="Parent in the same framework")
    section: Token | None = Field(default=None, description="Section id of the framework")
    actors: list[Actor] = Field(default_factory=lambda: [Actor.ANY], min_length=1)
    applies_if: str = Field(
        default="true",
        min_length=1,
        description="Applicability condition over the system's facts, e.g. `generative`",
    )
    force: Force = Force.RECOMMENDED
    penalty: BilingualText | None = Field(default=None, description="Sanction, if any")
    evidence: list[EvidenceKind] = Field(default_factory=list)
    source: Citation
    verified: bool = Field(description="Whether the content was confirmed in a source")
    milestone: Token | None = Field(
        default=None, description="Key-date milestone from which it applies (see key_dates)"
    )
    applies_from: date | None = None
    triggers: list[Trigger] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list, description="Extra search terms")

    @property
    def framework_id(self) -> str:
        """The framework part of the id."""
        return self.id.split("/", 1)[0]

    @property
    def local_id(self) -> str:
        """The id without its framework prefix."""
        return self.id.split("/", 1)[1]

    @model_validator(mode="after")
    def _consistency(self) -> Requirement:
        problems: list[tuple[tuple[str | int, ...], str, Any]] = []
        if not self.verified and self.source.note is None:
            problems.append(
                (
                    ("source", "note"),
                    _("an unverified requirement must say why in source.note"),
                    None,
                )
            )
        if Actor.ANY in self.actors and len(self.actors) > 1:
            problems.append(
                (("actors",), _("`any` cannot be combined with other actors"), self.actors)
            )
        if len(set(self.actors)) != len(self.actors):
            problems.append((("actors",), _("each actor may be listed once"), self.actors))
        if not self.source.section:
            problems.append((("source", "section"), _("cite the article or section"), None))
        trigger_ids = [t.id for t in self.triggers]
        if len(set(trigger_ids)) != len(trigger_ids):
            problems.append((("triggers",), _("trigger ids must be unique"), trigger_ids))
        for i, d in enumerate(self.deadlines):
            for t in d.triggers:
                if t not in trigger_ids:
                    problems.append(
                        (
                            ("deadlines", i, "triggers"),
                            _("unknown trigger {trigger!r}").format(trigger=t),
                            d.triggers,
                        )
                    )
        raise_rule_errors("Requirement", problems)
        return self


class Section(Record):
    """A section of a framework, used to group requirements (and as OSCAL groups)."""

    id: Token
    title: BilingualText


class Timeline(Record):
    """A named set of key dates, e.g. the law as in force vs the law as a pending amendment."""

    id: Token
    title: BilingualText
    default: bool = False


class KeyDate(Record):
    """A dated event of a framework: from when what applies, on which timeline, how sure."""

    id: Token
    date: date
    milestone: Token = Field(description="What starts to apply; requirements refer to it")
    applies: BilingualText = Field(description="What applies from this date")
    timelines: list[Token] = Field(min_length=1)
    status: DateStatus
    verified: bool
    source: Citation


class Framework(Record):
    """A regulatory framework: a law, a guideline, a code, a standard or an internal policy."""

    id: FrameworkId
    title: BilingualText
    short_title: BilingualText | None = None
    issuer: BilingualText
    version: str = Field(min_length=1)
    published: date | None = None
    in_force: date | None = None
    legal_nature: LegalNature
    sources: list[Citation] = Field(min_length=1)
    note: LocalizedText | None = None
    sections: list[Section] = Field(default_factory=list)
    timelines: list[Timeline] = Field(default_factory=list)
    key_dates: list[KeyDate] = Field(default_factory=list)
    requirements: list[Requirement] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistency(self) -> Framework:
        raise_rule_errors("Framework", list(_framework_problems(self)))
        return self

    def date_of(self, milestone: str, timeline: str | None = None) -> KeyDate | None:
        """The key date of ``milestone`` on ``timeline`` (the default timeline if ``None``)."""
        wanted = timeline or self.default_timeline
        for kd in self.key_dates:
            if kd.milestone == milestone and wanted in kd.timelines:
                return kd
        return None

    @property
    def default_timeline(self) -> str:
        """Id of the default timeline (``current-law`` when none is declared)."""
        for t in self.timelines:
            if t.default:
                return t.id
        return self.timelines[0].id if self.timelines else "current-law"


def _framework_problems(fw: Framework) -> Any:
    prefix = fw.id + "/"
    ids: dict[str, int] = {}
    sections = {s.id for s in fw.sections}
    timelines = {t.id for t in fw.timelines} or {"current-law"}
    milestones = {kd.milestone for kd in fw.key_dates}
    for i, req in enumerate(fw.requirements):
        loc: tuple[str | int, ...] = ("requirements", i)
        if not req.id.startswith(prefix):
            yield (
                (*loc, "id"),
                _("requirement ids of this framework start with {prefix!r}").format(prefix=prefix),
                req.id,
            )
        if req.id in ids:
            yield (*loc, "id"), _("id {id!r} is used twice").format(id=req.id), req.id
        ids[req.id] = i
        if req.section is not None and req.section not in sections:
            yield (
                (*loc, "section"),
                _("unknown section {section!r}").format(section=req.section),
                req.section,
            )
        if req.milestone is not None and req.milestone not in milestones:
            yield (
                (*loc, "milestone"),
                _("no key date has milestone {milestone!r}").format(milestone=req.milestone),
                req.milestone,
            )
    for i, req in enumerate(fw.requirements):
        if req.parent is None:
            continue
        if req.parent not in ids:
            yield (
                ("requirements", i, "parent"),
                _("parent {parent!r} is not in this file").format(parent=req.parent),
                req.parent,
            )
        elif _has_cycle(fw, req.id):
            yield ("requirements", i, "parent"), _("parents form a cycle"), req.parent
    if sum(t.default for t in fw.timelines) > 1:
        yield ("timelines",), _("at most one timeline may be the default"), None
    seen: set[str] = set()
    for i, kd in enumerate(fw.key_dates):
        if kd.id in seen:
            yield (
                ("key_dates", i, "id"),
                _("key date id {id!r} is used twice").format(id=kd.id),
                kd.id,
            )
        seen.add(kd.id)
        for t in kd.timelines:
            if t not in timelines:
                yield (
                    ("key_dates", i, "timelines"),
                    _("unknown timeline {timeline!r}").format(timeline=t),
                    kd.timelines,
                )
    if len({s.id for s in fw.sections}) != len(fw.sections):
        yield ("sections",), _("section ids must be unique"), None


def _has_cycle(fw: Framework, start: str) -> bool:
    parents = {r.id: r.parent for r in fw.requirements}
    seen = {start}
    node = parents.get(start)
    while node is not None:
        if node in seen:
            return True
        seen.add(node)
        node = parents.get(node)
    return False


class Rationale(Record):
    """Why a mapping holds; English is required, Japanese is welcome."""

    en: str = Field(min_length=1)
    ja: str | None = None

    def get(self, lang: str) -> str:
        """Return the text in ``lang``, falling back to English."""
        return (self.ja or self.en) if lang == "ja" else self.en


class Mapping(Record):
    """One relation between a requirement and a requirement of another framework."""

    source: RequirementId
    target: RequirementId
    relationship: Relationship
    rationale: Rationale


class Crosswalk(Record):
    """A file of mappings between frameworks."""

    id: FrameworkId
    title: BilingualText
    version: str = Field(min_length=1)
    mappings: list[Mapping] = Field(min_length=1)

    @model_validator(mode="after")
    def _no_duplicates(self) -> Crosswalk:
        seen: set[tuple[str, str]] = set()
        problems: list[tuple[tuple[str | int, ...], str, Any]] = []
        for i, m in enumerate(self.mappings):
            key = (m.source, m.target)
            if m.source == m.target:
                problems.append(
                    (("mappings", i, "target"), _("a mapping needs two requirements"), m.target)
                )
            if key in seen or key[::-1] in seen:
                problems.append(
                    (
                        ("mappings", i),
                        _("{source} ↔ {target} is mapped twice").format(
                            source=m.source, target=m.target
                        ),
                        None,
                    )
                )
            seen.add(key)
        raise_rule_errors("Crosswalk", problems)
        return self


class CatalogEvent(Record):
    """A regulatory event in the catalog's change log."""

    id: Token
    date: date
    title: BilingualText
    frameworks: list[FrameworkId] = Field(default_factory=list)
    status: DateStatus
    verified: bool
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    note: LocalizedText | None = None


class CatalogManifest(Record):
    """``catalog.yaml``: the catalog's own version and its change log."""

    version: str = Field(pattern=r"^\d{4}\.\d{1,2}\.\d+$", description="e.g. 2026.11.0")
    released: date
    events: list[CatalogEvent] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique(self) -> CatalogManifest:
        ids = [e.id for e in self.events]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(_("event ids used twice: {ids}").format(ids=", ".join(dupes)))
        return self
