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
- A housing weekly cost and "free" are cost_options; a NARR certification is the accreditation text.
"""

from zoneinfo import ZoneInfo

from babel import Locale

from api.domain.recurrence import as_date
from api.interop.hsds.ids import compact, day, derived_id, timestamp
from api.interop.hsds.offsets import zoned
from api.interop.hsds.places import ATTENDANCE, all_links, service_at_location

STATUS = {"active": "active", "inactive": "inactive", "temporarily_closed": "temporarily closed"}
# RFC 6350 types, as HSDS asks; a hotline is a voice line, said in the description.
PHONE_TYPES = {"voice": "voice", "text": "text", "fax": "fax", "hotline": "voice"}
LANGUAGE_NAMES = Locale("en").languages


def service_object(service, organization) -> dict:
    """The one-to-one fields of a service, with its organization's."""
    eligibility, cost = service.eligibility, service.cost
    return compact(
        id=service.id, organization_id=organization.id, name=service.name, alternate_name=service.alternate_name,
        description=service.description, url=service.url, email=_email(service.email),
        status=STATUS[service.status], fees_description=cost.fees_description if cost else None,
        accreditations=_accreditation(service.housing),
        eligibility_description=eligibility.description if eligibility else None,
        minimum_age=eligibility.min_age if eligibility else None,
        maximum_age=eligibility.max_age if eligibility else None,
        alert=service.status_note, last_modified=timestamp(service.updated_at),
    ) | {"organization": organization_object(organization)}


def full_service(service, organization, locations: dict, catalogue, now) -> dict:
    """A fully nested service: places, phones, schedules, languages, contacts, costs, attributes, capacity."""
    sid = service.id
    places = [service_at_location(service, link_id, location_id, locations, full=True)
              for link_id, location_id in all_links(service)]
    return service_object(service, organization) | {
        "organization": organization_object(organization) | {"phones": _phones(organization, "organization_id")},
        "service_at_locations": [place for place in places if place is not None],
        "phones": _phones(service, "service_id") + _conference_phone(service),
        "schedules": zoned(_schedules(service, now), service.timezone, now),
        "languages": [_language(derived_id(sid, "language", code), code, service_id=sid)
                      for code in service.languages],
        "contacts": [_contact(sid, index, contact) for index, contact in enumerate(service.contacts)],
        "cost_options": _cost_options(service),
        "attributes": catalogue.attributes(service),
        "capacities": [_capacity(sid, unit) for unit in service.capacity],
    }


def organization_object(organization) -> dict:
    """The one-to-one fields of an organization (HSDS requires a description: empty when we have none)."""
    return {"id": organization.id, "name": organization.name, "description": organization.description or "",
            **compact(alternate_name=organization.alternate_name, email=_email(organization.email),
                      website=organization.website)}


def full_organization(organization, locations: list, services: list[dict]) -> dict:
    """An organization with its phones, its places and its services (given already mapped)."""
    return organization_object(organization) | {
        "phones": _phones(organization, "organization_id"),
        "locations": list(locations),
        "services": services,
    }


def _email(value: str | None) -> str | None:
    return value if value and "@" in value else None


def _accreditation(housing) -> str | None:
    if housing is None or not housing.certified_by:
        return None
    level = f"NARR level {housing.narr_level}, " if housing.narr_level else ""
    expires = as_date(housing.certification_expires)
    return f"{level}certified by {housing.certified_by}" + (f" until {expires.isoformat()}" if expires else "")


def _phones(owner, owner_field: str) -> list[dict]:
    phones = []
    for index, phone in enumerate(owner.phones):
        phone_id = derived_id(owner.id, "phone", index)
        extension, description = phone.extension, phone.description
        if extension and not extension.isdigit():  # HSDS extensions are numbers
            description, extension = ", ".join(filter(None, (description, f"ext. {extension}"))), None
        if phone.type == "hotline":
            description = ", ".join(filter(None, ("Hotline", description)))
        phones.append(compact(
            id=phone_id, **{owner_field: owner.id}, number=phone.number,
            extension=int(extension) if extension else None, type=PHONE_TYPES.get(phone.type, "voice"),
            description=description) | {"languages": [
                _language(derived_id(phone_id, "language", code), code, phone_id=phone_id)
                for code in phone.languages]})
    return phones


def _conference_phone(service) -> list[dict]:
    meeting = service.meeting
    if meeting is None or meeting.attendance == "in_person" or not meeting.conference_phone:
        return []
    description = ", ".join(filter(None, ("Join the meeting by phone", meeting.conference_phone_notes)))
    return [compact(id=derived_id(service.id, "phone", "conference"), service_id=service.id,
                    number=meeting.conference_phone, type="voice", description=description) | {"languages": []}]


def _language(language_id: str, code: str, **owner) -> dict:
    return compact(id=language_id, **owner, name=LANGUAGE_NAMES.get(code), code=code)


def _contact(service_id: str, index: int, contact) -> dict:
    contact_id = derived_id(service_id, "contact", index)
    phones = [compact(id=derived_id(contact_id, "phone", 0), contact_id=contact_id, number=contact.phone)
              ] if contact.phone else []
    return compact(id=contact_id, service_id=service_id, name=contact.name, title=contact.title,
                   email=_email(contact.email)) | {"phones": phones}


def _schedules(service, now) -> list[dict]:
    sid, notes = service.id, f"Times are local to {service.timezone} (IANA time zone)."
    attending = ATTENDANCE.get(service.meeting.attendance) if service.meeting else None
    rules = [compact(id=derived_id(sid, "schedule", index), service_id=sid, freq=rule.freq,
                     byday=",".join(rule.byday), opens_at=rule.opens_at, closes_at=rule.closes_at,
                     valid_from=day(rule.valid_from), valid_to=day(rule.valid_to), description=rule.description,
                     attending_type=attending, notes=notes)
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


def _cost_options(service) -> list[dict]:
    sid, options = service.id, []
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
