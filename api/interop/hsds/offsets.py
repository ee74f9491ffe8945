"""UTC offsets on HSDS schedules, which our listings keep in local time of an IANA zone.

HSDS 3.0 gives a schedule one `timezone`, a number: its UTC offset in hours (schedule.json's example is 3), and
wants opens_at/closes_at with an offset ("09:00-05:00", or a "Z" suffix for UTC). A zone with daylight saving has
two offsets a year, so we choose: the offset in force where the schedule next applies, i.e. on the later of today
(in the zone) and the schedule's first day (valid_from, dtstart), at its opening time (noon when it has none). A
weekly 19:00 meeting in America/Chicago is "19:00-06:00" with timezone -6 in January and "19:00-05:00" with -5 in
July; a dated closure or special hours carry the offset of their own day. The answer changes with the date, which
is part of every /hsds ETag (reads.directory_version), so a cached copy is revalidated when the offset changes.
A consumer that expands a rule across a change of offset needs the zone itself: it stays named in the notes.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

NO_TIME = time(12)


def zoned(schedules: list[dict], zone_name: str, now: datetime) -> list[dict]:
    """The schedules, each with its timezone (UTC offset in hours) and its times with that offset."""
    zone = ZoneInfo(zone_name)
    today = now.astimezone(zone).date()
    return [_zoned(schedule, zone, today) for schedule in schedules]


def _zoned(schedule: dict, zone: ZoneInfo, today: date) -> dict:
    first = max([today] + [date.fromisoformat(schedule[key]) for key in ("valid_from", "dtstart") if key in schedule])
    opens = schedule.get("opens_at")
    offset = datetime.combine(first, time.fromisoformat(opens) if opens else NO_TIME, zone).utcoffset()
    hours = offset.total_seconds() / 3600
    suffix = _suffix(offset)
    return schedule | {"timezone": int(hours) if hours.is_integer() else hours} | {
        key: schedule[key] + suffix for key in ("opens_at", "closes_at") if key in schedule}


def _suffix(offset: timedelta) -> str:
    """RFC 3339's time-offset: Z for UTC, else +HH:MM or -HH:MM."""
    minutes = round(offset.total_seconds() / 60)
    if minutes == 0:
        return "Z"
    sign = "+" if minutes > 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
