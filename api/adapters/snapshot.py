"""An in-process copy of the directory for the embedded default, kept current through the change sequence.

mongomock-ng has no indexes and copies every document it reads, so each query there is a full scan at tens of
microseconds per document: reading the directory per request cannot meet the latency targets. The snapshot
instead reads, per request, one counter; when it moved, only the documents numbered above what it holds (by id,
from the change sequence's record of this process's writes, api/models/changes.py).
Every request therefore sees every write finished before it began, as a database query would.
"""

import logging
import math
import threading
from dataclasses import dataclass, field
from datetime import datetime

from api.adapters.detached import from_row
from api.adapters.search_results import facet_values
from api.domain.freshness import as_utc
from api.models import Location, Organization, Service, changes
from api.models.service import fold_text

log = logging.getLogger(__name__)


@dataclass(slots=True, frozen=True)
class SearchRow:
    """What filtering a service needs, computed once per version rather than per request."""

    service: Service
    category: str
    status: str
    name: str
    words: tuple[str, ...]  # the search text's distinct words, sorted, for finding those a query word starts
    location_ids: tuple[str, ...]
    facets: dict[str, list]
    meeting_types: frozenset[str]
    weekdays: frozenset[str]
    # (available, confirmed at, aware UTC) per capacity unit.
    capacity: tuple[tuple[int, datetime], ...]


@dataclass(frozen=True)
class State:
    seq: int = -1
    services: dict[str, Service] = field(default_factory=dict)
    locations: dict[str, Location] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)
    rows: dict[str, SearchRow] = field(default_factory=dict)
    # (lat, lng) in radians of every location's public point, for distance filtering without the documents.
    points: dict[str, tuple[float, float]] = field(default_factory=dict)
    # The same points in order of latitude (two parallel tuples), so a search reads only those within its radius's
    # band of latitude; and the services at each place, so it tests only the listings there.
    latitudes: tuple[float, ...] = ()
    latitude_ids: tuple[str, ...] = ()
    at_location: dict[str, frozenset[str]] = field(default_factory=dict)


class DirectorySnapshot:
    """Readers get an immutable State; a refresh builds the next one and swaps it in."""

    def __init__(self):
        self._state = State()
        self._lock = threading.Lock()

    def current(self) -> State:
        """The directory as of now (reads only what changed since the last call)."""
        seq = changes.current()
        if seq != self._state.seq:
            with self._lock:
                if seq != self._state.seq:
                    self._state = _advance(self._state, seq)
        return self._state


def _advance(state: State, seq: int) -> State:
    """The next state: what state held, plus every document numbered above state.seq, less every removal."""
    if seq < state.seq:  # the counter restarted (an emptied database): nothing held can be trusted
        state = State()
    recent = changes.RECENT.since(state.seq)  # what this process wrote since: read just those (None: read all)
    services, locations, organizations = (_changed(document, state.seq, recent)
                                          for document in (Service, Location, Organization))
    fresh = services | locations | organizations
    # A removal counts unless the same id was written again after it.
    removed = {key for key, at in _removals(state.seq, recent).items()
               if key not in fresh or fresh[key].change_seq < at}
    rows = _merge(state.rows, _derived(services, _row), removed)
    points = _merge(state.points, _derived(locations, _radians), removed)
    latitudes, latitude_ids = state.latitudes, state.latitude_ids
    if locations or removed & state.points.keys():
        ordered = sorted((lat, location_id) for location_id, (lat, _) in points.items())
        latitudes, latitude_ids = tuple(lat for lat, _ in ordered), tuple(i for _, i in ordered)
    return State(
        seq=seq,
        services=_merge(state.services, services, removed),
        locations=_merge(state.locations, locations, removed),
        organizations=_merge(state.organizations, organizations, removed),
        rows=rows, points=points, latitudes=latitudes, latitude_ids=latitude_ids,
        at_location=_places(state.at_location, state.rows, rows, services.keys() | (removed & state.rows.keys())),
    )


def _places(held: dict[str, frozenset[str]], before: dict, after: dict, touched) -> dict[str, frozenset[str]]:
    """{location id: the services there}, moved on from `held` for the services touched."""
    places = dict(held)
    for service_id in touched:
        old, new = before.get(service_id), after.get(service_id)
        for location_id in set(old.location_ids if old else ()) - set(new.location_ids if new else ()):
            places[location_id] = places[location_id] - {service_id}
        for location_id in set(new.location_ids if new else ()) - set(old.location_ids if old else ()):
            places[location_id] = places.get(location_id, frozenset()) | {service_id}
    return places


def _changed(document, above: int, recent: list[changes.Change] | None) -> dict:
    """Documents numbered above `above` (by id when `recent` names them), references left as ids (following them
    would query per document)."""
    if recent is None:
        criteria = {"change_seq": {"$gt": above}}
    else:
        name = document._get_collection_name()
        criteria = {"_id": {"$in": list({c.document_id for c in recent if c.collection == name and not c.removed})}}
    return {row["_id"]: from_row(document, row) for row in document._get_collection().find(criteria)}


def _removals(above: int, recent: list[changes.Change] | None) -> dict[str, int]:
    """{document id: change number of its removal} for removals numbered above `above`."""
    if recent is not None:
        return {change.document_id: change.seq for change in recent if change.removed}
    rows = changes.Tombstone._get_collection().find({"change_seq": {"$gt": above}})
    return {row["document_id"]: row["change_seq"] for row in rows}


def _merge(held: dict, fresh: dict, removed: set[str]) -> dict:
    """held updated with fresh, less the removed ids."""
    merged = held | fresh
    for key in removed & merged.keys():
        del merged[key]
    return merged


def _derived(documents: dict, derive) -> dict:
    """derive(document) per document; one that cannot be read is logged and left out, not fatal to every request."""
    result = {}
    for key, document in documents.items():
        try:
            result[key] = derive(document)
        except (KeyError, TypeError, ValueError, AttributeError):
            log.exception("snapshot skipped %s %s, which it could not read", type(document).__name__, key)
    return result


def _radians(location: Location) -> tuple[float, float]:
    lng, lat = location.public_point["coordinates"]
    return math.radians(lat), math.radians(lng)


def _row(service: Service) -> SearchRow:
    clinical, cost, housing = service.clinical, service.cost, service.housing
    return SearchRow(
        service=service, category=service.category, status=service.status, name=fold_text(service.name),
        words=tuple(sorted(set((service.search_text or "").split()))),
        location_ids=tuple(link.location.id for link in service.locations),
        facets=facet_values(service.category, service.languages, clinical and clinical.moud,
                            cost and cost.payment_options, housing and housing.narr_level,
                            service.eligibility and service.eligibility.genders),
        meeting_types=frozenset(service.meeting.types) if service.meeting else frozenset(),
        weekdays=frozenset(day[-2:] for schedule in service.schedules for day in schedule.byday),
        # A doubted listing (people report it full) counts no free place until its partner confirms one.
        capacity=tuple((0 if service.capacity_doubt else unit.available, as_utc(unit.updated_at))
                       for unit in service.capacity),
    )
