"""The search-backend contract: what a query asks, what a backend answers. Backends live in api/adapters/."""

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from api.models.service import fold_text
from api.services.synonyms import alternatives

# The filters a list of services can be faceted on, in the order a client shows them.
SERVICE_FACETS = ("category", "languages", "moud", "payment", "narr_level", "genders")
_WORD = re.compile(r"\w+")


def query_words(q: str) -> list[str]:
    """The folded words of q; every one must start a word of a listing's search text for it to match."""
    return _WORD.findall(fold_text(q))


def query_terms(q: str) -> list[tuple[tuple[str, ...], ...]]:
    """What q asks for: per term, the groups of folded words any one of which satisfies it (the term's own words,
    or a synonym's: api/services/synonyms.py). A listing matches when, for every term, all words of one group
    start words of its search text."""
    return alternatives(query_words(q))


def word_start_pattern(word: str) -> str:
    """The regular expression (as text, for MongoDB and Python alike) for "a word starting with word"."""
    return rf"(?:^|\s){re.escape(word)}"


@dataclass(frozen=True)
class GeoFilter:
    lat: float
    lng: float
    radius_m: int


@dataclass(frozen=True)
class ServiceQuery:
    now: datetime
    q: str = ""
    geo: GeoFilter | None = None
    categories: tuple[str, ...] = ()
    open_now: bool = False
    accepting: bool = False
    gender: str | None = None
    language: str | None = None
    moud: str | None = None
    payment: str | None = None
    narr_level: int | None = None
    # Hours after which each category's capacity counts as unconfirmed (Config.FRESHNESS_TTL_HOURS).
    freshness_ttl_hours: dict[str, float] = field(default_factory=dict)
    page: int = 1
    per_page: int = 20


@dataclass(frozen=True)
class MeetingQuery:
    now: datetime
    geo: GeoFilter | None = None
    q: str = ""
    day: int | None = None  # Meeting Guide day: 0 = Sunday .. 6 = Saturday, in the meeting's time zone
    starting_after: str | None = None  # "HH:MM", local to the meeting
    types: tuple[str, ...] = ()
    attendance: tuple[str, ...] = ()
    fellowship: str | None = None
    page: int = 1
    per_page: int = 20


@dataclass(frozen=True)
class Hit:
    """One service at one location (location_id None for a service with no place, e.g. a phone line)."""

    service_id: str
    location_id: str | None
    distance_m: int | None = None
    # Meetings are ordered by their next occurrence; the backend found it, so the page need not recompute it.
    next_start: datetime | None = None


@dataclass(frozen=True)
class SearchPage:
    hits: list[Hit]
    total: int
    backend: str
    facets: dict[str, dict[str, int]] = field(default_factory=dict)


class SearchBackend(Protocol):
    """Finds services and meetings; the page is then built from the database, the source of truth."""

    name: str

    def search_services(self, query: ServiceQuery) -> SearchPage:
        """Filtered, ordered hits for one page, with the total and facet counts over all matches."""

    def search_meetings(self, query: MeetingQuery) -> SearchPage:
        """Meetings matching the query, soonest next occurrence first."""

    def ping(self) -> bool:
        """Whether the backend can answer searches right now."""
