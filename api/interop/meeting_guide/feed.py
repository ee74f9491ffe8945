"""Our meetings as a Meeting Guide JSON feed, written so that every client reads each meeting as we mean it.

The specification (code4recovery/spec; api/data/meeting-guide/ holds its types) allows more than its clients read
correctly. Each choice below follows what a client's own code does: TSML UI (src/helpers/load-meeting-data.ts), the
12 Step Meeting List WordPress plugin (includes/functions_import.php) and the Meeting Guide app (the spec's notes).

- One entry per day and start time; `day` is never a list. TSML UI's flattenDays() splices the multi-day entries
  out of the array by the indexes it noted before splicing, so from the second one on it removes the wrong entries:
  day lists survive, luxon throws ("Invalid unit value 0,1,2") and the whole feed fails to load.
- Slugs: `<listing id>_<day>` (day 0-6 from Sunday); a listing that starts more than once on a day gets
  `<listing id>_<day>_<HHMM>` for each of those starts; a meeting by appointment is its bare id. A slug is the key
  of a Meeting Guide app bookmark and of TSML UI's `?meeting=` link, so it must survive edits: the id survives a
  rename, the day survives a changed time (the usual edit), other days coming and going change nothing. Clients
  make new slugs only by appending "-<number>": TSML UI and 12 Step Meeting List `<slug>-<day>` for day lists, the
  plugin `<slug>-<n>` for a slug repeated in one feed, WordPress `-2` for a post name taken. Ours end in "_" and
  digits, with no "-" after the last "_", or are a bare UUID (36 characters, no "_"), so no derived slug (a "-"
  after the last "_", or a UUID lengthened) is ever one of ours. WordPress's sanitize_title keeps "_", and UUIDs are
  already lower case.
- `end_time` only when the meeting ends on the day it starts. TSML UI puts the end on the start's weekday, so a
  23:30-00:30 meeting would end 23 hours before it starts (never "in progress", a calendar event ending before it
  begins). "24:30" is no way out: the spec's HH:MM is a clock time and luxon accepts hour 24 only at minute 0, so
  TSML UI drops the meeting ("invalid end"). Left out, the end is one hour after the start in the spec, TSML UI
  (settings.duration) and the Meeting Guide app: the right length for most late meetings, and never a negative one.
- An online meeting whose time zone is not the zone of its place is listed at the town its own zone is named after
  (api/domain/zone_towns.py: "New York" for America/New_York), approximately, with its place's town as `region`.
  The 12 Step Meeting List keeps one time zone per location: tsml_import_sanitize_meetings() gives every entry with
  the same formatted_address (address, city, state, postal code, country) the first entry's timezone, and
  tsml_import_buffer_next() stores it on the location found by the geocoded address, so Eastern and Mountain time
  meetings listed at a Riverton address would all be shown in Central time. A town inside the meeting's own zone
  geocodes to an address of its own whose other meetings are in that zone too. TSML UI files a meeting under
  `region` before `city`, so the meeting is still found under its place's town. In-person and hybrid meetings keep
  their street address whatever their zone: people go there.
- A meeting without a place is listed at its zone's town too: TSML UI skips an entry without any address ("no
  address information") and the plugin refuses one ("No location information provided").

The specification is for weekly meetings, so monthly-only meetings are left out; a meeting without hours is "by
appointment" (no day or time). Temporarily closed meetings carry the TC type; inactive ones are not listed. A
confidential place gives only its town and an approximate point. A meeting held in a language other than the
directory's own carries that language's type: S for one whose languages include Spanish.
"""

from collections import Counter
from collections.abc import Iterator
from datetime import datetime

from api.domain.meeting_types import language_types, meeting_types
from api.domain.zone_towns import zone_town
from api.domain.zones import zone_at
from api.models import Location, Organization, Service
from api.models.location import coordinates
from api.models.records import RecordView
from api.models.translations import ORIGINAL
from api.services.reports.links import report_url

# Meeting Guide numbers days from Sunday; RFC 5545 names them.
DAYS = {"SU": 0, "MO": 1, "TU": 2, "WE": 3, "TH": 4, "FR": 5, "SA": 6}
MINUTES_A_DAY = 24 * 60


def meeting_guide_feed() -> list[dict]:
    """Every listed meeting, one entry per day and start time, ordered by name then slug."""
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
    shared = {"name": service.name[:255], "timezone": service.timezone,
              "types": _types(meeting, service.status, service.languages or []),
              **_optional(updated=_updated(service.updated_at), notes=meeting.notes or service.description,
                          group=meeting.group, entity=organization, conference_url=meeting.conference_url,
                          conference_url_notes=meeting.conference_url_notes,
                          conference_phone=meeting.conference_phone,
                          conference_phone_notes=meeting.conference_phone_notes,
                          feedback_url=report_url(service.id)),  # POST a report (api/resources/reports)
              **_where(service, place)}
    if not service.schedules:
        yield {"slug": service.id, **shared}  # by appointment
    occurrences = _weekly_occurrences(service.schedules)
    starts = Counter(day for day, _, _ in occurrences)
    for day, opens, closes in occurrences:
        slug = f"{service.id}_{day}" if starts[day] == 1 else f"{service.id}_{day}_{opens.replace(':', '')}"
        yield {"slug": slug, **shared, "day": day, "time": opens,
               **({"end_time": closes} if closes > opens else {})}  # ends on the day it starts


def _skips_weeks(rule) -> bool:
    """Whether a weekly rule (an HSDS import's) meets only some weeks: every other week, a number of times, some
    days of the month or year. A feed entry meets every week: such a rule is left out, as monthly ones are."""
    return (rule.interval or 1) > 1 or bool(rule.count or rule.bymonthday or rule.byweekno or rule.byyearday)


def _weekly_occurrences(schedules) -> list[tuple[int, str, str]]:
    """[(day, opens, closes)] of the plain weekly rules, by day and time; of two rules starting on the same day at
    the same time the longer one is kept (an entry has one end)."""
    ends: dict[tuple[int, str], str] = {}
    for rule in schedules:
        if (rule.freq or "WEEKLY") != "WEEKLY" or not all(code in DAYS for code in rule.byday) or _skips_weeks(rule):
            continue
        for code in rule.byday:
            key = (DAYS[code], rule.opens_at)
            if key not in ends or _length(rule.opens_at, rule.closes_at) > _length(rule.opens_at, ends[key]):
                ends[key] = rule.closes_at
    return [(day, opens, closes) for (day, opens), closes in sorted(ends.items())]


def _length(opens: str, closes: str) -> int:
    """Minutes from opens to closes, past midnight when closes is earlier; equal times are the full 24 hours."""
    return (_minutes(closes) - _minutes(opens)) % MINUTES_A_DAY or MINUTES_A_DAY


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def _types(meeting, status: str, languages: list[str]) -> list[str]:
    known = meeting_types()
    codes = [code for code in meeting.types if code in known]
    codes += [code for code in language_types(languages, ORIGINAL) if code in known and code not in codes]
    return codes + ["TC"] if status == "temporarily_closed" and "TC" not in codes else codes


def _where(service, place) -> dict:
    if place is None:
        return _zone_town(service.timezone)
    lng, lat = coordinates(place.public_point)
    address = place.address
    if service.meeting.attendance == "online" and zone_at(lng, lat) not in (None, service.timezone):
        return {**_zone_town(service.timezone), **_optional(region=address.city)}
    if place.confidential:  # the town and a coarse point only, as the public API shows it
        return _optional(city=address.city, state=address.region, country=address.country,
                         approximate="yes", latitude=round(lat, 5), longitude=round(lng, 5))
    return _optional(location=place.name, address=address.address_1, city=address.city, state=address.region,
                     postal_code=address.postal_code, country=address.country,
                     approximate="yes" if service.meeting.approximate else "no",
                     latitude=round(lat, 5), longitude=round(lng, 5))


def _zone_town(zone: str) -> dict:
    """The town a zone is named after, as an approximate address."""
    town = zone_town(zone)
    return _optional(city=town.town, country=town.country, approximate="yes", latitude=town.lat, longitude=town.lng)


def _place(service, places: dict):
    """The meeting's first place (Meeting Guide has one address per meeting)."""
    return next((places[link.location] for link in service.locations if link.location in places), None)


def _updated(moment: datetime | None) -> str | None:
    return moment.strftime("%Y-%m-%d %H:%M:%S") if moment else None


def _optional(**fields) -> dict:
    """Fields that do not apply are omitted, as the specification asks."""
    return {name: value for name, value in fields.items() if value not in (None, "", [])}
