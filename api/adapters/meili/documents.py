"""The search document of one service at one place, built whole from the source of truth (a whitelist of fields).

Time-dependent facts are indexed so a filter can decide them at query time: vacancy freshness as the instant it
runs out, open hours as UTC hours and 5-minute slots over the coming week, a meeting's next starts as instants.
The indexer rebuilds documents before those run out (freshness sweeps).
No confidential point or address is ever indexed.
Texts are indexed in every language they have, each translation beside its original (name, name_es, ...), and the
vocabulary's labels too (category_label_es "Vivienda de recuperación"), so a Spanish query finds them.
"""

from datetime import datetime, timedelta
from functools import lru_cache
from typing import NamedTuple

from api.adapters.search_results import facet_values
from api.domain.freshness import vacancy_fresh_until
from api.domain.meeting_types import meeting_types
from api.domain.schedule import openings
from api.domain.vocabulary import CATEGORIES, FELLOWSHIPS
from api.i18n.catalogs import translations as catalog
from api.models.location import coordinates
from api.models.service import fold_text
from api.models.translations import TRANSLATED, translated

SLOT_SECONDS = 300
SLOTS_PER_HOUR = 12
SLOTS_PER_WEEK = 7 * 24 * SLOTS_PER_HOUR
# The epoch began on a Thursday: slot numbers count from the first Monday, 1970-01-05 00:00 UTC.
MONDAY_SLOT = 4 * 24 * 12
WINDOW = timedelta(days=7)
# A meeting's starts are listed this far ahead (a monthly one has its next date in it); sweeps rebuild documents
# long before it runs out.
UPCOMING = timedelta(days=40)


def document_id(service_id: str, link_id: str | None) -> str:
    """Meilisearch ids allow [A-Za-z0-9_-]: UUIDs joined by a double underscore."""
    return f"{service_id}__{link_id or 'nowhere'}"


def service_documents(service, organization, locations: dict, now: datetime, ttl_hours: dict) -> list[dict]:
    """One document per place the service is delivered (one without _geo when it has none).

    service is a stored record seen through attributes (source.RecordView): references are plain ids.
    """
    shared = _shared_fields(service, organization, now, ttl_hours)
    links = list(service.locations) or [None]
    documents = []
    for link in links:
        location = locations.get(link.location) if link else None  # a stored reference: the place's id
        document = shared | {"id": document_id(service.id, link.id if link else None),
                             "location_id": location.id if location else None}
        if location is not None:
            lng, lat = coordinates(location.public_point)
            document |= {"_geo": {"lat": lat, "lng": lng}, "area": location.area, "city": location.address.city}
        documents.append(document)
    return documents


def in_every_language(name: str) -> list[str]:
    """A document field and its translations' fields: name, name_es, ..."""
    return [name, *(f"{name}_{code}" for code in TRANSLATED)]


def _translations(service, meeting) -> dict:
    """The listing's translated texts and the vocabulary's labels, per language other than the original."""
    fields = {}
    for code in TRANSLATED:
        words = catalog(code).gettext
        fields |= {f"name_{code}": translated(service.translations, "name", code),
                   f"description_{code}": translated(service.translations, "description", code),
                   f"category_label_{code}": words(CATEGORIES[service.category])}
        if meeting:
            fields |= {f"fellowship_name_{code}": words(FELLOWSHIPS[meeting.fellowship]),
                       f"meeting_type_labels_{code}": [label for type_code in meeting.types
                                                       if (label := meeting_types().get(type_code, {}).get(code))]}
    return fields


def slot_of(moment: datetime) -> int:
    """The 5-minute slot of the UTC week that moment falls in (0 = Monday 00:00 UTC)."""
    return (int(moment.timestamp()) // SLOT_SECONDS - MONDAY_SLOT) % SLOTS_PER_WEEK


def hour_of(moment: datetime) -> int:
    """The hour of the UTC week that moment falls in (0 = Monday 00:00-01:00 UTC)."""
    return slot_of(moment) // SLOTS_PER_HOUR


def _shared_fields(service, organization, now: datetime, ttl_hours: dict) -> dict:
    meeting, clinical, cost, housing = service.meeting, service.clinical, service.cost, service.housing
    labels = meeting_types()
    fields = {
        "service_id": service.id, "version": service.version, "name": service.name,
        "name_sort": fold_text(service.name), "alternate_name": service.alternate_name,
        "description": service.description, "organization": organization.name,
        "category": service.category, "category_label": CATEGORIES[service.category],
        "taxonomy_terms": list(service.taxonomy_terms), "status": service.status, "timezone": service.timezone,
        "populations": list(service.eligibility.populations) if service.eligibility else [],
        "levels_of_care": list(clinical.levels_of_care) if clinical else [],
        "vacancy_fresh_until": vacancy_fresh_until(service.capacity, ttl_hours[service.category],
                                                   service.capacity_doubt),
        "indexed_at": int(now.timestamp()),
        **facet_values(service.category, service.languages, clinical and clinical.moud,
                       cost and cost.payment_options, housing and housing.narr_level,
                       service.eligibility and service.eligibility.genders),
        **_open_slots(service, now),
        **_translations(service, meeting),
    }
    if meeting:
        fields |= {"fellowship": meeting.fellowship, "fellowship_name": FELLOWSHIPS[meeting.fellowship],
                   "meeting_types": list(meeting.types), "attendance": meeting.attendance,
                   "meeting_type_labels": [labels[code]["en"] for code in meeting.types if code in labels],
                   **_upcoming(service, now)}
    return fields


class _Weekly(NamedTuple):
    freq: str
    byday: tuple[str, ...]
    opens_at: str
    closes_at: str
    valid_from: datetime | None
    valid_to: datetime | None
    # RFC 5545 parts beyond freq and byday, which recurrence.rule_parts reads (lists as tuples: hashable).
    dtstart: datetime | None = None
    interval: int | None = None
    count: int | None = None
    until: datetime | None = None
    bymonthday: tuple = ()
    byweekno: tuple = ()
    byyearday: tuple = ()
    wkst: str | None = None


class _Dated(NamedTuple):
    date: datetime
    closed: bool
    opens_at: str | None
    closes_at: str | None
    reason: str | None


class Timetable(NamedTuple):
    """A service's hours as plain values: hashable, so services with the same hours share one computation."""

    schedules: tuple[_Weekly, ...]
    exceptions: tuple[_Dated, ...]
    timezone: str


def timetable(service) -> Timetable:
    """The hours of a stored service record (absent optional fields read as None)."""
    return Timetable(
        tuple(_Weekly(s.freq or "WEEKLY", tuple(s.byday), s.opens_at, s.closes_at, s.valid_from, s.valid_to,
                      s.dtstart, s.interval, s.count, s.until, tuple(s.bymonthday or ()), tuple(s.byweekno or ()),
                      tuple(s.byyearday or ()), s.wkst)
              for s in service.schedules),
        tuple(_Dated(e.date, e.closed is not False, e.opens_at, e.closes_at, e.reason) for e in service.exceptions),
        service.timezone)


def _open_slots(service, now: datetime) -> dict:
    """When in the coming week the service is open: whole UTC hours, plus the 5-minute slots of hours it is open
    for only part of, and until when that holds. Open now is `open_hours = hour OR open_slots = slot`."""
    start = now.replace(second=0, microsecond=0) - timedelta(minutes=now.minute % 5)
    end = start + WINDOW
    open_hours, slots = _week_slots(timetable(service), start) if service.status == "active" else ((), ())
    return {"open_hours": list(open_hours), "open_slots": list(slots), "open_slots_until": int(end.timestamp())}


# Most services share a handful of timetables (weekdays 9-5, 24/7, an evening meeting), and a rebuild builds every
# document for one `now`: computing each timetable once per window start makes the rest dictionary look-ups.
@lru_cache(maxsize=8192)
def _week_slots(hours: Timetable, start: datetime) -> tuple[tuple[int, ...], tuple[int, ...]]:
    end = start + WINDOW
    slots = set()
    for opening in openings(hours.schedules, hours.exceptions, hours.timezone, start, end):
        # Every slot the opening touches, from the one it starts in to the one it ends in (exclusive).
        first = int(max(opening.start, start).timestamp()) // SLOT_SECONDS
        last = -(-int(min(opening.end, end).timestamp()) // SLOT_SECONDS)
        slots.update((slot - MONDAY_SLOT) % SLOTS_PER_WEEK for slot in range(first, last))
    # Whole hours as one number instead of twelve: a 9-to-5 service lists 8 numbers, not 96.
    whole = [hour for hour in range(SLOTS_PER_WEEK // SLOTS_PER_HOUR)
             if slots.issuperset(range(hour * SLOTS_PER_HOUR, (hour + 1) * SLOTS_PER_HOUR))]
    covered = {slot for hour in whole for slot in range(hour * SLOTS_PER_HOUR, (hour + 1) * SLOTS_PER_HOUR)}
    return tuple(whole), tuple(sorted(slots - covered))


def _upcoming(service, now: datetime) -> dict:
    """A meeting's next starts and ends (epoch seconds), the one in progress first."""
    starts, ends = _starts_and_ends(timetable(service), now) if service.status == "active" else ((), ())
    return {"upcoming_starts": list(starts), "upcoming_ends": list(ends)}


@lru_cache(maxsize=8192)
def _starts_and_ends(hours: Timetable, now: datetime) -> tuple[tuple[int, ...], tuple[int, ...]]:
    found = list(openings(hours.schedules, hours.exceptions, hours.timezone, now, now + UPCOMING))
    return tuple(int(o.start.timestamp()) for o in found), tuple(int(o.end.timestamp()) for o in found)
