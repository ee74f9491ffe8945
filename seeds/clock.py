"""The load moment and the dates around it: seed data is dated relative to when it is loaded, so it stays current."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from api.models.fields import utcnow

# Fixed-date public holidays; enough to give schedules an upcoming closure whatever the load date.
HOLIDAYS = ((1, 1, "New Year's Day"), (6, 19, "Juneteenth"), (7, 4, "Independence Day"),
            (11, 11, "Veterans Day"), (12, 25, "Christmas Day"))


def resolve_now(now: datetime | None) -> datetime:
    """Naive UTC, as the models store it; an aware datetime is converted, None means the current moment."""
    if now is None:
        return utcnow()
    if now.tzinfo is not None:
        return now.astimezone(UTC).replace(tzinfo=None)
    return now


def local_today(now: datetime, timezone: str) -> date:
    """The calendar date at the naive-UTC moment now, in timezone."""
    return now.replace(tzinfo=UTC).astimezone(ZoneInfo(timezone)).date()


def next_holiday(today: date) -> tuple[date, str]:
    """The first holiday strictly after today, so an exception on it is always still to come."""
    candidates = [(date(year, month, day), name) for year in (today.year, today.year + 1)
                  for month, day, name in HOLIDAYS]
    return min((day, name) for day, name in candidates if day > today)


def hours_before(now: datetime, hours: float) -> datetime:
    """now minus hours, to the minute, as a person confirming a count would have recorded it."""
    return (now - timedelta(hours=hours)).replace(second=0, microsecond=0)
