"""Search on MongoDB itself: $geoNear for distance, filters in the query, open-now from the schedules.

A real MongoDB measures spherical distance on a 6,378.1 km sphere, mongomock-ng and the snapshot on 6,371 km (as
Meilisearch does): distance_m from a real server reads about 0.1 % longer, some 10 m at 10 km.
"""

from api.adapters.mongo_filters import meeting_criteria, service_criteria
from api.adapters.search_results import FacetCounter, facet_values, meeting_key, page_of, rank_key
from api.domain.meeting_times import next_occurrence
from api.domain.schedule import open_state
from api.models import Location, Service
from api.models.service import fold_text
from api.services.search import GeoFilter, Hit, MeetingQuery, SearchPage, ServiceQuery, query_words

# Only what filtering, facets and ordering need; the page itself is built from full documents.
PROJECTION = {"_id": 1, "name": 1, "category": 1, "status": 1, "timezone": 1, "locations": 1, "schedules": 1,
              "exceptions": 1, "languages": 1, "clinical.moud": 1, "cost.payment_options": 1,
              "housing.narr_level": 1, "eligibility.genders": 1}


class Record(dict):
    """A raw document with attribute access, so domain code reads it like a mongoengine document."""

    def __getattr__(self, name):
        return self.get(name)


class MongoSearchBackend:
    """The embedded default's search, and the fallback when Meilisearch cannot answer."""

    name = "mongodb"

    def __init__(self, storage):
        self.storage = storage

    def ping(self) -> bool:
        return self.storage.ping()

    def search_services(self, query: ServiceQuery) -> SearchPage:
        distances = self._distances(query.geo)
        # A fresh projection each call: mongomock-ng edits the one it is given while it reads.
        rows = Service._get_collection().find(service_criteria(query, distances), dict(PROJECTION))
        words = query_words(query.q)
        ranked, facets = [], FacetCounter()
        for row in rows:
            if query.open_now and not open_state(*_timetable(row), query.now).open_now:
                continue
            row_hits = _hits(row, distances)
            name = fold_text(row.get("name") or "")
            ranked.extend((rank_key(words, name, hit), hit) for hit in row_hits)
            facets.add(facet_values(row["category"], row.get("languages"), _nested(row, "clinical", "moud"),
                                    _nested(row, "cost", "payment_options"), _nested(row, "housing", "narr_level"),
                                    _nested(row, "eligibility", "genders")), len(row_hits))
        ranked.sort(key=lambda pair: pair[0])
        return page_of([hit for _, hit in ranked], query.page, query.per_page, self.name, facets.result())

    def search_meetings(self, query: MeetingQuery) -> SearchPage:
        distances = self._distances(query.geo)
        hits = []
        for row in Service._get_collection().find(meeting_criteria(query, distances), dict(PROJECTION)):
            occurrence = next_occurrence(_as_service(row), query.now, query.day, query.starting_after)
            if occurrence is None:
                continue
            hits.extend(Hit(h.service_id, h.location_id, h.distance_m, occurrence.start)
                        for h in _hits(row, distances))
        hits.sort(key=meeting_key)
        return page_of(hits, query.page, query.per_page, self.name)

    def _distances(self, geo: GeoFilter | None) -> dict[str, float] | None:
        """{location id: metres} for public points within the radius; None when the query has no place."""
        if geo is None:
            return None
        near = {"$geoNear": {"near": {"type": "Point", "coordinates": [geo.lng, geo.lat]}, "key": "public_point",
                             "distanceField": "distance", "maxDistance": geo.radius_m, "spherical": True}}
        rows = Location._get_collection().aggregate([near, {"$project": {"_id": 1, "distance": 1}}])
        return {row["_id"]: row["distance"] for row in rows}


def _hits(row: dict, distances: dict | None) -> list[Hit]:
    """One hit per place the service is delivered (within the radius, when there is one)."""
    location_ids = [link["location"] for link in row.get("locations") or []]
    if distances is None:
        return [Hit(row["_id"], location_id) for location_id in location_ids or [None]]
    return [Hit(row["_id"], location_id, round(distances[location_id]))
            for location_id in location_ids if location_id in distances]


def _nested(row: dict, outer: str, inner: str):
    """row[outer][inner] of a raw document, or None where either is missing."""
    return (row.get(outer) or {}).get(inner)


def _as_service(row: dict) -> Record:
    """A raw service read like a Service document by the schedule code (embedded lists included)."""
    return Record(row, schedules=[Record(s) for s in row.get("schedules") or []],
                  exceptions=[Record(e) for e in row.get("exceptions") or []])


def _timetable(row: dict) -> tuple:
    """open_state's arguments (less now) from a raw service."""
    service = _as_service(row)
    return service.schedules, service.exceptions, service.timezone, service.status
