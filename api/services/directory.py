"""Directory reads: a search page or one listing, built from the database so what it shows is true now."""

from api.domain.meeting_times import next_occurrence
from api.domain.vocabulary import CATEGORIES
from api.errors import NotFound
from api.models import Location, Organization, Service
from api.services.public_view import meeting_summary, service_detail, service_summary
from api.services.search import MeetingQuery, SearchBackend, SearchPage, ServiceQuery
from api.timing import measure


def search_services(search: SearchBackend, query: ServiceQuery) -> tuple[dict, str]:
    """One page of services near a place or matching text; returns the body and the backend that answered."""
    with measure("search"):
        page = search.search_services(query)
    services, organizations, locations = _load(page)
    items = [service_summary(services[hit.service_id], organizations[services[hit.service_id].organization.id],
                             locations.get(hit.location_id), hit.distance_m, query.now, query.freshness_ttl_hours)
             for hit in page.hits if hit.service_id in services]
    return _body(query, page, items) | {"facets": page.facets}, page.backend


def search_meetings(search: SearchBackend, query: MeetingQuery, lang: str) -> tuple[dict, str]:
    """One page of meetings, soonest first, each with its next occurrence in its own local time."""
    with measure("search"):
        page = search.search_meetings(query)
    services, organizations, locations = _load(page)
    items = []
    for hit in page.hits:
        service = services.get(hit.service_id)
        if service is None:
            continue
        occurrence = next_occurrence(service, query.now, query.day, query.starting_after)
        items.append(meeting_summary(service, organizations[service.organization.id],
                                     locations.get(hit.location_id), hit.distance_m, occurrence, query.now, lang))
    return _body(query, page, items), page.backend


def get_service(service_id: str, now, ttl_hours: dict[str, float], lang: str = "en") -> dict:
    """Full detail of one listing, inactive ones included (a bookmarked listing should say it closed)."""
    with measure("db"):
        service = Service.objects(id=service_id).no_dereference().first()
        if service is None:
            raise NotFound(f"No service with id {service_id!r}.")
        location_ids = [link.location.id for link in service.locations]
        locations = Location.objects.in_bulk(location_ids)
        organization = Organization.objects.get(id=service.organization.id)
    return service_detail(service, organization, [locations[i] for i in location_ids if i in locations],
                          now, ttl_hours, lang)


def category_counts() -> list[dict]:
    """Every category with how many listings the public can find in it."""
    rows = Service.objects(status__ne="inactive").aggregate([{"$group": {"_id": "$category", "count": {"$sum": 1}}}])
    counts = {row["_id"]: row["count"] for row in rows}
    return [{"code": code, "label": label, "count": counts.get(code, 0)} for code, label in CATEGORIES.items()]


def _load(page: SearchPage):
    """The page's services, their organizations and locations, three queries however long the page."""
    with measure("db"):
        return _load_records(page)


def _load_records(page: SearchPage):
    services = Service.objects.no_dereference().in_bulk(list({hit.service_id for hit in page.hits}))
    organizations = Organization.objects.in_bulk(list({s.organization.id for s in services.values()}))
    locations = Location.objects.in_bulk(list({hit.location_id for hit in page.hits if hit.location_id}))
    return services, organizations, locations


def _body(query, page: SearchPage, items: list[dict]) -> dict:
    return {"items": items, "page": query.page, "per_page": query.per_page, "total": page.total}
