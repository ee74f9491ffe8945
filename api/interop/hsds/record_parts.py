"""An HSDS service's schedules and capacity, read onto our listing (its time zone: record_zones).

- Schedules: freq WEEKLY or MONTHLY with byday, opens_at and closes_at ("10:00:00" is 10:00; an offset after a
  time is dropped: times are local to the listing's zone, which record_zones reads from the schedule's own
  timezone). The other RFC 5545 parts (dtstart, interval, count, until, bymonthday, byweekno, byyearday, wkst)
  are kept and honoured (api/domain/recurrence.py); an interval or a count needs a first day (dtstart, else
  valid_from). Another freq is a per-record error. A schedule without freq whose valid_from equals its valid_to
  (our output's dated closures and special hours) is an exception on that day.
- Capacity: HSDS 3.1-dev service_capacity with its unit; a unit of scheme "lantern" keeps its code (identifier),
  others get a code from their identifier or name. A count equal to what the listing holds keeps its stamp.
"""

import re

from api.i18n.text import gettext as _
from api.interop.hsds.record_contacts import source_id
from api.interop.hsds.values import Values, object_id, slug
from api.interop.imports.plan import RowContext
from api.models.capacity import CapacityUnit
from api.models.schedule import BYDAY, WEEKDAYS, Schedule, ScheduleException

WAITLIST = re.compile(r"(?:^|\. )Waitlist open(?: \((\d+) waiting\))?$")
# RFC 5545 BYMONTHDAY, BYWEEKNO, BYYEARDAY: the largest number each may give, counted from the start or the end.
NUMBERED = {"bymonthday": 31, "byweekno": 53, "byyearday": 366}


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
                values.fail(f"{path}.freq", _("needed (WEEKLY or MONTHLY), unless the schedule is one day"))
                continue
            closed = opens is None
            reason = re.sub(r"^(Closed|Special hours)(: )?", "", description or "") or None
            exceptions.append(ScheduleException(date=day, closed=closed, opens_at=opens, closes_at=closes,
                                                reason=reason and reason[:200]))
            continue
        if freq.upper() not in ("WEEKLY", "MONTHLY"):
            values.fail(f"{path}.freq", _("{value} is not supported: WEEKLY or MONTHLY", value=repr(freq[:20])))
            continue
        days = _days(item, path, values)
        if opens is None or closes is None:
            values.fail(f"{path}.{'opens_at' if opens is None else 'closes_at'}", _("needed with a freq"))
            continue
        rules.append(Schedule(freq=freq.upper(), byday=days, opens_at=opens, closes_at=closes,
                              valid_from=valid_from, valid_to=valid_to, description=description and description[:300],
                              **_rule_parts(item, path, values)))
    return rules, exceptions


def _rule_parts(item: dict, path: str, values: Values) -> dict:
    """The schedule's id, its RFC 5545 parts beyond freq and byday, and what it says besides its hours."""
    wkst = (values.text(item, "wkst", path) or "").upper() or None
    if wkst is not None and wkst not in WEEKDAYS:
        values.fail(f"{path}.wkst", _("{value} is not a weekday code such as MO", value=repr(wkst[:20])))
    parts = {"id": source_id(item), "dtstart": values.day(item, "dtstart", path),
             "until": values.day(item, "until", path), "interval": values.integer(item, "interval", path, 1, 1000),
             "count": values.integer(item, "count", path, 1, 10_000), "wkst": wkst if wkst in WEEKDAYS else None,
             "schedule_link": values.text(item, "schedule_link", path, 500),
             "attending_type": values.text(item, "attending_type", path, 300),
             "notes": values.text(item, "notes", path, 1000)}
    if (parts["interval"] or 1) > 1 or parts["count"]:
        if not (parts["dtstart"] or values.day(item, "valid_from", path)):
            values.fail(f"{path}.dtstart", _("needed with an interval or a count: the day they count from"))
    return parts | {key: _numbers(item, key, path, values, high) for key, high in NUMBERED.items()}


def _numbers(item: dict, key: str, path: str, values: Values, high: int) -> list[int]:
    """"2,3,-1" as [2, 3, -1]: each from 1 to high, or from -high to -1 (counted from the end)."""
    text = values.text(item, key, path) if not isinstance(item.get(key), int) else str(item[key])
    found = []
    for part in (text or "").split(","):
        if not part.strip():
            continue
        try:
            number = int(part)
        except ValueError:
            number = 0
        if number == 0 or abs(number) > high:
            values.fail(f"{path}.{key}", _("{value} is not a number from 1 to {high} (or -{high} to -1)",
                                           value=repr(part.strip()[:10]), high=high))
            return []
        found.append(number)
    return found


def _days(item: dict, path: str, values: Values) -> list[str]:
    text = values.text(item, "byday", path) or ""
    days = [day.strip().upper() for day in text.split(",") if day.strip()]
    bad = next((day for day in days if not BYDAY.match(day)), None)
    if bad is not None:
        values.fail(f"{path}.byday", _("{value} is not a weekday code such as MO or 2SA", value=repr(bad[:20])))
    if not days:
        values.fail(f"{path}.byday", _("needed: the weekdays, such as MO,TU"))
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
            values.fail(f"{path}.available", _("needed: how many are free now"))
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

