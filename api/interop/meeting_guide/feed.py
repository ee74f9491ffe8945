"""Our meetings as a Meeting Guide JSON feed (api/data/meeting-guide/README.md: the specification we follow).

One entry per meeting and start time: weekly rules at the same hours share an entry with `day` as a list. The
specification is for weekly meetings, so monthly-only meetings are left out; a meeting without hours is "by
appointment" (no day or time). Slugs are the listing's id (a second start time adds "-2", ...), so bookmarks survive
renames. Temporarily closed meetings carry the TC type; inactive ones are not listed. A confidential place gives
only its town and an approximate point.
"""

from collections.abc import Iterator
from datetime import datetime

from api.domain.meeting_types import meeting_types
from api.models import Location, Organization, Service
from api.models.location import coordinates
from api.models.records import RecordView

# Meeting Guide numbers days from Sunday; RFC 5545 names them.
DAYS = {"SU": 0, "MO": 1, "TU": 2, "WE": 3, "TH": 4, "FR": 5, "SA": 6}


def meeting_guide_feed() -> list[dict]:
    """Every listed meeting, ordered by name then slug."""
    services = [RecordView(row) for row in Service._get_collection().find(
        {"category": "meeting", "status": {"$ne": "inactive"}})]
    places = {row["_id"]: RecordView(row) for row in Location._get_collection().find(
        {}, {"name": 1, "address": 1, "public_point": 1, "confidential": 1})}
    organizations = {row["_id"]: row["name"] for row in Organization._get_collection().find({}, {"name": 1})}
    entries = [entry for service in services
               for entry in _entries(service, _place(service, places), organizations.get(service.organization))]
    return sorted(entries, key=lambda entry: (entry["name"].lower(), entry["slug"]))


def _entries(service, place, organization: str | None) -> Iterator[dict]:
    meeting = service.meeting
    shared = {"name": service.name[:255], "timezone": service.timezone, "types": _types(meeting, service.status),
              **_optional(updated=_updated(service.updated_at), notes=meeting.notes or service.description,
                          group=meeting.group, entity=organization, conference_url=meeting.conference_url,
                          conference_url_notes=meeting.conference_url_notes,
                          conference_phone=meeting.conference_phone,
                          conference_phone_notes=meeting.conference_phone_notes),
              **_where(place, meeting)}
    times = _weekly_times(service.schedules)
    if not service.schedules:
        yield {"slug": service.id, **shared}  # by appointment
    for number, ((opens, closes), days) in enumerate(times, start=1):
        yield {"slug": service.id if number == 1 else f"{service.id}-{number}", **shared,
               "day": days[0] if len(days) == 1 else days, "time": opens, "end_time": closes}


def _weekly_times(schedules) -> list[tuple[tuple[str, str], list[int]]]:
    """[((opens, closes), [days])] for plain weekly rules, by start time."""
    grouped: dict[tuple[str, str], set[int]] = {}
    for rule in schedules:
        if (rule.freq or "WEEKLY") == "WEEKLY" and all(code in DAYS for code in rule.byday):
            grouped.setdefault((rule.opens_at, rule.closes_at), set()).update(DAYS[code] for code in rule.byday)
    return [(hours, sorted(days)) for hours, days in sorted(grouped.items()) if days]


def _types(meeting, status: str) -> list[str]:
    known = meeting_types()
    codes = [code for code in meeting.types if code in known]
    return codes + ["TC"] if status == "temporarily_closed" and "TC" not in codes else codes


def _where(place, meeting) -> dict:
    if place is None:
        return {}
    lng, lat = coordinates(place.public_point)
    address = place.address
    if place.confidential:  # the town and a coarse point only, as the public API shows it
        return _optional(city=address.city, state=address.region, country=address.country,
                         approximate="yes", latitude=round(lat, 5), longitude=round(lng, 5))
    return _optional(location=place.name, address=address.address_1, city=address.city, state=address.region,
                     postal_code=address.postal_code, country=address.country,
                     approximate="yes" if meeting.approximate else "no",
                     latitude=round(lat, 5), longitude=round(lng, 5))


def _place(service, places: dict):
    """The meeting's first place (Meeting Guide has one address per meeting)."""
    return next((places[link.location] for link in service.locations if link.location in places), None)


def _updated(moment: datetime | None) -> str | None:
    return moment.strftime("%Y-%m-%d %H:%M:%S") if moment else None


def _optional(**fields) -> dict:
    """Fields that do not apply are omitted, as the specification asks."""
    return {name: value for name, value in fields.items() if value not in (None, "", [])}
