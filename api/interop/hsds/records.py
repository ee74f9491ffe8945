"""One HSDS service onto a listing: the inverse of services.full_service.

An HSDS service is the whole listing, so every field we map is set from it (what it leaves out is cleared); what
HSDS cannot say (a NARR certification's expiry when there is none, a place's accessibility) is kept as it was.
Mapping choices:
- status "temporarily closed" is temporarily_closed, "defunct" inactive; alert is the status note.
- The category comes from an attribute of our own "lantern-category" taxonomy (what our /hsds output carries),
  else the import's default category; other attributes of our published taxonomies set what they stand for
  (fellowship, meeting types, MOUD, ...). Terms of other taxonomies become stored taxonomy terms, by code.
- Times and the capacity are read by record_parts, the time zone by record_zones (after the places, whose
  coordinates it may need), places by record_places; phones and contacts by record_contacts; cost options,
  documents, areas and funding by record_facts.
- What our models have no place for is kept as the record's extra data (extra.py), served back on /hsds.
- Texts in a second language: HSDS 3.0 has no place for them (its `languages` are the languages a service is
  delivered in, mapped to Service.languages; metadata's `language` is that of a metadata note), so none are set
  and a listing's translations, which a partner gave, are left as they are (api/models/translations.py).
- A new listing takes the record's id when it is a UUID no listing has, so /hsds serves the source's id back.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from api.domain.vocabulary import CATEGORIES
from api.i18n.text import gettext as _
from api.interop.hsds import record_facts
from api.interop.hsds.extra import kept
from api.interop.hsds.record_contacts import contacts, languages, phone
from api.interop.hsds.record_parts import capacity, schedules
from api.interop.hsds.record_places import places
from api.interop.hsds.record_zones import timezone
from api.interop.hsds.standard import is_uuid
from api.interop.hsds.taxonomies import PRESENT, Catalogue, Term
from api.interop.hsds.values import Values, slug
from api.interop.imports.plan import RowContext
from api.models import Service
from api.models.contact import Phone
from api.models.details import ClinicalDetail, EmploymentDetail, HousingDetail, MeetingDetail
from api.models.service import DETAIL_FIELDS, Cost, Eligibility
from api.services.geocoding import Geocoder

STATUSES = {"active": "active", "inactive": "inactive", "defunct": "inactive",
            "temporarily closed": "temporarily_closed", "temporarily_closed": "temporarily_closed"}
DETAILS = {"meeting": MeetingDetail, "housing": HousingDetail, "clinical": ClinicalDetail,
           "employment": EmploymentDetail}
ACCREDITATION = re.compile(r"^(?:NARR level ([1-4]), )?certified by (.+?)(?: until (\d{4}-\d{2}-\d{2}))?$")
CONFERENCE_PHONE = "Join the meeting by phone"


@dataclass(frozen=True)
class RecordOptions:
    """What the import as a whole decides for records that do not say: category, time zone, how to geocode."""

    category: str | None
    timezone: str | None
    geocoder: Geocoder | None
    catalogue: Catalogue
    term_codes: dict[str, str]  # HSDS term id (or "taxonomy/code") -> our stored code, for other taxonomies
    source: str


def fill_service(record: dict, options: RecordOptions, service: Service, context: RowContext) -> dict[str, str]:
    """Set the listing from the HSDS service; return {field path: message} for what could not be used."""
    values = Values()
    terms = _terms(record, options, values)
    category = next((t.match for t in terms if t.path == "category"), None) or options.category
    if category is None:
        values.fail("attributes", _("no lantern-category attribute and no default category: choose one of {codes}",
                                    codes=", ".join(CATEGORIES)))
        return values.errors
    if context.is_new and is_uuid(record.get("id")) and not Service.objects(id=record["id"]).only("id").first():
        service.id = record["id"]
    _fields(record, values, service, category)
    _set_terms(service, terms, values)
    service.phones = _phones(record, values, service)
    service.contacts = contacts(record, "", values)
    service.languages = languages(record, "", values)
    service.schedules, service.exceptions = schedules(record, values)
    service.capacity = capacity(record, values, service.capacity, context)
    places(record, values, service, context, options)
    service.timezone = timezone(record, values, options.timezone, service.timezone,
                                [link.location for link in service.locations])
    service.extra = kept(record, "service", values)
    return values.errors


def column_for(path: str) -> str:
    """Validation errors of the whole listing, named as HSDS names the field."""
    return {"category": "attributes", "status_note": "alert", "capacity": "capacities", "locations":
            "service_at_locations", "meeting": "attributes", "housing": "attributes", "clinical": "attributes",
            "employment": "attributes", "eligibility": "eligibility_description", "cost": "cost_options",
            "timezone": "schedules"}.get(path.split(".")[0], path.split(".")[0])


def _fields(record: dict, values: Values, service: Service, category: str) -> None:
    name = values.text(record, "name", "", 200)
    if name is None and "name" not in values.errors:
        values.fail("name", _("needed: every HSDS service has a name"))
    service.name = name
    service.alternate_name = values.text(record, "alternate_name", "", 200)
    service.description = values.text(record, "description", "", 4000)
    for name, limit in (("application_process", 4000), ("interpretation_services", 1000), ("wait_time", 300),
                        ("licenses", 1000), ("assurer_email", 200)):
        setattr(service, name, values.text(record, name, "", limit))
    service.assured_date = values.day(record, "assured_date", "")
    service.url = values.text(record, "url", "", 500)
    email = values.text(record, "email", "", 200)
    service.email = email
    status = values.text(record, "status", "") or "active"
    if status.lower() not in STATUSES:
        values.fail("status", _("{value} is not an HSDS status (active, inactive, defunct, temporarily closed)",
                                value=repr(status[:40])))
    service.status = STATUSES.get(status.lower(), "active")
    service.status_note = values.text(record, "alert", "", 300)
    if service.category != category:
        for field in DETAIL_FIELDS.values():
            setattr(service, field, None)
    service.category = category
    if category in DETAILS and getattr(service, category) is None:
        setattr(service, category, DETAILS[category]())
    eligibility = service.eligibility or Eligibility()
    eligibility.min_age = values.integer(record, "minimum_age", "", 0, 120)
    eligibility.max_age = values.integer(record, "maximum_age", "", 0, 120)
    eligibility.description = values.text(record, "eligibility_description", "", 1000)
    service.eligibility = eligibility
    service.cost = service.cost or Cost()
    service.cost.fees_description = values.text(record, "fees_description", "", 500)
    service.cost_options = record_facts.cost_options(record, values, service)
    service.required_documents = record_facts.required_documents(record, values)
    service.service_areas = record_facts.service_areas(record, values)
    service.funding = record_facts.funding(record, "", values)
    _accreditation(record, values, service)


def _accreditation(record: dict, values: Values, service: Service) -> None:
    """A residence's NARR certification as our output words it is housing detail; any other text is kept as is."""
    text = values.text(record, "accreditations", "", 1000)
    match = ACCREDITATION.match(text or "")
    service.accreditations = None
    if service.housing is not None and match:
        level, by, until = match.groups()
        service.housing.certified_by = by[:200]
        service.housing.certification_expires = until
        if level:
            service.housing.narr_level = int(level)
    else:
        service.accreditations = text


def _terms(record: dict, options: RecordOptions, values: Values) -> list[Term]:
    """Our terms the record's attributes name: by term id, else by taxonomy and code (as published)."""
    catalogue, found = options.catalogue, []
    by_code = {(term.taxonomy, term.code): term for term in catalogue.terms.values()}
    for path, attribute in values.objects(record, "attributes", ""):
        nested = attribute.get("taxonomy_term") if isinstance(attribute.get("taxonomy_term"), dict) else {}
        term_id = attribute.get("taxonomy_term_id") or nested.get("id")
        term = catalogue.terms.get(term_id) if isinstance(term_id, str) else None
        if term is None and nested:
            taxonomy = nested.get("taxonomy") or (nested.get("taxonomy_detail") or {}).get("name")
            term = by_code.get((taxonomy, nested.get("code")))
        if term is not None:
            if term.match == PRESENT:
                value = attribute.get("value")
                term = Term(term.id, term.code, term.name, term.description, term.taxonomy, term.path,
                            _int_or_none(value), term.parent_id)
                if term.match is None:
                    values.fail(f"{path}.value", _("{term}: {value} is not a whole number", term=term.name,
                                                   value=repr(value)))
                    continue
            found.append(term)
        elif isinstance(term_id, str) and term_id in options.term_codes:
            found.append(Term(term_id, options.term_codes[term_id], "", "", "", "taxonomy_terms",
                              options.term_codes[term_id]))
    return found


def _set_terms(service: Service, terms: list[Term], values: Values) -> None:
    """What the attributes say, after clearing everything attributes say (a term left out is a term removed)."""
    paths = {term.path for term in Catalogue([]).terms.values()} | {"taxonomy_terms"}
    for path in paths - {"category"}:
        _assign(service, path, lambda old: [] if isinstance(old, list) else (False if old is True else None))
    for term in terms:
        if term.path == "category":
            continue
        _assign(service, term.path, lambda old, match=term.match: [*old, match] if isinstance(old, list) and
                match not in old else (old if isinstance(old, list) else match))


def _assign(service: Service, path: str, change: Callable) -> None:
    """Change the value at a dotted path, where the listing has that part (another category's detail it has not)."""
    *parents, name = path.split(".")
    owner = service
    for part in parents:
        owner = getattr(owner, part, None)
        if owner is None:
            return
    field = owner._fields.get(name)
    old = getattr(owner, name)
    if old is None and field is not None and field.__class__.__name__ == "ListField":
        old = []
    new = change(old)
    if new is None and field is not None and getattr(field, "required", False):
        return  # a required value no attribute gives is reported by validation, as it was
    setattr(owner, name, new)


def _phones(record: dict, values: Values, service: Service) -> list[Phone]:
    """The listing's phones; a meeting's "Join the meeting by phone" line is its conference phone instead."""
    found = []
    if service.meeting is not None:
        service.meeting.conference_phone = service.meeting.conference_phone_notes = None
    for path, item in values.objects(record, "phones", ""):
        line = phone(item, path, values)
        if line is None:
            continue
        description = line.description or ""
        if service.meeting is not None and description.startswith(CONFERENCE_PHONE):
            service.meeting.conference_phone = line.number
            service.meeting.conference_phone_notes = description[len(CONFERENCE_PHONE):].lstrip(", ") or None
            continue
        found.append(line)
    return found


def _int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def term_code(term: dict) -> str:
    """The stored code for another taxonomy's term: its code, else its name, as a code."""
    return slug(str(term.get("code") or term.get("name") or term.get("id") or "term"), 80)
