"""Availability with honesty about age: a count nobody confirmed within its TTL is "unconfirmed", not current."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta


@dataclass(frozen=True)
class UnitAvailability:
    """One capacity unit as the public sees it."""

    code: str
    name: str
    available: int
    maximum: int | None
    waitlist_open: bool
    waitlist_length: int | None
    confirmed_at: datetime
    confirmed_by: str
    unconfirmed: bool


@dataclass(frozen=True)
class Availability:
    """The state a list shows in one word, the confirmed open count, and every unit behind it."""

    state: str  # available | waitlist | full | unconfirmed | not_tracked
    available: int
    confirmed_at: datetime | None
    units: list[UnitAvailability]
    summary: str

    @property
    def accepting(self) -> bool:
        return self.state == "available"


def as_utc(moment: datetime) -> datetime:
    """MongoDB hands back naive UTC datetimes; make them aware so they compare with now."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def vacancy_fresh_until(units, ttl_hours: float) -> int:
    """When the last confirmed free place stops counting (epoch seconds; 0 when there is none)."""
    ends = [as_utc(unit.updated_at) + timedelta(hours=ttl_hours) for unit in units if unit.available > 0]
    return int(max(ends).timestamp()) if ends else 0


def availability(units, ttl_hours: float, now: datetime) -> Availability:
    """Summarise capacity units; counts older than ttl_hours never count as open places."""
    ttl = timedelta(hours=ttl_hours)
    views = [_unit_view(unit, ttl, now) for unit in units]
    if not views:
        return Availability("not_tracked", 0, None, [], "Call to ask about availability")
    fresh = [view for view in views if not view.unconfirmed]
    open_places = sum(view.available for view in fresh)
    newest = max(view.confirmed_at for view in views)
    if open_places:
        state = "available"
    elif any(view.waitlist_open for view in fresh):
        state = "waitlist"
    elif len(fresh) == len(views):
        state = "full"
    else:
        state = "unconfirmed"
    return Availability(state, open_places, newest, views, _summary(state, open_places, views, now))


def _unit_view(unit, ttl: timedelta, now: datetime) -> UnitAvailability:
    confirmed_at = as_utc(unit.updated_at)
    age = now - confirmed_at
    return UnitAvailability(
        code=unit.code, name=unit.name, available=unit.available, maximum=unit.maximum,
        waitlist_open=bool(unit.waitlist_open), waitlist_length=unit.waitlist_length,
        confirmed_at=confirmed_at, confirmed_by=unit.updated_by, unconfirmed=age > ttl,
    )


def _summary(state: str, open_places: int, views: list[UnitAvailability], now: datetime) -> str:
    if state == "unconfirmed":
        oldest = min(view.confirmed_at for view in views)
        return f"Unconfirmed for {humanize_age(now - oldest)}"
    confirmed = max(view.confirmed_at for view in views if not view.unconfirmed)
    ago = f"confirmed {humanize_age(now - confirmed)} ago"
    if state == "available":
        return f"{open_places} open · {ago}"
    return f"{'Waitlist open' if state == 'waitlist' else 'Full'} · {ago}"


def humanize_age(age: timedelta) -> str:
    """'3 days', '5 hours', '12 minutes': the largest whole unit, as a person would say it."""
    seconds = max(int(age.total_seconds()), 0)
    for size, unit in ((86400, "day"), (3600, "hour"), (60, "minute")):
        if seconds >= size:
            count = seconds // size
            return f"{count} {unit}{'' if count == 1 else 's'}"
    return "moments"
