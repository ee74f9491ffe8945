"""When a meeting next meets, optionally on a given day and after a given local time."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from api.domain.recurrence import as_date
from api.domain.schedule import LOOKAHEAD, Opening, openings

# Meeting Guide numbers days from Sunday; schedules store RFC 5545 weekday codes.
MEETING_GUIDE_DAYS = ("SU", "MO", "TU", "WE", "TH", "FR", "SA")


def next_occurrence(service, now: datetime, day: int | None = None,
                    starting_after: str | None = None) -> Opening | None:
    """The occurrence in progress or the next one, in the meeting's time zone; day is Meeting Guide's 0 = Sunday."""
    if service.status != "active" or not _could_match(service, day, starting_after):
        return None
    start = now if day is None else _next_local_day(now, ZoneInfo(service.timezone), day)
    for opening in openings(service.schedules, service.exceptions, service.timezone, start, start + LOOKAHEAD):
        # Python counts weekdays from Monday, Meeting Guide from Sunday.
        if day is not None and opening.start.weekday() != (day - 1) % 7:
            continue
        if starting_after and opening.start.strftime("%H:%M") < starting_after:
            continue
        return opening
    return None


def _could_match(service, day: int | None, starting_after: str | None) -> bool:
    """Whether any schedule or special-hours date could start on that day at or after that time.

    Without this, a Friday 07:00 meeting asked for "Friday after 18:00" would be walked a year ahead in vain.
    """
    if day is None and not starting_after:
        return True
    code = MEETING_GUIDE_DAYS[day] if day is not None else None
    for schedule in service.schedules:
        on_day = code is None or any(weekday.endswith(code) for weekday in schedule.byday)
        if on_day and (not starting_after or schedule.opens_at >= starting_after):
            return True
    return any(not exception.closed and (not starting_after or (exception.opens_at or "") >= starting_after)
               and (day is None or as_date(exception.date).weekday() == (day - 1) % 7)
               for exception in service.exceptions)


def _next_local_day(now: datetime, zone: ZoneInfo, day: int) -> datetime:
    """now if it is already that weekday where the meeting is, else the coming local midnight of that weekday."""
    local = now.astimezone(zone)
    ahead = ((day - 1) % 7 - local.weekday()) % 7
    if not ahead:
        return now
    return datetime.combine(local.date() + timedelta(days=ahead), time(0), tzinfo=zone)
