"""What the public may see of a listing: the one place that decides, so confidential addresses never leak.

Partners' texts (names, descriptions, notes, directions) come in the reader's language where the partner gave
them in it (api/models/translations.py), else as written; `content_language` beside them says which language each
one is in ({"name": "es", "description": "en"}), so an app can mark a text it shows untranslated.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from api.domain.freshness import availability
from api.domain.hours_phrases import occurrence_text, schedule_text, state_text
from api.domain.meeting_types import meeting_type_label
from api.domain.recurrence import as_date
from api.domain.schedule import OpenState, open_state, outlook
from api.domain.vocabulary import (
    CATEGORIES,
    EMPLOYMENT_PROGRAMMES,
    FELLOWSHIPS,
    LEVELS_OF_CARE,
    NARR_LEVELS,
)
from api.i18n.language import current
from api.i18n.text import gettext as _
from api.models.location import coordinates
from api.models.translations import in_language

UPCOMING_LIMIT = 5


def location_view(location) -> dict:
    """A place as the public sees it; a confidential one is only its area, a coarse point and "call for address"."""
    lng, lat = coordinates(location.public_point)
    address = location.address
    view = {"id": location.id, "area": location.area, "city": address.city, "region": address.region,
            "country": address.country, "point": {"lat": lat, "lng": lng}, "confidential": location.confidential}
    if location.confidential:  # directions would lead to the door: none, in any language
        return view | {"name": None, "address_1": None, "address_2": None, "postal_code": None,
                       "accessibility": [], "description": None, "transit": None,
                       "address_note": _("Call for address"), "content_language": {}}
    texts, languages = in_language({"description": location.description, "transit": location.transit},
                                   location.translations, current())
    return view | {"name": location.name, "address_1": address.address_1, "address_2": address.address_2,
                   "postal_code": address.postal_code, "accessibility": list(location.accessibility),
                   **texts, "address_note": None, "content_language": languages}


def hours_view(service, now: datetime, state: OpenState | None = None) -> dict:
    """Open now, until when, and the next opening, in the service's local time; the same in words.
    state: its open_state at now, when the caller has worked it out already."""
    if state is None:
        state = open_state(service.schedules, service.exceptions, service.timezone, service.status, now)
    next_open = state.next_open
    return {"timezone": service.timezone, "open_now": state.open_now,
            "closes_at": _iso(state.closes_at) if state.open_now else None,
            "next_open": {"start": _iso(next_open.start), "end": _iso(next_open.end)} if next_open else None,
            "summary": state_text(state, service.status, service.category == "meeting", now)}


def availability_view(service, ttl_hours: dict[str, float], now: datetime) -> dict:
    """Capacity with its age: a count past the category's TTL is reported as unconfirmed."""
    result = availability(service.capacity, ttl_hours[service.category], now, service.capacity_doubt)
    return {"state": result.state, "accepting": result.accepting, "available": result.available,
            "confirmed_at": _iso(result.confirmed_at), "reported": result.reported, "summary": result.summary,
            "units": [{"code": u.code, "name": u.name, "available": u.available, "maximum": u.maximum,
                       "waitlist_open": u.waitlist_open, "waitlist_length": u.waitlist_length,
                       "confirmed_at": _iso(u.confirmed_at), "confirmed_by": u.confirmed_by,
                       "unconfirmed": u.unconfirmed} for u in result.units]}


def listing_texts(service, names=("name", "status_note")) -> tuple[dict, dict]:
    """(texts, content_language) of a listing in the reader's language; names are ServiceTexts fields."""
    originals = {"name": service.name, "status_note": service.status_note, "description": service.description,
                 "eligibility_description": service.eligibility.description if service.eligibility else None}
    texts, languages = in_language({name: originals[name] for name in names}, service.translations, current())
    # The answer names eligibility's text where it is: eligibility.description.
    if "eligibility_description" in languages:
        languages["eligibility.description"] = languages.pop("eligibility_description")
    return texts, languages


def service_summary(service, organization, location, distance_m, now, ttl_hours, state=None) -> dict:
    """The compact line a phone list shows for one service at one place (state: as hours_view takes it)."""
    texts, languages = listing_texts(service)
    return {
        "id": service.id, "name": texts["name"], "category": service.category,
        "category_label": _(CATEGORIES[service.category]), "status": service.status,
        "status_note": texts["status_note"], "content_language": languages,
        "organization": {"id": organization.id, "name": organization.name},
        "distance_m": distance_m, "location": location_view(location) if location else None,
        "phone": _phone_view(service.phones[0]) if service.phones else None,
        "hours": hours_view(service, now, state), "availability": availability_view(service, ttl_hours, now),
        "version": service.version,
    }


def service_detail(service, organization, locations, now, ttl_hours) -> dict:
    """Everything about one listing a person needs to act on it."""
    zone = ZoneInfo(service.timezone)
    today = now.astimezone(zone).date()
    schedules = service.schedules
    # One walk of the days gives both the open state and the next openings.
    state, upcoming = outlook(schedules, service.exceptions, service.timezone, service.status, now, UPCOMING_LIMIT)
    texts, languages = listing_texts(service, ("name", "status_note", "description", "eligibility_description"))
    return service_summary(service, organization, None, None, now, ttl_hours, state) | {
        "content_language": languages,
        "alternate_name": service.alternate_name, "description": texts["description"], "url": service.url,
        "email": service.email, "languages": list(service.languages), "taxonomy_terms": list(service.taxonomy_terms),
        "phones": [_phone_view(phone) for phone in service.phones],
        "contacts": [{"name": c.name, "title": c.title, "email": c.email, "phone": c.phone}
                     for c in service.contacts],
        "organization": {"id": organization.id, "name": organization.name, "website": organization.website,
                         "description": organization.description},
        "locations": [location_view(location) for location in locations],
        "eligibility": _eligibility_view(service.eligibility, texts["eligibility_description"]),
        "cost": {"free": service.cost.free, "fees_description": service.cost.fees_description,
                 "payment_options": list(service.cost.payment_options)},
        "schedules": [_schedule_view(s) for s in schedules],
        "upcoming": [{"start": _iso(o.start), "end": _iso(o.end)} for o in upcoming],
        "exceptions": [_exception_view(e) for e in service.exceptions if as_date(e.date) >= today],
        "meeting": meeting_detail_view(service.meeting) if service.meeting else None,
        "housing": _housing_view(service.housing, today) if service.housing else None,
        "clinical": _clinical_view(service.clinical) if service.clinical else None,
        "employment": _employment_view(service.employment) if service.employment else None,
        "updated_at": _iso(service.updated_at),
    }


def meeting_detail_view(meeting) -> dict:
    """Meeting Guide fields, type codes named as the spec translates them."""
    return {"fellowship": meeting.fellowship, "fellowship_name": _(FELLOWSHIPS[meeting.fellowship]),
            "types": [{"code": code, "label": meeting_type_label(code)} for code in meeting.types],
            "attendance": meeting.attendance, "conference_url": meeting.conference_url,
            "conference_url_notes": meeting.conference_url_notes, "conference_phone": meeting.conference_phone,
            "conference_phone_notes": meeting.conference_phone_notes, "group": meeting.group,
            "approximate": meeting.approximate, "notes": meeting.notes}


def meeting_summary(service, organization, location, distance_m, occurrence, now) -> dict:
    """A meeting in a list: when it next meets (local time), whether it is on now, where or how to join."""
    texts, languages = listing_texts(service, ("name",))
    return {
        "id": service.id, "name": texts["name"], "status": service.status, "content_language": languages,
        "organization": {"id": organization.id, "name": organization.name},
        "distance_m": distance_m, "location": location_view(location) if location else None,
        "in_progress": bool(occurrence and occurrence.start <= now < occurrence.end),
        "next_occurrence": {"start": _iso(occurrence.start), "end": _iso(occurrence.end),
                            "timezone": service.timezone, "day": (occurrence.start.weekday() + 1) % 7,
                            "time": occurrence.start.strftime("%H:%M"),
                            "summary": occurrence_text(occurrence.start, occurrence.end, now)} if occurrence else None,
        "meeting": meeting_detail_view(service.meeting), "version": service.version,
    }


def _phone_view(phone) -> dict:
    return {"number": phone.number, "extension": phone.extension, "type": phone.type,
            "description": phone.description, "languages": list(phone.languages)}


def _eligibility_view(eligibility, description: str | None) -> dict:
    return {"min_age": eligibility.min_age, "max_age": eligibility.max_age, "genders": list(eligibility.genders),
            "populations": list(eligibility.populations), "description": description}


def _schedule_view(schedule) -> dict:
    return {"freq": schedule.freq, "byday": list(schedule.byday), "opens_at": schedule.opens_at,
            "closes_at": schedule.closes_at, "text": schedule_text(schedule), "valid_from": _iso(schedule.valid_from),
            "valid_to": _iso(schedule.valid_to), "description": schedule.description}


def _exception_view(exception) -> dict:
    return {"date": as_date(exception.date).isoformat(), "closed": exception.closed,
            "opens_at": exception.opens_at, "closes_at": exception.closes_at, "reason": exception.reason}


def _housing_view(housing, today: date) -> dict:
    expires = as_date(housing.certification_expires) if housing.certification_expires else None
    label = NARR_LEVELS.get(housing.narr_level)
    return {"narr_level": housing.narr_level, "narr_label": _(label) if label else None,
            "certified_by": housing.certified_by, "certification_expires": _iso(expires),
            "certification_current": bool(housing.certified_by and expires and expires >= today),
            "accepts_families": housing.accepts_families, "pets_allowed": housing.pets_allowed,
            "moud_friendly": housing.moud_friendly, "weekly_cost": housing.weekly_cost,
            "currency": housing.currency}


def _clinical_view(clinical) -> dict:
    return {"moud": list(clinical.moud), "walk_in": clinical.walk_in,
            "same_day_induction": clinical.same_day_induction,
            "levels_of_care": [{"code": c, "label": _(LEVELS_OF_CARE[c])} for c in clinical.levels_of_care]}


def _employment_view(employment) -> dict:
    return {"programme_type": employment.programme_type,
            "programme_label": _(EMPLOYMENT_PROGRAMMES[employment.programme_type]),
            "paid": employment.paid, "duration_weeks": employment.duration_weeks}


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None
