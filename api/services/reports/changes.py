"""What accepting a report would change: the edit itself, and its preview as before/after against the listing.

The preview is the edit applied to a copy of the listing and compared field by field, as the audit trail compares
a saved edit, so the partner sees exactly what accepting will save. A report whose suggestion cannot be applied
as it stands (a move needs the new place checked, "other" is a note) proposes no edit: its partner edits the
listing, then marks the report already fixed.
"""

from collections.abc import Callable
from datetime import datetime

from api.domain.recurrence import as_date
from api.models import Service
from api.models.contact import Phone
from api.models.report import Report
from api.models.schedule import WEEKDAYS, Schedule
from api.services import quick_update
from api.services.editing import InvalidEdit, stored_fields

Change = Callable[[Service], None]


def proposed(report: Report, who: str, now: datetime) -> Change | None:
    """The edit accepting the report saves, or None when it proposes nothing to apply."""
    suggestion = report.suggestion
    if report.kind == "closed":
        return quick_update.set_status("temporarily_closed", None)
    if report.kind == "full":
        return _all_full(who, now)
    if report.kind == "wrong_hours":
        return _hours(list(suggestion.days), suggestion.opens_at, suggestion.closes_at)
    if report.kind == "phone_wrong" and suggestion.phone:
        return _phone(suggestion.phone)
    if report.kind == "meeting_not_held" and as_date(suggestion.date) >= now.date():
        return quick_update.cancel_meeting(as_date(suggestion.date), None, now.date())
    return None


def preview(report: Report, service: Service, who: str, now: datetime) -> dict[str, list] | None:
    """{field: [now, after accepting]} for the listing as it is, or None when nothing would be applied."""
    change = proposed(report, who, now)
    if change is None:
        return None
    trial = Service._from_son(service.to_mongo())
    try:
        change(trial)
    except InvalidEdit:
        return None  # no longer applies (a date with an exception since): the partner decides by hand
    before, after = stored_fields(service), stored_fields(trial)
    return {name: [before.get(name), after.get(name)] for name in sorted(set(before) | set(after))
            if before.get(name) != after.get(name)}


def _all_full(who: str, now: datetime) -> Change:
    """Every unit full, confirmed by the partner accepting: a confirmation, so the reports' doubt ends too."""
    def change(service: Service) -> None:
        for unit in service.capacity:
            quick_update.full(unit.id, who, now)(service)
    return change


def _hours(days: list[str], opens_at: str, closes_at: str) -> Change:
    """The reported days take the reported hours: weekly rules lose those days (and go if none are left)."""
    def change(service: Service) -> None:
        kept = []
        for rule in service.schedules:
            if rule.freq == "WEEKLY" and not rule.interval:
                rule.byday = [day for day in rule.byday if day not in days]
            if rule.byday:
                kept.append(rule)
        ordered = sorted(days, key=WEEKDAYS.index)
        service.schedules = [*kept, Schedule(freq="WEEKLY", byday=ordered, opens_at=opens_at, closes_at=closes_at)]
    return change


def _phone(number: str) -> Change:
    """The reported number replaces the listing's first phone (the one a person is shown), or becomes its phone."""
    def change(service: Service) -> None:
        if service.phones:
            service.phones[0].number = number
            service.phones[0].extension = None
        else:
            service.phones = [Phone(number=number)]
    return change

