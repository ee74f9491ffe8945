"""What needs a partner's attention: counts nobody confirmed in time, reports from the public waiting for an
answer, listings missing what people need (of what their category has: a recovery house has no opening hours), and
places the geocoder could not find.

Answers are per listing, so the network sees every organisation's and a partner only their own.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from api.domain.freshness import availability
from api.i18n.text import gettext as _
from api.models import Location, Service
from api.models.location import GEOCODE_FAILURES
from api.models.report import Report

# Categories whose listings have no opening hours to miss: a recovery residence is a home, not a counter.
WITHOUT_HOURS = {"housing"}


@dataclass(frozen=True)
class Problem:
    service: Service
    needs_confirming: str | None  # "Unconfirmed for 5 days", or None when its counts are fresh
    missing: tuple[str, ...]  # what a person would need and cannot find
    reports: int = 0  # reports from the public waiting for an answer


def problems(organization_ids: list[str] | None, ttl_hours: dict, now: datetime) -> list[Problem]:
    """Listings (not inactive) with something to fix: unconfirmed or reported first; None means every organisation."""
    query = Service.objects(status__ne="inactive")
    reports = Report.objects(state="open")
    if organization_ids is not None:
        query = query.filter(organization__in=organization_ids)
        reports = reports.filter(organization__in=organization_ids)
    waiting = Counter(report.service for report in reports.only("service"))
    found = []
    for service in query:
        state = availability(service.capacity, ttl_hours[service.category], now, service.capacity_doubt)
        stale = state.summary if state.state == "unconfirmed" else None
        missing = _missing(service)
        if stale or missing or waiting[service.id]:
            found.append(Problem(service, stale, missing, waiting[service.id]))
    return sorted(found, key=lambda p: (p.needs_confirming is None and not p.reports, p.service.name))


def _missing(service: Service) -> tuple[str, ...]:
    gaps = []
    if not service.phones and not service.url and not service.email:
        gaps.append(_("a way to get in touch"))
    if not service.locations and not (service.meeting and service.meeting.attendance == "online"):
        gaps.append(_("a place"))
    if not service.schedules and service.category not in WITHOUT_HOURS:
        gaps.append(_("hours"))
    if not (service.description or "").strip():
        gaps.append(_("a description"))
    if service.category == "housing" and not service.capacity:
        gaps.append(_("bed counts"))
    return tuple(gaps)


def geocoding_failures(organization_ids: list[str] | None) -> list[Location]:
    """Places whose point was typed in after the geocoder could not find the address; None means every one."""
    query = Location.objects(geocode_status__in=GEOCODE_FAILURES)
    if organization_ids is not None:
        query = query.filter(organization__in=organization_ids)
    return sorted(query, key=lambda location: location.label)
