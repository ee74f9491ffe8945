"""HSDS import: an HSDS file's services planned per organisation (imports.plan), then applied all or nothing.

Organisations: HSDS organizations map to ours. The import's scope says where records may go:
- network level (the CLI, a network admin): each HSDS organization is the one of ours that it made before (its
  provenance: source and source id), or ours with the same id (our own /hsds output), or a new organisation;
- one organisation (an org admin's upload, or the CLI's --organization): the file's organization that is it (same
  id, its provenance, or the file's only organization) goes into it; with --organization everything does; for an
  org admin, the services of any other organisation are per-record errors.
An import never edits an organisation or a place that exists (the admin area owns them); it adds what is new,
organisations the file describes without a service of theirs included (at network level).
Listings of the source that the file no longer mentions are left alone: an HSDS file need not be the whole list.

Stored taxonomy terms are created from the file's terms of other taxonomies (by code, once; a code we have is
reused). Every listing write goes through imports.apply, so it is audited and numbered like any edit.
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import partial

from mongoengine import ValidationError

from api.i18n.text import gettext as _
from api.interop.hsds.extra import kept
from api.interop.hsds.files import Bundle
from api.interop.hsds.ids import derived_id
from api.interop.hsds.record_organizations import new_organization
from api.interop.hsds.records import RecordOptions, column_for, fill_service, term_code
from api.interop.hsds.standard import is_uuid
from api.interop.hsds.taxonomies import Catalogue
from api.interop.hsds.values import Values, object_id, slug
from api.interop.imports.apply import ImportFailed, ImportRefused, apply_plan, revert
from api.interop.imports.plan import CREATE, INVALID, UNCHANGED, UPDATE, ImportPlan, Planner
from api.models import Organization, Service, TaxonomyTerm
from api.models.audit import AuditEntry
from api.models.fields import utcnow
from api.services.editing import Actor
from api.services.geocoding import Geocoder


@dataclass(frozen=True)
class Scope:
    """Where the file's records may go (see the module docstring)."""

    organization: Organization | None = None
    everything_into: bool = False
    others: bool = True


@dataclass
class HsdsPlan:
    """The dry run of an HSDS file: one ImportPlan per organisation, and what the import would add besides."""

    source: str
    plans: list[ImportPlan]
    new_organizations: dict[str, Organization]  # by our id
    new_terms: list[TaxonomyTerm]
    planned_at: datetime  # the "now" it was planned with, as ImportPlan's: an Apply plans again with the same
    applied: bool = False

    @property
    def rows(self) -> list:
        return [row for plan in self.plans for row in plan.rows]

    @property
    def errors(self) -> dict:
        return {row.number: row.errors for row in self.rows if row.errors}

    @property
    def counts(self) -> dict[str, int]:
        return {action: sum(plan.counts[action] for plan in self.plans) for action in (CREATE, UPDATE, UNCHANGED,
                                                                                       INVALID)}

    @property
    def writes(self) -> list:
        return [row for plan in self.plans for row in plan.writes]

    @property
    def removals(self) -> list:
        return []  # an HSDS file need not be the whole list of its source: nothing is removed

    def fingerprint(self) -> str:
        return hashlib.sha256(json.dumps([self.source, [plan.fingerprint() for plan in self.plans],
                                          sorted(self.new_organizations), sorted(t.code for t in self.new_terms)])
                              .encode()).hexdigest()


@dataclass
class Summary:
    """What an apply did, as the CLI and the admin area report it."""

    created: list[tuple] = field(default_factory=list)
    updated: list[tuple] = field(default_factory=list)
    unchanged: int = 0
    removed: list[tuple] = field(default_factory=list)  # always empty: an HSDS import never removes listings
    errors: int = 0
    organizations: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"{len(self.created)} created, {len(self.updated)} updated, {self.unchanged} unchanged, "
                f"{len(self.removed)} removed, {self.errors} errors")


def plan(bundle: Bundle, scope: Scope, source: str, *, category: str | None = None, timezone: str | None = None,
         geocoder: Geocoder | None = None, now: datetime | None = None, who: str = "HSDS import",
         on_record: Callable[[], None] = lambda: None) -> HsdsPlan:
    """The dry run: each service's errors, or what it would create or change; nothing is written."""
    now = now or utcnow()
    catalogue = Catalogue.load()
    new_terms, term_codes = _terms(bundle, catalogue)
    options = RecordOptions(category, timezone, geocoder, catalogue, term_codes, source)
    targets = _Targets(bundle, scope, source)
    planners: dict[str, Planner] = {}
    for number, record in bundle.services:
        on_record()
        target = targets.of(record)
        if isinstance(target, str):  # why its organisation cannot take it
            planner = planners.get("") or planners.setdefault("", _orphans(scope, source, now, who))
            planner.invalid(number, _source_id(record), {"organization_id": target})
            continue
        planner = planners.get(target.id) or planners.setdefault(target.id, Planner(target, source, now, who))
        source_id = _source_id(record)
        if source_id is None:
            planner.invalid(number, None, {"id": _("needed: every HSDS service has an id")})
        else:
            planner.add(number, source_id, partial(_safe_fill, record, options), column_for)
    targets.standalone()
    for number, message in bundle.unreadable:
        on_record()
        planner = planners.get("") or planners.setdefault("", _orphans(scope, source, now, who))
        planner.invalid(number, None, {"record": message})
    plans = [planner.finish() for planner in planners.values()]
    return HsdsPlan(source, plans, targets.new, new_terms, now)


def apply(hsds_plan: HsdsPlan, actor: Actor, all_or_nothing: bool = True,
          on_plan: Callable[[], None] = lambda: None) -> Summary:
    """Write the plan: all of it or (all_or_nothing) nothing; per record, the valid records and none of the others.

    Either way a failure midway undoes what this apply wrote (organisations, listings, places) before it raises.
    """
    if all_or_nothing and hsds_plan.errors:
        raise ImportRefused(f"{len(hsds_plan.errors)} records have errors: nothing was imported.")
    if hsds_plan.applied:
        raise ImportRefused(_("This plan was applied already."))
    plans = [replace(plan, rows=[row for row in plan.rows if row.action != INVALID]) for plan in hsds_plan.plans]
    plans = [plan for plan in plans if plan.writes]
    summary = Summary(unchanged=hsds_plan.counts[UNCHANGED], errors=len(hsds_plan.errors))
    applied: list[tuple[ImportPlan, object]] = []
    created: list[Organization] = []
    planned = {plan.organization_id for plan in hsds_plan.plans}
    alone = [org for org_id, org in hsds_plan.new_organizations.items() if org_id not in planned]
    try:
        for plan in plans:
            organization = hsds_plan.new_organizations.get(plan.organization_id)
            if organization is not None:
                _create_organization(organization, actor)
                created.append(organization)
                summary.organizations.append(organization.name)
            applied.append((plan, apply_plan(plan, actor)))
            on_plan()
        for organization in alone:  # described by the file with no service of theirs in it
            _create_organization(organization, actor)
            created.append(organization)
            summary.organizations.append(organization.name)
    except (ImportFailed, ImportRefused) as failure:
        left = [step for plan, report in reversed(applied) for step in revert(plan, report, actor)]
        for organization in reversed(created):
            _remove_organization(organization, actor)
        if left and isinstance(failure, ImportFailed):
            failure.not_undone.extend(left)
        raise
    for plan, report in applied:
        summary.created += report.created
        summary.updated += report.updated
    for term in hsds_plan.new_terms:
        if not TaxonomyTerm.objects(code=term.code).first():
            term.save()
            summary.terms.append(term.code)
    hsds_plan.applied = True
    return summary


class _Targets:
    """Which organisation of ours each HSDS organization's services go into (or why they cannot)."""

    def __init__(self, bundle: Bundle, scope: Scope, source: str):
        self.scope, self.source = scope, source
        self.described = dict(bundle.organizations)
        for _number, record in bundle.services:
            nested = record.get("organization")
            if isinstance(nested, dict) and isinstance(nested.get("id"), str):
                self.described.setdefault(nested["id"], nested)
        named = {self._hsds_id(record) for _number, record in bundle.services} | set(self.described)
        self.only_one = len(named - {None}) == 1
        self.found: dict[str | None, Organization | str] = {}
        self.new: dict[str, Organization] = {}

    def standalone(self) -> None:
        """The file's organizations that no service of it names: new ones are added too, at network level."""
        if self.scope.organization is not None:
            return
        for hsds_id in self.described:
            if hsds_id not in self.found:
                self.found[hsds_id] = self._resolve(hsds_id)

    def of(self, record: dict) -> Organization | str:
        key = self._hsds_id(record)
        if key not in self.found:
            self.found[key] = self._resolve(key)
        return self.found[key]

    def _resolve(self, hsds_id: str | None) -> Organization | str:
        own, scope = self.scope.organization, self.scope
        if own is not None and (scope.everything_into or hsds_id is None or self.only_one
                                or hsds_id in (own.id, own.source_id)):
            return own
        if hsds_id is None:
            return _("needed: the service's organization (organization_id)")
        if not scope.others:
            return _("this service belongs to organization {id}, not to {name}", id=repr(hsds_id[:80]), name=own.name)
        existing = (Organization.objects(source=self.source, source_id=hsds_id).first()
                    or Organization.objects(id=hsds_id).first())
        if existing is not None:
            return existing
        described = self.described.get(hsds_id)
        if described is None:
            return _("organization {id} is not in the file", id=repr(hsds_id[:80]))
        return self._new(hsds_id, described)

    def _new(self, hsds_id: str, described: dict) -> Organization | str:
        # The same id on every dry run of the file: an Apply re-plans it and must find the same plan.
        organization, problems = new_organization(described, self.source, hsds_id)
        try:
            organization.validate()
        except ValidationError as error:
            problems |= {name: getattr(item, "message", item) for name, item in
                         (error.errors or {"organization": error.message}).items()}
        if problems:
            listed = "; ".join(f"{name}: {message}" for name, message in problems.items())
            return _("organization {id} cannot be created ({problems})", id=repr(hsds_id[:80]), problems=listed)
        self.new[organization.id] = organization
        return organization

    @staticmethod
    def _hsds_id(record: dict) -> str | None:
        value = record.get("organization_id")
        if value is None and isinstance(record.get("organization"), dict):
            value = record["organization"].get("id")
        return object_id(value) if value is not None else None


def _orphans(scope: Scope, source: str, now: datetime, who: str) -> Planner:
    """A planner for records that belong nowhere: it only ever holds invalid rows."""
    return Planner(scope.organization or Organization(id=derived_id("organization", "none"), name="(none)"), source,
                   now, who)


def _source_id(record: dict) -> str | None:
    value = record.get("id")
    if value is None or isinstance(value, (bool, list, dict, float)):
        return None
    found = object_id(value, "")
    return found or None


def _safe_fill(record: dict, options: RecordOptions, service: Service, context) -> dict[str, str]:
    """One record's mapping, isolated: whatever a malformed record does, it is that record's error, not a crash."""
    try:
        return fill_service(record, options, service, context)
    except Exception as error:  # noqa: BLE001 -- a per-record report is the contract, whatever the input
        return {"record": _("could not be read ({kind}: {detail})", kind=type(error).__name__, detail=str(error)[:200])}


def _terms(bundle: Bundle, catalogue: Catalogue) -> tuple[list[TaxonomyTerm], dict[str, str]]:
    """The file's terms of other taxonomies as stored terms to add (codes we have are reused), and their codes."""
    given = list(bundle.terms)
    for _number, record in bundle.services:
        for attribute in record.get("attributes") or [] if isinstance(record.get("attributes"), list) else []:
            if isinstance(attribute, dict) and isinstance(attribute.get("taxonomy_term"), dict):
                given.append(attribute["taxonomy_term"] | {"id": attribute.get("taxonomy_term_id")
                                                           or attribute["taxonomy_term"].get("id")})
    known = {term.code for term in TaxonomyTerm.objects.only("code")}
    ours = {(term.taxonomy, term.code) for term in catalogue.terms.values()} | set(catalogue.terms)
    new: dict[str, TaxonomyTerm] = {}
    codes: dict[str, str] = {}
    for term in given:
        term_id = term.get("id")
        taxonomy = term.get("taxonomy") or (term.get("taxonomy_detail") or {}).get("name") or "hsds"
        if not isinstance(term_id, str) or term_id in ours or (taxonomy, term.get("code")) in ours:
            continue
        code = term_code(term)
        codes[term_id] = code
        if code in known or code in new:
            continue
        name = term.get("name") if isinstance(term.get("name"), str) and term["name"].strip() else code
        description = term.get("description") if isinstance(term.get("description"), str) else None
        values = Values()
        extra = kept(term, "taxonomy_term", values)
        taken = is_uuid(term_id) and TaxonomyTerm.objects(id=term_id).only("id").first() is not None
        candidate = TaxonomyTerm(code=code, name=name.strip()[:200], description=(description or "")[:1000] or None,
                                 taxonomy=slug(str(taxonomy), 80), extra={} if values.errors else extra)
        if is_uuid(term_id) and not taken:
            candidate.id = term_id  # so the attributes that name it find it, and /hsds serves the source's id
        try:
            candidate.validate()
        except ValidationError:
            continue  # a term we cannot keep is one services simply do not carry
        new[code] = candidate
    return list(new.values()), codes


def _create_organization(organization: Organization, actor: Actor) -> None:
    organization.save(force_insert=True)
    _audit(organization, actor, "created")


def _remove_organization(organization: Organization, actor: Actor) -> None:
    organization.delete()
    _audit(organization, actor, "removed")


def _audit(organization: Organization, actor: Actor, action: str) -> None:
    AuditEntry(at=utcnow(), actor=actor.id, actor_name=actor.name, organization=organization.id,
               object_type="organization", object_id=organization.id, object_name=organization.name,
               action=action, version=0, changes={}).save()
