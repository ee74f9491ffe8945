"""One Meeting Guide feed entry onto a meeting listing: each field read, checked with a message a person can act
on, and set (the specification: /work/shared/reference/meeting-guide/SPEC-README.md; its copy in api/data/).

- day (0-6 from Sunday, or a list) + time + end_time (default an hour later) are one weekly schedule; neither day
  nor time means "by appointment" (no schedule), one without the other is an error.
- timezone (optional in the specification): the entry's own; else the zone at its coordinates, or at the place its
  address was matched or geocoded to (timezonefinder's offline data: a feed spanning zones gets each right, where
  one default would move some meetings by an hour); else the import's default zone; else the zone the meeting had.
  Failing all of them it is an error of that entry alone, and only when the entry has a time: a meeting by
  appointment has no time for a zone to place, so it takes UTC, which nothing reads (the model wants a zone).
- types: the standard codes (api/domain/meeting_types.py) are kept; any other code is added to the notes as
  "Other types: X, Y" rather than dropped. ONL is understood (it drives attendance) though not a standard code.
  A language's type names a language the meeting is held in (S: es), as our feed writes it.
- Attendance as the 12 Step Meeting List derives it (reference/README.md); "online" is ONL or a conference link
  or phone, since our online and hybrid meetings need one of those to be joined:
      TC + online -> online (in person is closed for now)   TC alone -> temporarily closed
      online + approximate address (or none) -> online      online + exact address -> hybrid
      neither, approximate address (or none) -> inactive    otherwise -> in person
- The place: one of the organisation's places at this address and city, else a new one at latitude/longitude,
  else where the geocoder puts the address. An online meeting whose approximate address cannot be placed simply
  has no place; any other meeting that cannot be placed is an error.
- `updated` is not kept (our listings carry their own edit time); region fields, entity and 7th Tradition
  handles are not part of our model.
"""

import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from mongoengine import ValidationError

from api.domain.meeting_types import languages_from_types, meeting_types
from api.domain.vocabulary import FELLOWSHIPS
from api.domain.zones import zone_at
from api.i18n.text import gettext as _
from api.interop.imports.cells import CellError
from api.interop.imports.places import PlaceError, PlaceWanted, location_id
from api.interop.imports.plan import RowContext
from api.interop.meeting_guide.values import has_street, point_of, text_of, wanted_place
from api.models import Service, ServiceAtLocation
from api.models.details import MeetingDetail
from api.models.fields import validate_timezone
from api.models.location import coordinates
from api.models.schedule import WEEKDAYS, Schedule
from api.models.translations import ORIGINAL
from api.services.geocoding import FOUND, MESSAGES, Geocoded, Geocoder, address_query, geocode

DAY_CODES = ("SU", "MO", "TU", "WE", "TH", "FR", "SA")  # Meeting Guide numbers days from Sunday
TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?$")
PHONE_PUNCTUATION = re.compile(r"[\s().-]")
UNTIMED_ZONE = "UTC"  # a meeting by appointment that names no zone and has no place to find one from
TC_ONLINE_NOTE = "In person is temporarily closed: this meeting meets online."
# Where a whole-listing validation error is shown: the feed field it came from.
FIELD_KEYS = {"name": "name", "url": "url", "timezone": "timezone", "schedules": "time", "locations": "address",
              "status_note": "types"}


@dataclass(frozen=True)
class FeedOptions:
    """What the feed does not say for itself: its provenance name, fellowship and default time zone, a geocoder."""

    source: str
    fellowship: str = "aa"
    timezone: str | None = None
    geocoder: Geocoder | None = None
    geocoded: dict[str, Geocoded] = field(default_factory=dict)  # one lookup per address per import


def key_for(path: str) -> str:
    """The feed field a validation error's path ("meeting.conference_url") is about."""
    parts = path.split(".")
    if parts[0] == "meeting":
        return parts[-1]
    return FIELD_KEYS.get(parts[0], parts[0])


def slug_of(entry: dict) -> str:
    """The entry's slug as our source id; ValueError when it has none that can be one."""
    slug = entry.get("slug")
    if isinstance(slug, bool) or not isinstance(slug, (str, int)) or not str(slug).strip():
        raise ValueError(_("needed: a string or integer unique in the feed"))
    slug = str(slug).strip()
    if len(slug) > 200:
        raise ValueError(_("longer than {count} characters", count=200))
    return slug


def fill_meeting(entry: dict, options: FeedOptions, service: Service, context: RowContext) -> dict[str, str]:
    """Set the meeting from the entry; return {field: message} for the fields that could not be used."""
    errors: dict[str, str] = {}

    def attempt(key: str, step, default=None):
        try:
            return step()
        except CellError as error:
            errors.setdefault(error.column or key, str(error))
        except ValueError as error:
            errors.setdefault(key, str(error))
        return default

    service.category = "meeting"
    service.meeting = service.meeting or MeetingDetail()
    meeting = service.meeting
    meeting.fellowship = options.fellowship
    service.name = attempt("name", lambda: text_of(entry, "name", 200, required=True))
    service.url = attempt("url", lambda: text_of(entry, "url", 2000))
    attempt("day", lambda: _schedule(service, entry))
    codes = attempt("types", lambda: _codes(entry), default=[])
    meeting.group = attempt("group", lambda: text_of(entry, "group", 200))
    meeting.conference_url = attempt("conference_url", lambda: text_of(entry, "conference_url", 2000))
    meeting.conference_url_notes = attempt("conference_url_notes",
                                           lambda: text_of(entry, "conference_url_notes", 300))
    meeting.conference_phone = attempt("conference_phone", lambda: _phone(entry))
    meeting.conference_phone_notes = attempt("conference_phone_notes",
                                             lambda: text_of(entry, "conference_phone_notes", 300))
    online = "ONL" in codes or bool(meeting.conference_url or meeting.conference_phone)
    approximate = attempt("approximate", lambda: _approximate(entry), default=False)
    placed = attempt("address", lambda: _place(service, entry, options, context, online, approximate), default=False)
    meeting.approximate = approximate or not placed
    attempt("timezone", lambda: _timezone(service, entry, options))  # after the place: its point can tell the zone
    known = meeting_types()
    meeting.types = [code for code in codes if code in known]
    service.languages = languages_from_types(service.languages, meeting.types, ORIGINAL)
    _attendance(service, online, "TC" in codes)
    attempt("notes", lambda: _notes(service, entry, [code for code in codes if code not in known and code != "ONL"]))
    return errors


def _schedule(service: Service, entry: dict) -> None:
    day, time = entry.get("day"), entry.get("time")
    if _by_appointment(entry):
        service.schedules = []
        return
    if day in (None, "", []):
        raise CellError(_("needed with a time (leave out both day and time for a meeting by appointment)"), "day")
    if time in (None, ""):
        raise CellError(_("needed with a day (leave out both day and time for a meeting by appointment)"), "time")
    days = {_day(value) for value in (day if isinstance(day, list) else [day])}
    opens = _time(time, "time")
    closes = _time(entry["end_time"], "end_time") if entry.get("end_time") not in (None, "") else _plus_hour(opens)
    byday = sorted((DAY_CODES[number] for number in days), key=WEEKDAYS.index)
    service.schedules = [Schedule(freq="WEEKLY", byday=byday, opens_at=opens, closes_at=closes)]


def _day(value) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 6:
        raise CellError(_("{value} is not a day: 0 (Sunday) to 6 (Saturday), or a list of them",
                          value=repr(str(value)[:20])),
                        "day")
    return value


def _time(value, key: str) -> str:
    match = TIME.match(value.strip()) if isinstance(value, str) else None
    if match is None:
        raise CellError(_("{value} is not a time in HH:MM 24-hour form", value=repr(str(value)[:20])), key)
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def _plus_hour(opens: str) -> str:
    return (datetime.strptime(opens, "%H:%M") + timedelta(hours=1)).strftime("%H:%M")


def _timezone(service: Service, entry: dict, options: FeedOptions) -> None:
    given = text_of(entry, "timezone", 60)
    if given is not None:
        service.timezone = timezone_or_error(given)
        return
    found = _zone_of_place(service, entry) or options.timezone or service.timezone
    if found:
        service.timezone = found
    elif _by_appointment(entry):
        service.timezone = UNTIMED_ZONE
    else:
        raise ValueError(_("needed: this meeting has a time but gives no timezone, nor coordinates to find it from, "
                           "and no default time zone was chosen"))


def _zone_of_place(service: Service, entry: dict) -> str | None:
    """The zone at the entry's coordinates, else at its place's (matched or geocoded); None when neither says."""
    try:
        point = point_of(entry)
    except CellError:  # reported as the address's error; the place may still tell
        point = None
    if point is None and service.locations:
        point = coordinates(service.locations[0].location.point)
    return zone_at(*point) if point is not None else None


def _by_appointment(entry: dict) -> bool:
    """A meeting by appointment gives neither a day nor a time."""
    return entry.get("day") in (None, "", []) and entry.get("time") in (None, "")


def timezone_or_error(name: str) -> str:
    """An IANA time-zone name checked; ValueError with a message a person can act on."""
    try:
        validate_timezone(name)
    except ValidationError:
        raise ValueError(_("{value} is not a time zone such as America/Chicago", value=repr(name[:60]))) from None
    return name


def _codes(entry: dict) -> list[str]:
    value = entry.get("types")
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValueError(_('should be a list of type codes such as ["O", "D"]'))
    return list(dict.fromkeys(code.strip() for code in value if code.strip()))


def _phone(entry: dict) -> str | None:
    number = text_of(entry, "conference_phone", 60)
    return PHONE_PUNCTUATION.sub("", number) if number else None


def _approximate(entry: dict) -> bool:
    value = entry.get("approximate")
    if value in (None, ""):
        return not (entry.get("address") or entry.get("latitude") not in (None, "")) and not has_street(entry)
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("yes", "no", "true", "false"):
        return value.strip().lower() in ("yes", "true")
    raise ValueError(_('{value} is not "yes" or "no"', value=repr(str(value)[:20])))


def _place(service: Service, entry: dict, options: FeedOptions, context: RowContext, online: bool,
           approximate: bool) -> bool:
    """Link the meeting to its place; False when it has none (online, or no address at all)."""
    wanted = wanted_place(entry)
    if wanted is None:
        service.locations = []
        return False
    try:
        place = context.places.find_or_add(wanted)
    except PlaceError as error:
        if wanted.point is not None or error.column != "latitude":
            raise CellError(str(error), error.column) from None
        found = _geocode(wanted, options, context.places.organization.id)
        if found.status != FOUND:
            if online and approximate:
                service.locations = []  # an online meeting needs no door: its town alone is no place to go
                return False
            raise CellError(_("give latitude and longitude (a new place): {advice}", advice=_(MESSAGES[found.status])),
                            "latitude") from None
        try:
            place = context.places.find_or_add(replace(wanted, point=(found.lng, found.lat)))
        except PlaceError as again:
            raise CellError(str(again), again.column) from None
    kept = next((link for link in service.locations if location_id(link) == place.id), None)
    service.locations = [kept or ServiceAtLocation(location=place)]
    return True


def _geocode(wanted: PlaceWanted, options: FeedOptions, organization: str) -> Geocoded:
    address = {"address_1": wanted.address_1, "city": wanted.city, "region": wanted.region,
               "postal_code": wanted.postal_code, "country": wanted.country}
    query = address_query(address)
    if query not in options.geocoded:
        options.geocoded[query] = geocode(address, options.geocoder, organization)
    return options.geocoded[query]


def _attendance(service: Service, online: bool, closed: bool) -> None:
    """Attendance and status from online / TC / approximate, as the 12 Step Meeting List derives them."""
    meeting = service.meeting
    joinable = bool(meeting.conference_url or meeting.conference_phone)
    service.status, service.status_note, meeting.attendance = "active", None, "in_person"
    if online and joinable:
        meeting.attendance = "online" if closed or meeting.approximate else "hybrid"
        service.status_note = TC_ONLINE_NOTE if closed else None
    elif closed:
        service.status = "temporarily_closed"
    elif meeting.approximate:
        service.status = "inactive"  # neither online nor at a door: nowhere to go


def _notes(service: Service, entry: dict, unknown: list[str]) -> None:
    parts = [text_of(entry, "notes", 2000)]
    for key, label in (("location_notes", "Location"), ("group_notes", "Group")):
        if note := text_of(entry, key, 2000):
            parts.append(f"{label}: {note}")
    if unknown:
        parts.append("Other types: " + ", ".join(code[:40] for code in unknown))
    service.meeting.notes = "\n\n".join(part for part in parts if part) or None


def fellowship_or_error(code: str) -> str:
    """The fellowship option checked: one of ours."""
    if code not in FELLOWSHIPS:
        raise ValueError(_("{value} is not one of {choices}", value=repr(code), choices=", ".join(FELLOWSHIPS)))
    return code
