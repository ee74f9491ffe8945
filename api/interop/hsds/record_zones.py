"""An HSDS service's time zone: the IANA zone its times are local to, never silently another one.

HSDS 3.0 gives a schedule's zone as a UTC offset in hours (schedule.timezone, a number), which says nothing of
daylight saving. In order:
1. our own output names the IANA zone in a schedule's notes ("local to America/Chicago (IANA ..."): that zone;
2. a schedule timezone that is text must be an IANA zone name;
3. an offset: the zone at the listing's places (timezonefinder) if it keeps that offset for part of the year (an
   offset of -5 at a Chicago address is its summer time), else the import's default zone or the listing's own if
   they do, else the offset as a fixed zone (Etc/GMT-3 for +3), which is what the source said and no more: sound
   for whole hours (the tz database has no fixed zones for the others, which are per-record errors then);
4. no zone given: the zone at the listing's places, else the import's default, else the listing's own; a
   listing with no hours at all that has none of those is read in UTC, where nothing it shows depends on a zone;
   else a per-record error.
The default never replaces a zone the record gives: a zone that disagrees with the record's offset is not used.
"""

import re
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from api.domain.zones import zone_at
from api.i18n.text import gettext as _
from api.interop.hsds.values import Values
from api.models.location import coordinates

ZONE_NOTE = re.compile(r"local to ([A-Za-z0-9_+\-/]+) \(IANA")
NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def timezone(record: dict, values: Values, default: str | None, current: str | None, places: list) -> str | None:
    """The listing's IANA zone; None (with a per-record error) when there is none to be had."""
    offset = None
    for path, schedule in values.objects(record, "schedules", ""):
        notes, given = schedule.get("notes"), schedule.get("timezone")
        match = ZONE_NOTE.search(notes) if isinstance(notes, str) else None
        if match and is_zone(match.group(1)):
            return match.group(1)
        if isinstance(given, str) and not NUMBER.match(given.strip()):
            if not is_zone(given):
                values.fail(f"{path}.timezone", _("{value} is not an IANA time zone such as America/Chicago",
                                                  value=repr(given[:60])))
                return current
            return given
        if given is not None and offset is None:
            offset = _hours(given, f"{path}.timezone", values)
            if offset is None:
                return current
    local = _zone_of(places)
    if offset is not None:
        return _keeping(offset, [local, default, current], values)
    if local or default or current:
        return local or default or current
    if not record.get("schedules"):
        return "Etc/UTC"
    values.fail("schedules", _("no time zone: give the schedules a timezone, the listing a place, or the import a "
                               "default time zone (such as America/Chicago)"))
    return None


def _hours(given, path: str, values: Values) -> float | None:
    try:
        hours = float(given)
    except (TypeError, ValueError):
        hours = None
    if isinstance(given, bool) or hours is None or not -12 <= hours <= 14:
        values.fail(path, _("{value} is not a UTC offset in hours (from -12 to 14)", value=repr(str(given)[:20])))
        return None
    return hours


def _keeping(hours: float, candidates: list[str | None], values: Values) -> str | None:
    """The first candidate zone that keeps this offset at some time of year, else the offset as a fixed zone."""
    year = datetime.now().year
    for zone in filter(None, candidates):
        offsets = {ZoneInfo(zone).utcoffset(datetime(year, month, 1)).total_seconds() / 3600 for month in (1, 7)}
        if hours in offsets:
            return zone
    if hours.is_integer():
        # POSIX signs: Etc/GMT-3 is three hours ahead of UTC.
        return "Etc/UTC" if hours == 0 else f"Etc/GMT{-int(hours):+d}"
    values.fail("schedules", _("UTC{offset} is not a whole number of hours and no zone at the listing's places keeps "
                               "it: give the schedules an IANA time zone (such as Asia/Kolkata)",
                               offset=format(hours, "+g")))
    return None


def _zone_of(places: list) -> str | None:
    """The zone at the first of the listing's places that timezonefinder places on land."""
    for place in places:
        if place.point is not None:
            zone = zone_at(*coordinates(place.point))
            if zone:
                return zone
    return None


def is_zone(name: str) -> bool:
    """Whether this machine's tz database knows the IANA zone."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True
