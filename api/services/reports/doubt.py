"""The one way reports change what the public sees without the partner: several independent reports that a
listing is full (or closed) make its counts "unconfirmed" (not zero) until the partner confirms them.

Independent, without knowing who reported: nothing about a reporter is kept, so reports cannot be told apart by
person. They are told apart by time. Every "full" and "closed" arrival on the listing keeps its minute (the open
reports' `received`); within the window, arrivals count only when at least `spacing` after the last one counted.
A person tapping "send" again, a phone retrying, or a script from one place lands inside the spacing and counts
once; three people who rang over an afternoon count three. Arrivals up to the partner's latest confirmation of a
count are left out: that confirmation answered them. Spacing alone would let one patient address send the three,
so a "full" or "closed" report is taken once per address (an IPv6 /64) and listing in each window
(api/rate_limits.py doubting_reports, a counter in the rate limiter's store and nowhere else): the arrivals come
from as many addresses. Someone who has that many still can, and the cost is bounded by design: the listing says
"may be full" rather than "full", and one tap by its partner clears it.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from api.domain.freshness import as_utc
from api.models import Service
from api.models.capacity import CapacityDoubt
from api.models.fields import naive_utc
from api.models.report import Report
from api.services.editing import Actor, StaleEdit, save_edit

KINDS = ("full", "closed")
# Who the audit trail names for the change: no person, the reports themselves.
REPORTS = Actor("public-reports", "People's reports")
ATTEMPTS = 3  # a partner's edit landing at the same moment: read the listing again and decide again


@dataclass(frozen=True)
class Rule:
    count: int  # independent reports needed
    window: timedelta  # within this long
    spacing: timedelta  # arrivals closer than this to the last one counted are one

    @classmethod
    def from_config(cls, config) -> "Rule":
        return cls(config.REPORT_DOUBT_COUNT, timedelta(hours=config.REPORT_DOUBT_WINDOW_HOURS),
                   timedelta(minutes=config.REPORT_DOUBT_SPACING_MINUTES))


def independent(arrivals: list[datetime], spacing: timedelta) -> list[datetime]:
    """The arrivals that count, oldest first: each at least `spacing` after the previous one counted."""
    counted: list[datetime] = []
    for moment in sorted(arrivals):
        if not counted or moment - counted[-1] >= spacing:
            counted.append(moment)
    return counted


def weigh(service_id: str, now: datetime, rule: Rule) -> CapacityDoubt | None:
    """Doubt the listing's counts if enough independent reports arrived since its partner last confirmed one."""
    for _ in range(ATTEMPTS):
        service = Service.objects(id=service_id).first()
        if service is None or not service.capacity or service.capacity_doubt is not None:
            return service.capacity_doubt if service else None
        counted, kind = _counted(service, now, rule)
        if len(counted) < rule.count:
            return None
        doubt = CapacityDoubt(kind=kind, since=counted[-1], reports=len(counted))
        try:
            save_edit(service.id, service.version, lambda listing: setattr(listing, "capacity_doubt", doubt),
                      REPORTS, action="marked unconfirmed, as people report it")
            return doubt
        except StaleEdit:
            continue
    return None


def _counted(service: Service, now: datetime, rule: Rule) -> tuple[list[datetime], str]:
    """The independent arrivals in the window after the last confirmation, and the kind most of them reported."""
    confirmed = max(as_utc(unit.updated_at) for unit in service.capacity)
    start = max(as_utc(now) - rule.window, confirmed)
    arrivals: dict[datetime, str] = {}
    for report in Report.objects(service=service.id, state="open", kind__in=KINDS):
        for moment in report.received:
            if as_utc(moment) > start:
                arrivals.setdefault(naive_utc(moment), report.kind)
    counted = independent(list(arrivals), rule.spacing)
    kinds = [arrivals[moment] for moment in counted]
    return counted, max(KINDS, key=kinds.count)
