"""What about a service is news to the people following it, decided by comparing its signals before and after.

Signals are the few facts a notification can be about (status, a fresh free place, an open waitlist, cancelled
meeting dates, meeting hours, attendance), kept as plain JSON values so the notifier can store them beside the
service. Anything else (a typo fixed, a new phone number) changes no signal and so is never news.
"""

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from api.domain.freshness import vacancy_fresh_until


@dataclass(frozen=True)
class Kind:
    """A kind of news: how it ranks when several merge into one message, how long it is worth delivering."""

    rank: int  # lower is shown first
    ttl_s: int  # FCM drops it undelivered after this long: a free bed an hour later may be gone
    urgent: bool  # delivered at high priority (wakes the device)
    for_area: bool = False  # also news to subscriptions to a category within an area
    for_meetings: bool = False  # also news to subscriptions to meetings of a type nearby


KINDS = {
    "closed_for_good": Kind(0, 3 * 86400, False),
    "temporarily_closed": Kind(1, 86400, False),
    "meeting_cancelled": Kind(2, 12 * 3600, True, for_meetings=True),
    "meeting_time_changed": Kind(3, 86400, False, for_meetings=True),
    "meeting_online": Kind(4, 86400, False, for_meetings=True),
    "vacancy_opened": Kind(5, 3600, True, for_area=True),
    "waitlist_opened": Kind(6, 6 * 3600, False, for_area=True),
    "reopened": Kind(7, 86400, False),
    "new_service": Kind(8, 3 * 86400, False, for_area=True, for_meetings=True),
    # How a public report the device sent was answered (api/services/reports/outcome.py queues these, not news()).
    "report_updated": Kind(9, 3 * 86400, False),
    "report_already_fixed": Kind(10, 3 * 86400, False),
    "report_checked": Kind(11, 3 * 86400, False),
}
REPORT_OUTCOMES = {"accepted": "report_updated", "fixed": "report_already_fixed", "rejected": "report_checked"}


def signals(service, points: list, ttl_hours: dict, names: dict[str, str]) -> dict:
    """The facts of a service that notifications are about, and who they concern (its public points), as JSON."""
    meeting = service.meeting
    return {
        "name": service.name,
        "names": names,  # {language: the name its partner gave in it}, for devices that read that language
        "category": service.category,
        "timezone": service.timezone,
        "points": points,  # [lng, lat] of each place, the public (coarse, when confidential) point
        "genders": list(service.eligibility.genders) if service.eligibility else [],
        "types": list(meeting.types) if meeting else [],
        "status": service.status,
        "vacancy_until": vacancy_fresh_until(service.capacity, ttl_hours[service.category],
                                             service.capacity_doubt),
        "free": sum(unit.available for unit in service.capacity),  # confirmed or not: a reconfirmation is no news
        "waitlist": any(unit.waitlist_open for unit in service.capacity),
        "cancelled": sorted({_day(exception.date).isoformat() for exception in service.exceptions
                             if exception.closed}) if meeting else [],
        "hours": sorted(f"{rule.freq} {','.join(sorted(rule.byday))} {rule.opens_at}-{rule.closes_at}"
                        for rule in service.schedules) if meeting else [],
        "attendance": meeting.attendance if meeting else None,
    }


def news(before: dict | None, after: dict | None, now: datetime) -> dict[str, str | None]:
    """The kinds of news between two signal sets ({kind: detail}); before None is a new service, after None gone."""
    if after is None or after["status"] == "inactive":
        return {"closed_for_good": None} if before and before["status"] != "inactive" else {}
    if before is None:
        return {"new_service": None} if after["status"] == "active" else {}
    found: dict[str, str | None] = {}
    if before["status"] != after["status"]:
        found["temporarily_closed" if after["status"] == "temporarily_closed" else "reopened"] = None
    if after["status"] != "active":
        return found  # a closed service's beds and meetings are not news until it reopens
    now_s = now.timestamp()
    # A free place that counts now and did not before, and more places than were last recorded: confirming a
    # lapsed count again is not news, however often a house does it.
    if after["vacancy_until"] > now_s >= before["vacancy_until"] and after.get("free", 0) > before.get("free", 0):
        found["vacancy_opened"] = None
    elif after["waitlist"] and not before["waitlist"] and after["vacancy_until"] <= now_s:
        found["waitlist_opened"] = None
    today = now.astimezone(ZoneInfo(after["timezone"])).date().isoformat()
    cancelled = sorted(day for day in set(after["cancelled"]) - set(before["cancelled"]) if day >= today)
    if cancelled:
        found["meeting_cancelled"] = cancelled[0]
    if before["hours"] and after["hours"] and before["hours"] != after["hours"]:
        found["meeting_time_changed"] = None
    if before["attendance"] == "in_person" and after["attendance"] in ("online", "hybrid"):
        found["meeting_online"] = after["attendance"]
    return found


def still_true(kind: str, current: dict | None, now: datetime) -> bool:
    """Whether queued news still holds (latest state wins: a bed taken again before sending is not sent)."""
    if kind in REPORT_OUTCOMES.values():
        return True  # an answer stays true whatever became of the listing since (closing it may be the answer)
    if current is None:
        return kind == "closed_for_good"
    return {
        "vacancy_opened": lambda: current["status"] == "active" and current["vacancy_until"] > now.timestamp(),
        "waitlist_opened": lambda: current["status"] == "active" and current["waitlist"],
        "temporarily_closed": lambda: current["status"] == "temporarily_closed",
        "reopened": lambda: current["status"] == "active",
        "closed_for_good": lambda: current["status"] == "inactive",
    }.get(kind, lambda: current["status"] != "inactive")()


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value
