"""Search on Meilisearch: filters, geo sort and facets on the server; pages are then built from the database."""

from datetime import datetime
from zoneinfo import ZoneInfo

import meilisearch
from meilisearch.errors import MeilisearchError
from requests.exceptions import RequestException

from api.adapters.meili.filters import meeting_filter, service_filter
from api.adapters.meili.settings import FACETS
from api.adapters.search_results import meeting_key, page_of
from api.services.search import Hit, MeetingQuery, SearchPage, ServiceQuery

# Meetings are ordered by their next start, which Meilisearch cannot sort by: fetch every match (the index caps
# totals at its maxTotalHits) and order them here.
MEETING_CANDIDATES = 1000


class MeiliSearchBackend:
    """Uses a search-only key: the master key stays with the indexer."""

    name = "meilisearch"

    def __init__(self, client: meilisearch.Client, index_uid: str):
        self.client = client
        self.index = client.index(index_uid)

    @classmethod
    def connect(cls, url: str, key: str | None, index_uid: str, timeout_s: float) -> "MeiliSearchBackend":
        """A backend on the server at url; timeout_s bounds every request, so an outage costs at most that."""
        return cls(meilisearch.Client(url, key, timeout=timeout_s), index_uid)

    def ping(self) -> bool:
        try:
            return self.client.health().get("status") == "available"
        except (MeilisearchError, RequestException):
            return False

    def search_services(self, query: ServiceQuery) -> SearchPage:
        params = {"filter": service_filter(query), "facets": FACETS, "page": query.page,
                  "hitsPerPage": query.per_page, "attributesToRetrieve": ["service_id", "location_id"]}
        if query.geo:
            params["sort"] = [f"_geoPoint({query.geo.lat!r},{query.geo.lng!r}):asc"]
        elif not query.q:
            params["sort"] = ["name_sort:asc"]
        result = self.index.search(query.q, params)
        hits = [Hit(hit["service_id"], hit.get("location_id"), hit.get("_geoDistance")) for hit in result["hits"]]
        facets = {name: dict(counts) for name, counts in (result.get("facetDistribution") or {}).items()}
        return SearchPage(hits, result.get("totalHits", len(hits)), self.name, facets)

    def search_meetings(self, query: MeetingQuery) -> SearchPage:
        params = {"filter": meeting_filter(query), "limit": MEETING_CANDIDATES,
                  "attributesToRetrieve": ["service_id", "location_id", "timezone", "upcoming_starts",
                                           "upcoming_ends"]}
        if query.geo:
            params["sort"] = [f"_geoPoint({query.geo.lat!r},{query.geo.lng!r}):asc"]
        hits = []
        for hit in self.index.search(query.q, params)["hits"]:
            start = _next_start(hit, query)
            if start is not None:
                hits.append(Hit(hit["service_id"], hit.get("location_id"), hit.get("_geoDistance"), start))
        hits.sort(key=meeting_key)
        return page_of(hits, query.page, query.per_page, self.name)


def _next_start(hit: dict, query: MeetingQuery) -> datetime | None:
    """The first listed occurrence not yet over that fits the day and time asked for, in the meeting's zone."""
    zone, now = ZoneInfo(hit["timezone"]), query.now.timestamp()
    for start, end in zip(hit.get("upcoming_starts") or [], hit.get("upcoming_ends") or [], strict=True):
        if end <= now:
            continue
        local = datetime.fromtimestamp(start, zone)
        # Python counts weekdays from Monday, Meeting Guide from Sunday.
        if query.day is not None and local.weekday() != (query.day - 1) % 7:
            continue
        if query.starting_after and local.strftime("%H:%M") < query.starting_after:
            continue
        return local
    return None
