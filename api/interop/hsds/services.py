"""HSDS services and organizations from our listings: one-to-one fields, or fully nested.

Mapping choices (see also places and taxonomies beside this module):
- status: temporarily_closed is "temporarily closed"; status_note is the HSDS alert.
- Schedules keep our RFC 5545 rules (freq, byday such as "2SA" or "-1FR", opens_at/closes_at). HSDS wants a UTC
  offset, which a time zone with daylight saving does not have: each schedule carries the offset in force where it
  next applies (offsets.py), and the IANA zone is named in its notes.
- Dated exceptions from today on become one-day schedules (valid_from = valid_to = dtstart = the date) whose
  description says "Closed" or "Special hours"; only special hours have opens_at/closes_at.
- Capacity units are HSDS 3.1-dev service_capacity objects (in "capacities") with a unit per unit code; who
  confirmed the count is its metadata (HSDS has no previous value for us: we keep only the current count).
- A housing weekly cost and "free" are cost_options beside the stored ones; a NARR certification is the
  accreditation text when the listing states none of its own.
- Objects an import brought keep their source's ids where those are UUIDs (HSDS ids are); ours are derived.
  What an imported record had that we hold no field for (its extra data) is overlaid unchanged (extra.py).
- The organization nested in one service (or one service_at_location) is the full organization, as the
  standard's service_full example has it; in lists it is the one-to-one fields.
"""

from zoneinfo import ZoneInfo

from api.domain.recurrence import as_date
from api.interop.hsds.contacts import contacts, email, language, phones
from api.interop.hsds.extra import overlay, without_places
from api.interop.hsds.ids import compact, day, derived_id, timestamp
from api.interop.hsds.offsets import zoned
from api.interop.hsds.places import ATTENDANCE, all_links, service_at_location
from api.interop.hsds.standard import is_uuid
from api.services.reports.links import report_url

STATUS = {"active": "active", "inactive": "inactive", "temporarily_closed": "temporarily closed"}


def service_object(service, organization) -> dict:
    """The one-to-one fields of a service, with its organization's."""
    eligibility, cost = service.eligibility, service.cost
    return overlay(compact(
        id=service.id, organization_id=organization.id, name=service.name, alternate_name=service.alternate_name,
        description=service.description, url=service.url, email=email(service.email),
        status=STATUS[service.status], interpretation_services=service.interpretation_services,
        application_process=service.application_process, wait_time=service.wait_time,
        fees_description=cost.fees_description if cost else None,
        accreditations=service.accreditations or _accreditation(service.housing),
        eligibility_description=eligibility.description if eligibility else None,
        minimum_age=eligibility.min_age if eligibility else None,
        maximum_age=eligibility.max_age if eligibility else None, assured_date=day(service.assured_date),
        assurer_email=email(service.assurer_email), licenses=service.licenses,
        alert=service.status_note, last_modified=timestamp(service.updated_at),
    ) | {"organization": organization_object(organization),
         # Not an HSDS field (the standard has none for it): where to POST a report that the listing is wrong.
         "feedback_url": report_url(service.id)}, service.extra, nested=False)


def full_service(service, organization, locations: dict, catalogue, now, organization_places=None) -> dict:
    """A fully nested service: places, phones, schedules, languages, contacts, costs, attributes, capacity.

    With organization_places (its places, as HSDS locations) the organization is nested in full."""
    sid = service.id
    places = [service_at_location(service, link_id, location_id, locations, full=True)
              for link_id, location_id in all_links(service)]
    nested = (full_organization(organization, organization_places, None) if organization_places is not None
              else organization_object(organization) | {"phones": phones(organization, "organization_id")})
    return overlay(service_object(service, organization) | {
        "organization": nested,
        "service_at_locations": [place for place in places if place is not None],
        "phones": phones(service, "service_id") + _conference_phone(service),
        "schedules": zoned(_schedules(service, now), service.timezone, now),
        "languages": [language(derived_id(sid, "language", code), code, service_id=sid)
                      for code in service.languages],
        "contacts": contacts(service, "service_id"),
        "cost_options": _cost_options(service),
        "required_documents": [compact(id=_own_id(item.id, sid, "document", index), service_id=sid,
                                       document=item.document, uri=item.uri)
                               for index, item in enumerate(service.required_documents)],
        "service_areas": [compact(id=_own_id(area.id, sid, "area", index), service_id=sid, name=area.name,
                                  description=area.description, extent=area.extent, extent_type=area.extent_type,
                                  uri=area.uri) for index, area in enumerate(service.service_areas)],
        "funding": _funding(service, "service_id"),
        "attributes": catalogue.attributes(service),
        "capacities": [_capacity(sid, unit) for unit in service.capacity],
    }, without_places(service.extra) if _has_confidential_place(service, locations) else service.extra)


def organization_object(organization) -> dict:
    """The one-to-one fields of an organization (HSDS requires a description: empty when we have none)."""
    return overlay({"id": organization.id, "name": organization.name, "description": organization.description or "",
                    **compact(alternate_name=organization.alternate_name, email=email(organization.email),
                              website=organization.website, tax_status=organization.tax_status,
                              tax_id=organization.tax_id, year_incorporated=organization.year_incorporated,
                              legal_status=organization.legal_status, logo=organization.logo,
                              uri=organization.uri)}, organization.extra, nested=False)


def full_organization(organization, locations: list, services: list[dict] | None) -> dict:
    """An organization with its phones, contacts, funding, places and services (given already mapped; None: the
    organization nested in a service, without its services)."""
    return overlay(organization_object(organization) | {
        "phones": phones(organization, "organization_id"),
        "contacts": contacts(organization, "organization_id"),
        "funding": _funding(organization, "organization_id"),
        "locations": list(locations),
    } | ({"services": services} if services is not None else {}), organization.extra)


def _has_confidential_place(service, locations: dict) -> bool:
    return any(getattr(locations.get(link.location.id), "confidential", False) for link in service.locations)


def _own_id(stored: str | None, *parts) -> str:
    """The id the source gave an object when it is a UUID (HSDS ids are), else one derived from parts."""
    return stored if is_uuid(stored) else derived_id(*parts)


def _accreditation(housing) -> str | None:
    if housing is None or not housing.certified_by:
        return None
    level = f"NARR level {housing.narr_level}, " if housing.narr_level else ""
    expires = as_date(housing.certification_expires)
    return f"{level}certified by {housing.certified_by}" + (f" until {expires.isoformat()}" if expires else "")


def _conference_phone(service) -> list[dict]:
    meeting = service.meeting
    if meeting is None or meeting.attendance == "in_person" or not meeting.conference_phone:
        return []
    description = ", ".join(filter(None, ("Join the meeting by phone", meeting.conference_phone_notes)))
    return [compact(id=derived_id(service.id, "phone", "conference"), service_id=service.id,
                    number=meeting.conference_phone, type="voice", description=description) | {"languages": []}]


def _schedules(service, now) -> list[dict]:
    sid, notes = service.id, f"Times are local to {service.timezone} (IANA time zone)."
    attending = ATTENDANCE.get(service.meeting.attendance) if service.meeting else None
    # A rule's own notes are the source's words; the zone is named in the others (the import reads it back).
    rules = [compact(id=_own_id(rule.id, sid, "schedule", index), service_id=sid, freq=rule.freq,
                     byday=",".join(rule.byday), opens_at=rule.opens_at, closes_at=rule.closes_at,
                     valid_from=day(rule.valid_from), valid_to=day(rule.valid_to), dtstart=day(rule.dtstart),
                     until=day(rule.until), count=rule.count, wkst=rule.wkst,
                     interval=rule.interval, **{key: ",".join(map(str, getattr(rule, key) or [])) for key in (
                         "bymonthday", "byweekno", "byyearday")}, description=rule.description,
                     schedule_link=rule.schedule_link, attending_type=attending or rule.attending_type,
                     notes=rule.notes or notes)
             for index, rule in enumerate(service.schedules)]
    today = now.astimezone(ZoneInfo(service.timezone)).date()
    seen: dict[str, int] = {}
    for exception in service.exceptions:
        date = as_date(exception.date)
        if date < today:
            continue
        when = date.isoformat()
        seen[when] = seen.get(when, -1) + 1
        kind = "Closed" if exception.closed else "Special hours"
        rules.append(compact(
            id=derived_id(sid, "exception", when, seen[when]), service_id=sid, valid_from=when, valid_to=when,
            dtstart=when, description=f"{kind}: {exception.reason}" if exception.reason else kind,
            opens_at=None if exception.closed else exception.opens_at,
            closes_at=None if exception.closed else exception.closes_at, attending_type=attending, notes=notes))
    return rules


def _funding(owner, owner_field: str) -> list[dict]:
    return [compact(id=_own_id(item.id, owner.id, "funding", index), **{owner_field: owner.id}, source=item.source)
            for index, item in enumerate(owner.funding)]


def _cost_options(service) -> list[dict]:
    sid = service.id
    options = [compact(id=_own_id(item.id, sid, "cost", index), service_id=sid, option=item.option,
                       amount=item.amount, currency=item.currency, amount_description=item.amount_description,
                       valid_from=day(item.valid_from), valid_to=day(item.valid_to))
               for index, item in enumerate(service.cost_options)]
    if service.cost and service.cost.free:
        options.append({"id": derived_id(sid, "cost", "free"), "service_id": sid, "option": "Free", "amount": 0})
    housing = service.housing
    if housing and housing.weekly_cost is not None:
        options.append(compact(id=derived_id(sid, "cost", "weekly"), service_id=sid, option="Weekly cost",
                               amount=housing.weekly_cost, currency=housing.currency, amount_description="Per week"))
    return options


def _capacity(service_id: str, unit) -> dict:
    """An HSDS 3.1-dev service_capacity with its unit; the unit's id follows its code across the directory."""
    unit_id = derived_id("unit", unit.code)
    waitlist = None
    if unit.waitlist_open:
        waitlist = "Waitlist open" + (f" ({unit.waitlist_length} waiting)" if unit.waitlist_length else "")
    updated = timestamp(unit.updated_at)
    return compact(
        id=unit.id, service_id=service_id, unit_id=unit_id, available=unit.available, maximum=unit.maximum,
        description=". ".join(filter(None, (unit.description, waitlist))), updated=updated,
    ) | {"unit": compact(id=unit_id, name=unit.name, scheme="lantern", identifier=unit.code),
         "metadata": [{"id": derived_id(unit.id, "metadata", updated), "resource_id": unit.id,
                       "resource_type": "service_capacity", "last_action_date": updated,
                       "last_action_type": "confirmed", "field_name": "available", "previous_value": "",
                       "replacement_value": str(unit.available), "updated_by": unit.updated_by}]}
