"""Search on the embedded default's in-process snapshot, with the same semantics as the MongoDB path.

The contract tests run every search case against both backends; the text rule, filters, facets and ordering here
mirror mongo_filters.py and mongo_search.py. Open-now and next-meeting answers are cached per service version
until the moment they can next change, so a busy page does not recompute schedules.
"""

import bisect
import math
from datetime import datetime, timedelta

from api.adapters.search_results import FacetCounter, meeting_key, page_of, rank_key
from api.adapters.snapshot import DirectorySnapshot, SearchRow, State
from api.domain.meeting_times import MEETING_GUIDE_DAYS, next_occurrence
from api.domain.schedule import open_state
from api.services.search import (
    GeoFilter,
    Hit,
    MeetingQuery,
    SearchPage,
    ServiceQuery,
    query_terms,
    query_words,
)

EARTH_RADIUS_M = 6_371_000  # as mongomock-ng and Meilisearch measure
# How long a "no change coming" answer (no hours, or nothing in the horizon) is trusted before it is recomputed.
RECHECK = timedelta(hours=1)


class SnapshotSearchBackend:
    """The embedded default's search: filters and sorts the snapshot in Python."""

    name = "snapshot"

    def __init__(self, snapshot: DirectorySnapshot):
        self.snapshot = snapshot
        self._open_cache: dict[str, tuple] = {}
        self._meeting_cache: dict[str, tuple] = {}

    def ping(self) -> bool:
        """Ready once the snapshot is loaded (the first call loads it)."""
        self.snapshot.current()
        return True

    def search_services(self, query: ServiceQuery) -> SearchPage:
        state = self.snapshot.current()
        distances = _distances(state, query.geo)
        matches = _service_filter(query)
        words = query_words(query.q)
        ranked, facets = [], FacetCounter()
        for row in _candidates(state, distances):
            # Cheapest test first: the place (dictionary lookups) rules out most rows before the text's regexes.
            hits = _hits(row, distances)
            if not hits or not matches(row) or (query.open_now and not self._open_now(row, query.now)):
                continue
            ranked.extend((rank_key(words, row.name, hit), hit) for hit in hits)
            facets.add(row.facets, len(hits))
        ranked.sort(key=lambda pair: pair[0])
        return page_of([hit for _, hit in ranked], query.page, query.per_page, self.name, facets.result())

    def search_meetings(self, query: MeetingQuery) -> SearchPage:
        state = self.snapshot.current()
        distances = _distances(state, query.geo)
        matches = _meeting_filter(query)
        hits = []
        for row in _candidates(state, distances):
            place_hits = _hits(row, distances)
            occurrence = self._next_meeting(row, query) if place_hits and matches(row) else None
            if occurrence is not None:
                hits.extend(Hit(h.service_id, h.location_id, h.distance_m, occurrence.start) for h in place_hits)
        hits.sort(key=meeting_key)
        return page_of(hits, query.page, query.per_page, self.name)

    def _open_now(self, row: SearchRow, now: datetime) -> bool:
        service = row.service
        key = service.id
        cached = self._open_cache.get(key)
        if cached and cached[0] == service.version and cached[1] <= now < cached[2]:
            return cached[3]
        state = open_state(service.schedules, service.exceptions, service.timezone, service.status, now)
        if state.open_now:
            until = state.closes_at or now + RECHECK
        else:
            until = state.next_open.start if state.next_open else now + RECHECK
        self._open_cache[key] = (service.version, now, min(until, now + RECHECK), bool(state.open_now))
        return bool(state.open_now)

    def _next_meeting(self, row: SearchRow, query: MeetingQuery):
        service = row.service
        if query.day is not None or query.starting_after:
            # Only the plain "next occurrence" is cached: day/time variants would grow the cache without bound.
            return next_occurrence(service, query.now, query.day, query.starting_after)
        key = service.id
        cached = self._meeting_cache.get(key)
        if cached and cached[0] == service.version and cached[1] <= query.now < cached[2]:
            return cached[3]
        occurrence = next_occurrence(service, query.now, query.day, query.starting_after)
        until = occurrence.end if occurrence else query.now + RECHECK
        self._meeting_cache[key] = (service.version, query.now, min(until, query.now + RECHECK), occurrence)
        return occurrence


def _distances(state: State, geo: GeoFilter | None) -> dict[str, float] | None:
    """{location id: metres} for public points within the radius (haversine); None without a place."""
    if geo is None:
        return None
    lat, lng = math.radians(geo.lat), math.radians(geo.lng)
    # No point further north or south than the radius can be within it: read only the band between.
    window = geo.radius_m / EARTH_RADIUS_M
    found = {}
    band = range(bisect.bisect_left(state.latitudes, lat - window), bisect.bisect_right(state.latitudes, lat + window))
    for index in band:
        location_id = state.latitude_ids[index]
        other_lat, other_lng = state.points[location_id]
        a = (math.sin((other_lat - lat) / 2) ** 2
             + math.cos(lat) * math.cos(other_lat) * math.sin((other_lng - lng) / 2) ** 2)
        distance = 2 * EARTH_RADIUS_M * math.atan2(math.sqrt(a), math.sqrt(1 - a))
        if distance <= geo.radius_m:
            found[location_id] = distance
    return found


def _candidates(state: State, distances: dict | None):
    """The rows that may have a hit: every one without a place, else those at the places within the radius."""
    if distances is None:
        return state.rows.values()
    ids = {service_id for location_id in distances for service_id in state.at_location.get(location_id, ())}
    return (state.rows[service_id] for service_id in ids if service_id in state.rows)


def _hits(row: SearchRow, distances: dict | None) -> list[Hit]:
    """One hit per place the service is delivered (within the radius, when there is one)."""
    if distances is None:
        return [Hit(row.service.id, location_id) for location_id in row.location_ids or (None,)]
    return [Hit(row.service.id, location_id, round(distances[location_id]))
            for location_id in row.location_ids if location_id in distances]


def _text_filter(q: str):
    """Every term of q must be met by all words of one of its groups: what the MongoDB path's patterns
    (word_start_pattern: a word at the start or after whitespace) match, found in the row's sorted words instead
    of by running each pattern over the whole text."""
    terms = query_terms(q)
    return lambda row: all(any(all(_starts_a_word(row.words, word) for word in group) for group in term)
                           for term in terms)


def _starts_a_word(words: tuple[str, ...], prefix: str) -> bool:
    """Whether some word of the sorted `words` starts with prefix (the first word not below it is the one)."""
    index = bisect.bisect_left(words, prefix)
    return index < len(words) and words[index].startswith(prefix)


def _service_filter(query: ServiceQuery):
    """A predicate over SearchRows equivalent to mongo_filters.service_criteria."""
    text = _text_filter(query.q)
    cutoffs = {category: query.now - timedelta(hours=hours) for category, hours in query.freshness_ttl_hours.items()}

    def matches(row: SearchRow) -> bool:
        facets = row.facets
        if row.status == "inactive" or (query.categories and row.category not in query.categories):
            return False
        if not text(row):
            return False
        if query.gender and query.gender not in facets["genders"]:  # unrestricted listings hold every gender
            return False
        if query.language and query.language not in facets["languages"]:
            return False
        if query.moud and query.moud not in facets["moud"]:
            return False
        if query.payment and query.payment not in facets["payment"]:
            return False
        if query.narr_level and query.narr_level not in facets["narr_level"]:
            return False
        return not query.accepting or _fresh_vacancy(row, cutoffs)

    return matches


def _fresh_vacancy(row: SearchRow, cutoffs: dict[str, datetime]) -> bool:
    cutoff = cutoffs.get(row.category)
    return cutoff is not None and any(available > 0 and confirmed >= cutoff for available, confirmed in row.capacity)


def _meeting_filter(query: MeetingQuery):
    """A predicate over SearchRows equivalent to mongo_filters.meeting_criteria."""
    text = _text_filter(query.q)
    day = MEETING_GUIDE_DAYS[query.day] if query.day is not None else None

    def matches(row: SearchRow) -> bool:
        if row.category != "meeting" or row.status == "inactive" or not text(row):
            return False
        meeting = row.service.meeting
        if query.types and not row.meeting_types.issuperset(query.types):
            return False
        if query.attendance and meeting.attendance not in query.attendance:
            return False
        if query.fellowship and meeting.fellowship != query.fellowship:
            return False
        return day is None or day in row.weekdays

    return matches
