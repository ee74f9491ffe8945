"""What needs a partner's attention: counts nobody confirmed in time, listings missing what people need, and
places the geocoder could not find.

Answers are per listing, so the network sees every organisation's and a partner only their own.
"""

from dataclasses import dataclass
from datetime import datetime

from api.domain.freshness import availability
from api.models import Location, Service
from api.models.location import GEOCODE_FAILURES


@dataclass(frozen=True)
class Problem:
    service: Service
    needs_confirming: str | None  # "Unconfirmed for 5 days", or None when its counts are fresh
    missing: tuple[str, ...]  # what a person would need and cannot find


def problems(organization_ids: list[str] | None, ttl_hours: dict, now: datetime) -> list[Problem]:
    """Listings (not inactive) with something to fix, the oldest unconfirmed first; None means every organisation."""
    query = Service.objects(status__ne="inactive")
    if organization_ids is not None:
        query = query.filter(organization__in=organization_ids)
    found = []
    for service in query:
        state = availability(service.capacity, ttl_hours[service.category], now)
        stale = state.summary if state.state == "unconfirmed" else None
        missing = _missing(service)
        if stale or missing:
            found.append(Problem(service, stale, missing))
    return sorted(found, key=lambda p: (p.needs_confirming is None, p.service.name))


def _missing(service: Service) -> tuple[str, ...]:
    gaps = []
    if not service.phones and not service.url and not service.email:
        gaps.append("a way to get in touch")
    if not service.locations and not (service.meeting and service.meeting.attendance == "online"):
        gaps.append("a place")
    if not service.schedules:
        gaps.append("hours")
    if not (service.description or "").strip():
        gaps.append("a description")
    if service.category == "housing" and not service.capacity:
        gaps.append("bed counts")
    return tuple(gaps)


def geocoding_failures(organization_ids: list[str] | None) -> list[Location]:
    """Places whose point was typed in after the geocoder could not find the address; None means every one."""
    query = Location.objects(geocode_status__in=GEOCODE_FAILURES)
    if organization_ids is not None:
        query = query.filter(organization__in=organization_ids)
    return sorted(query, key=lambda location: location.label)
