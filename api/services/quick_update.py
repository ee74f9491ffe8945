"""The quick-update buttons as edits: each returns the change that save_edit applies to a listing.

A count a person sets is a count they confirmed: it gets their name and the time, so its freshness starts over.
"""

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from api.domain.recurrence import as_date
from api.domain.schedule import openings
from api.i18n.text import gettext as _
from api.models import Service
from api.models.schedule import ScheduleException
from api.services.editing import InvalidEdit

Change = Callable[[Service], None]


def adjust(unit_id: str, delta: int, who: str, now: datetime) -> Change:
    """One more or one fewer free place (never below 0 nor above the maximum)."""
    def change(service: Service) -> None:
        unit = _unit(service, unit_id)
        top = unit.maximum if unit.maximum is not None else unit.available + max(delta, 0)
        unit.available = min(max(unit.available + delta, 0), top)
        _confirmed(unit, who, now)
    return change


def full(unit_id: str, who: str, now: datetime) -> Change:
    def change(service: Service) -> None:
        unit = _unit(service, unit_id)
        unit.available = 0
        _confirmed(unit, who, now)
    return change


def waitlist(unit_id: str, is_open: bool, who: str, now: datetime) -> Change:
    def change(service: Service) -> None:
        unit = _unit(service, unit_id)
        unit.waitlist_open = is_open
        _confirmed(unit, who, now)
    return change


def still_accurate(who: str, now: datetime) -> Change:
    """Every count confirmed as it stands: nothing changes but who confirmed it and when."""
    def change(service: Service) -> None:
        for unit in service.capacity:
            _confirmed(unit, who, now)
    return change


def set_status(status: str, note: str | None) -> Change:
    """Temporarily closed (with a reason people will read) or open again."""
    def change(service: Service) -> None:
        service.status = status
        service.status_note = (note or "").strip() or None if status == "temporarily_closed" else None
    return change


def cancel_meeting(day: date, reason: str | None, today: date) -> Change:
    """No meeting on that date (a closed exception); a past date or one the meeting does not meet on is refused."""
    def change(service: Service) -> None:
        if day < today:
            raise InvalidEdit({"date": _("That date has passed.")})
        if any(as_date(exception.date) == day for exception in service.exceptions):
            raise InvalidEdit({"date": _("That date already has an exception.")})
        zone = ZoneInfo(service.timezone)
        start = datetime.combine(day, time(), zone)
        if not any(True for _ in openings(service.schedules, (), service.timezone, start, start + timedelta(days=1))):
            raise InvalidEdit({"date": _("The meeting does not meet on that date.")})
        service.exceptions.append(ScheduleException(date=day, closed=True, reason=(reason or "").strip() or None))
    return change


def _unit(service: Service, unit_id: str):
    for unit in service.capacity:
        if unit.id == unit_id:
            return unit
    raise InvalidEdit({"unit": _("That unit is not part of this listing any more.")})


def _confirmed(unit, who: str, now: datetime) -> None:
    unit.updated_at = now
    unit.updated_by = who
