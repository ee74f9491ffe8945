"""Directory reads: a search page or one listing, built from the source of truth so it shows what is true now."""

from typing import Protocol

from api.domain.meeting_times import next_occurrence
from api.domain.vocabulary import CATEGORIES
from api.errors import NotFound
from api.i18n.text import gettext as _
from api.services.prepared_views import Prepared, PreparedViews
from api.services.search import MeetingQuery, SearchBackend, SearchPage, ServiceQuery
from api.timing import measure


class DirectoryReader(Protocol):
    """Reads listings by id for a page (implementations in api/adapters/readers.py)."""

    def load(self, service_ids, location_ids) -> tuple[dict, dict, dict]:
        """({id: Service}, {id: Organization}, {id: Location}) for the ids that exist."""

    def service(self, service_id: str) -> tuple | None:
        """(Service, its Organization, its Locations in order), or None when there is no such service."""

    def category_counts(self) -> dict[str, int]:
        """Listings the public can find, per category."""


def search_services(search: SearchBackend, reader: DirectoryReader, query: ServiceQuery,
                    views: PreparedViews | None = None) -> tuple[dict, str]:
    """One page of services near a place or matching text; returns the body and the backend that answered."""
    views = views or PreparedViews(0)
    with measure("search"):
        page = search.search_services(query)
    services, organizations, locations = _load(reader, page)
    items = []
    for hit in page.hits:
        service = services.get(hit.service_id)
        if service is not None:
            summary = views.summary(service, organizations[service.organization.id], locations.get(hit.location_id),
                                    query.now, query.freshness_ttl_hours)
            items.append(summary | {"distance_m": hit.distance_m})
    return _body(query, page, items) | {"facets": page.facets}, page.backend


def search_meetings(search: SearchBackend, reader: DirectoryReader, query: MeetingQuery,
                    views: PreparedViews | None = None) -> tuple[dict, str]:
    """One page of meetings, soonest first, each with its next occurrence in its own local time."""
    views = views or PreparedViews(0)
    with measure("search"):
        page = search.search_meetings(query)
    services, organizations, locations = _load(reader, page)
    items = []
    for hit in page.hits:
        service = services.get(hit.service_id)
        if service is None:
            continue
        occurrence = next_occurrence(service, query.now, query.day, query.starting_after)
        summary = views.meeting(service, organizations[service.organization.id], locations.get(hit.location_id),
                                occurrence, query.now)
        items.append(summary | {"distance_m": hit.distance_m})
    return _body(query, page, items), page.backend


def get_service(reader: DirectoryReader, service_id: str, now, ttl_hours: dict[str, float],
                views: PreparedViews | None = None) -> Prepared:
    """Full detail of one listing as JSON, inactive ones included (a bookmarked listing should say it closed)."""
    with measure("db"):
        found = reader.service(service_id)
    if found is None:
        raise NotFound(_("No service with id {id}.", id=repr(service_id[:100])))
    service, organization, locations = found
    return (views or PreparedViews(0)).detail(service, organization, locations, now, ttl_hours)


def category_counts(reader: DirectoryReader) -> list[dict]:
    """Every category with how many listings the public can find in it."""
    counts = reader.category_counts()
    return [{"code": code, "label": _(label), "count": counts.get(code, 0)} for code, label in CATEGORIES.items()]


def _load(reader: DirectoryReader, page: SearchPage):
    """The page's services, their organizations and locations."""
    with measure("db"):
        return reader.load({hit.service_id for hit in page.hits},
                           {hit.location_id for hit in page.hits if hit.location_id})


def _body(query, page: SearchPage, items: list[dict]) -> dict:
    return {"items": items, "page": query.page, "per_page": query.per_page, "total": page.total}
