"""When a meeting next meets, optionally on a given day and after a given local time."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from api.domain.schedule import LOOKAHEAD, Opening, openings

# Meeting Guide numbers days from Sunday; schedules store RFC 5545 weekday codes.
MEETING_GUIDE_DAYS = ("SU", "MO", "TU", "WE", "TH", "FR", "SA")


def next_occurrence(service, now: datetime, day: int | None = None,
                    starting_after: str | None = None) -> Opening | None:
    """The occurrence in progress or the next one, in the meeting's time zone; day is Meeting Guide's 0 = Sunday."""
    if service.status != "active":
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


def _next_local_day(now: datetime, zone: ZoneInfo, day: int) -> datetime:
    """now if it is already that weekday where the meeting is, else the coming local midnight of that weekday."""
    local = now.astimezone(zone)
    ahead = ((day - 1) % 7 - local.weekday()) % 7
    if not ahead:
        return now
    return datetime.combine(local.date() + timedelta(days=ahead), time(0), tzinfo=zone)
