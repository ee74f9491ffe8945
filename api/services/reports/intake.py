"""Taking a report in: checked against the listing as it is now, merged into the same open report, then weighed.

"The same thing" is the listing, the kind and the suggested values as a person would compare them (a phone's
digits, an address without case or spacing): five people who found the hall locked make one report with a count
of five, not five cards in the partner's queue; two people suggesting different numbers make two.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from pymongo import ReturnDocument

from api.domain.freshness import availability
from api.domain.recurrence import as_date
from api.domain.schedule import openings
from api.errors import Conflict, InvalidField, NotFound
from api.i18n.text import gettext as _
from api.models import Service
from api.models.device import Device
from api.models.fields import naive_utc, new_id
from api.models.report import MAX_NOTES, Report
from api.services.reports import doubt

SUGGESTED = ("days", "opens_at", "closes_at", "phone", "date", "address")
# A meeting reported not held: recently (the hall was locked), or soon (a notice on the door).
DATES_BACK, DATES_AHEAD = timedelta(days=30), timedelta(days=90)


@dataclass(frozen=True)
class Received:
    """A report as stored after this arrival, and whether this arrival made it (rather than merged into it)."""

    report: Report
    created: bool


def receive(service_id: str, fields: dict, device: Device | None, now: datetime, config) -> Received:
    """Check the report against the listing, store or merge it, and let the doubt rule weigh it."""
    service = Service.objects(id=service_id).first()
    if service is None:
        raise NotFound(_("No service with id {id}.", id=repr(service_id[:100])))
    _check(service, fields, now, config.FRESHNESS_TTL_HOURS[service.category])
    received = _store(service, fields, device, now)
    if fields["kind"] in doubt.KINDS:
        doubt.weigh(service.id, now, doubt.Rule.from_config(config))
    # Reports arrive often enough to carry out their own retention, with no scheduler to run or forget.
    forget_answered(now, config.REPORT_RETENTION_DAYS)
    return received


def forget_answered(now: datetime, retention_days: float) -> int:
    """Delete the reports answered more than retention_days ago, notes and all; returns how many."""
    cutoff = naive_utc(now) - timedelta(days=retention_days)
    return Report._get_collection().delete_many({"answered_at": {"$lt": cutoff}}).deleted_count


def _check(service: Service, fields: dict, now: datetime, ttl_hours: float) -> None:
    """What the listing says already, or cannot have: a 409 or a 422 naming the field."""
    kind = fields["kind"]
    if service.status == "inactive":
        raise Conflict(_("This listing is no longer listed."))
    if kind == "closed" and service.status == "temporarily_closed":
        raise Conflict(_("The listing already says it is closed for now."))
    if kind == "full":
        if not service.capacity:
            raise InvalidField("kind", _("This listing does not count free places: choose another kind."))
        if availability(service.capacity, ttl_hours, now, service.capacity_doubt).state == "full":
            raise Conflict(_("The listing already says it is full."))
    if kind == "meeting_not_held":
        if service.category != "meeting":
            raise InvalidField("kind", _("This listing is not a meeting: choose another kind."))
        _check_meeting_day(service, fields["date"], now)


def _check_meeting_day(service: Service, day: date, now: datetime) -> None:
    today = now.astimezone(ZoneInfo(service.timezone)).date()
    if not today - DATES_BACK <= day <= today + DATES_AHEAD:
        raise InvalidField("date", _("Choose a date within the last 30 days or the next 90."))
    if any(as_date(exception.date) == day and exception.closed for exception in service.exceptions):
        raise Conflict(_("The listing already says the meeting is not held that day."))
    start = datetime.combine(day, time(), ZoneInfo(service.timezone))
    if not any(True for _ in openings(service.schedules, (), service.timezone, start, start + timedelta(days=1))):
        raise InvalidField("date", _("The meeting does not meet on that date."))


def _store(service: Service, fields: dict, device: Device | None, now: datetime) -> Received:
    """One atomic upsert on (listing, open, key): two arrivals at once still make one report."""
    minute = naive_utc(now).replace(second=0, microsecond=0)
    suggestion = {name: _stored(fields[name]) for name in SUGGESTED if fields.get(name) is not None}
    fresh_id = new_id()
    additions = {"received": minute}
    if fields.get("language"):
        additions["languages"] = fields["language"]
    if device is not None:
        additions["notify"] = device.id
    row = Report._get_collection().find_one_and_update(
        {"service": service.id, "state": "open", "key": merge_key(fields["kind"], suggestion)},
        {"$inc": {"count": 1}, "$set": {"last_at": minute}, "$addToSet": additions,
         "$setOnInsert": {"_id": fresh_id, "organization": service.organization.id, "kind": fields["kind"],
                          "suggestion": suggestion, "notes": [], "first_at": minute}},
        upsert=True, return_document=ReturnDocument.AFTER)
    note = (fields.get("note") or "").strip()
    if note and note not in row["notes"]:
        # The newest notes say what is wrong now (every "other" report of a listing is one report): the oldest
        # goes. The condition keeps two arrivals of the same note at once from storing it twice.
        Report._get_collection().update_one({"_id": row["_id"], "notes": {"$ne": note}},
                                            {"$push": {"notes": {"$each": [note], "$slice": -MAX_NOTES}}})
    return Received(Report.objects.get(id=row["_id"]), row["_id"] == fresh_id)


def merge_key(kind: str, suggestion: dict) -> str:
    """The same report, whoever wrote it: kind and suggested values compared as a person would."""
    parts = [kind]
    for name in SUGGESTED:
        value = suggestion.get(name)
        if value is None:
            continue
        if name == "phone":
            value = re.sub(r"\D", "", value)
        elif name == "address":
            value = " ".join(re.sub(r"[^\w\s]", " ", value.casefold()).split())
        elif name == "days":
            value = ",".join(sorted(value))
        parts.append(f"{name}={value}")
    return "|".join(parts)


def _stored(value):
    """Values as MongoDB keeps them (a date as a datetime at midnight)."""
    return datetime.combine(value, time()) if isinstance(value, date) and not isinstance(value, datetime) else value

