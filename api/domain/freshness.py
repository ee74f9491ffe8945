"""Availability with honesty about age: a count nobody confirmed within its TTL is "unconfirmed", not current.

A count several people reported wrong (a capacity doubt: api/services/reports/doubt.py) is unconfirmed too, however
young, until a partner confirms it; the summary then says what people reported rather than the count's age.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from api.i18n.text import N_, ngettext
from api.i18n.text import gettext as _

# What a listing says while people's reports await its partner (a doubt's kind -> the summary).
REPORTED = {"full": N_("People report it may be full"), "closed": N_("People report it may be closed")}


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
    reported: str | None  # "full" or "closed" when people reported it so and no partner has confirmed since
    units: list[UnitAvailability]
    summary: str  # in the language of the moment

    @property
    def accepting(self) -> bool:
        return self.state == "available"


def as_utc(moment: datetime) -> datetime:
    """MongoDB hands back naive UTC datetimes; make them aware so they compare with now."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def vacancy_fresh_until(units, ttl_hours: float, doubt=None) -> int:
    """When the last confirmed free place stops counting (epoch seconds; 0 when there is none, or it is doubted)."""
    if doubt is not None:
        return 0
    ends = [as_utc(unit.updated_at) + timedelta(hours=ttl_hours) for unit in units if unit.available > 0]
    return int(max(ends).timestamp()) if ends else 0


def availability(units, ttl_hours: float, now: datetime, doubt=None) -> Availability:
    """Summarise capacity units; counts older than ttl_hours, or doubted by reports, never count as open places."""
    ttl = timedelta(hours=ttl_hours)
    views = [_unit_view(unit, ttl, now, doubt is not None) for unit in units]
    if not views:
        return Availability("not_tracked", 0, None, None, [], _("Call to ask about availability"))
    if doubt is not None:
        newest = max(view.confirmed_at for view in views)
        return Availability("unconfirmed", 0, newest, doubt.kind, views, _(REPORTED[doubt.kind]))
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
    return Availability(state, open_places, newest, None, views, _summary(state, open_places, views, now))


def _unit_view(unit, ttl: timedelta, now: datetime, doubted: bool) -> UnitAvailability:
    confirmed_at = as_utc(unit.updated_at)
    age = now - confirmed_at
    return UnitAvailability(
        code=unit.code, name=unit.name, available=unit.available, maximum=unit.maximum,
        waitlist_open=bool(unit.waitlist_open), waitlist_length=unit.waitlist_length,
        confirmed_at=confirmed_at, confirmed_by=unit.updated_by, unconfirmed=doubted or age > ttl,
    )


def _summary(state: str, open_places: int, views: list[UnitAvailability], now: datetime) -> str:
    if state == "unconfirmed":
        oldest = min(view.confirmed_at for view in views)
        return _("Unconfirmed for {age}", age=humanize_age(now - oldest))
    confirmed = max(view.confirmed_at for view in views if not view.unconfirmed)
    ago = _("confirmed {age} ago", age=humanize_age(now - confirmed))
    if state == "available":
        # English says "5 open" whatever the count; Spanish needs the count's form: "1 lugar libre", "3 lugares".
        return ngettext("{count} open · {confirmed}", "{count} open · {confirmed}", open_places, confirmed=ago)
    if state == "waitlist":
        return _("Waitlist open · {confirmed}", confirmed=ago)
    return _("Full · {confirmed}", confirmed=ago)


def humanize_age(age: timedelta) -> str:
    """'3 days', '5 hours', '12 minutes': the largest whole unit, as a person would say it, in the language of the
    moment."""
    seconds = max(int(age.total_seconds()), 0)
    if seconds >= 86400:
        return ngettext("{count} day", "{count} days", seconds // 86400)
    if seconds >= 3600:
        return ngettext("{count} hour", "{count} hours", seconds // 3600)
    if seconds >= 60:
        return ngettext("{count} minute", "{count} minutes", seconds // 60)
    return _("moments")
