"""An HSDS service's time zone, schedules and capacity, read onto our listing.

- Time zone: HSDS gives a schedule a UTC offset (a number), which a zone with daylight saving does not have. Our
  own output names the IANA zone in each schedule's notes; that is used, else the import's --timezone, else the
  zone the listing already has. A schedule "timezone" that is text must be an IANA zone.
- Schedules: freq WEEKLY or MONTHLY with byday, opens_at and closes_at ("10:00:00" is 10:00; an offset after a
  time is dropped: times are local to the listing's zone). until is the last valid day. What we cannot express is
  a per-record error (another freq, an interval above 1) or, for the parts that only narrow a rule (count,
  byweekno, bymonthday, byyearday, wkst), a documented approximation: they are dropped, so the schedule keeps
  its weekdays and hours. A schedule without freq whose valid_from equals its valid_to (our output's dated
  closures and special hours) is an exception on that day.
- Capacity: HSDS 3.1-dev service_capacity with its unit; a unit of scheme "lantern" keeps its code (identifier),
  others get a code from their identifier or name. A count equal to what the listing holds keeps its stamp.
"""

import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from api.interop.hsds.values import Values, object_id, slug
from api.interop.imports.plan import RowContext
from api.models.capacity import CapacityUnit
from api.models.schedule import BYDAY, Schedule, ScheduleException

ZONE_NOTE = re.compile(r"local to ([A-Za-z0-9_+\-/]+) \(IANA")
WAITLIST = re.compile(r"(?:^|\. )Waitlist open(?: \((\d+) waiting\))?$")
APPROXIMATED = ("count", "byweekno", "bymonthday", "byyearday", "wkst")


def timezone(record: dict, values: Values, default: str | None, current: str | None) -> str | None:
    """The listing's IANA zone; a missing one is a per-record error."""
    for path, schedule in values.objects(record, "schedules", ""):
        notes, given = schedule.get("notes"), schedule.get("timezone")
        match = ZONE_NOTE.search(notes) if isinstance(notes, str) else None
        if match and is_zone(match.group(1)):
            return match.group(1)
        if isinstance(given, str) and not _is_number(given):
            if not is_zone(given):
                values.fail(f"{path}.timezone", f"{given[:60]!r} is not an IANA time zone such as America/Chicago")
                return current
            return given
    if default or current:
        return default or current
    values.fail("schedules", "no IANA time zone: give the import a default time zone (such as America/Chicago)")
    return None


def schedules(record: dict, values: Values) -> tuple[list[Schedule], list[ScheduleException]]:
    rules, exceptions = [], []
    for path, item in values.objects(record, "schedules", ""):
        freq = values.text(item, "freq", path)
        opens, closes = values.time_of_day(item, "opens_at", path), values.time_of_day(item, "closes_at", path)
        valid_from, valid_to = values.day(item, "valid_from", path), values.day(item, "valid_to", path)
        description = values.text(item, "description", path) or None
        if freq is None:
            day = valid_from or values.day(item, "dtstart", path)
            if day is None or (valid_to is not None and valid_to != day):
                if not any(key in item for key in ("byday", "opens_at")):
                    continue  # a schedule that is only words: nothing we can keep as hours
                values.fail(f"{path}.freq", "needed (WEEKLY or MONTHLY), unless the schedule is one day")
                continue
            closed = opens is None
            reason = re.sub(r"^(Closed|Special hours)(: )?", "", description or "") or None
            exceptions.append(ScheduleException(date=day, closed=closed, opens_at=opens, closes_at=closes,
                                                reason=reason and reason[:200]))
            continue
        if freq.upper() not in ("WEEKLY", "MONTHLY"):
            values.fail(f"{path}.freq", f"{freq[:20]!r} is not supported: WEEKLY or MONTHLY")
            continue
        interval = values.integer(item, "interval", path, 1, 1000)
        if interval is not None and interval > 1:
            values.fail(f"{path}.interval", f"every {interval} weeks or months cannot be shown: only interval 1")
            continue
        until = values.day(item, "until", path)
        if until and (valid_to is None or until < valid_to):
            valid_to = until
        days = _days(item, path, values)
        if opens is None or closes is None:
            values.fail(f"{path}.{'opens_at' if opens is None else 'closes_at'}", "needed with a freq")
            continue
        rules.append(Schedule(freq=freq.upper(), byday=days, opens_at=opens, closes_at=closes,
                              valid_from=valid_from, valid_to=valid_to,
                              description=description and description[:300]))
    return rules, exceptions


def _days(item: dict, path: str, values: Values) -> list[str]:
    text = values.text(item, "byday", path) or ""
    days = [day.strip().upper() for day in text.split(",") if day.strip()]
    bad = next((day for day in days if not BYDAY.match(day)), None)
    if bad is not None:
        values.fail(f"{path}.byday", f"{bad[:20]!r} is not a weekday code such as MO or 2SA")
    if not days:
        values.fail(f"{path}.byday", "needed: the weekdays, such as MO,TU")
    return days


def capacity(record: dict, values: Values, current: list[CapacityUnit], context: RowContext) -> list[CapacityUnit]:
    kept = {unit.code: unit for unit in current}
    found: dict[str, CapacityUnit] = {}
    for path, item in values.objects(record, "capacities", ""):
        unit = item.get("unit") if isinstance(item.get("unit"), dict) else {}
        identifier = values.text(unit, "identifier", f"{path}.unit")
        name = values.text(unit, "name", f"{path}.unit", 120)
        code = identifier if unit.get("scheme") == "lantern" and identifier else slug(
            identifier or name or str(item.get("unit_id") or ""))
        available = values.integer(item, "available", path)
        if available is None:
            values.fail(f"{path}.available", "needed: how many are free now")
            continue
        maximum = values.integer(item, "maximum", path)
        description = values.text(item, "description", path, 400) or ""
        waitlist = WAITLIST.search(description)
        if waitlist:
            description = description[:waitlist.start()]
        fields = {"name": name or code, "available": available, "maximum": maximum,
                  "description": description[:300] or None, "waitlist_open": bool(waitlist),
                  "waitlist_length": int(waitlist.group(1)) if waitlist and waitlist.group(1) else None}
        before = kept.get(code)
        if before is not None and all(getattr(before, key) == value for key, value in fields.items()):
            found[code] = before
            continue
        metadata = values.objects(item, "metadata", path)
        who = values.text(metadata[0][1], "updated_by", metadata[0][0], 120) if metadata else None
        found[code] = CapacityUnit(id=before.id if before else object_id(item.get("id")), code=code, **fields,
                                   updated_at=values.moment(item, "updated", path) or context.now,
                                   updated_by=who or context.who[:120])
    return list(found.values())


def is_zone(name: str) -> bool:
    """Whether this machine's tz database knows the IANA zone."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def _is_number(text: str) -> bool:
    return bool(re.match(r"^[+-]?\d+(\.\d+)?$", text.strip()))
