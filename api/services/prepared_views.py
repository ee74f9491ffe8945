"""Listing views built once and shared: a listing's line in a list (per place) and its full page, per language and
minute, until one of its documents changes.

Building a view costs about a millisecond (hours in the listing's own time zone, the age of each count, labels in
the reader's language) and a search page holds twenty. A view depends only on its documents, which carry their
change numbers, the language and the time; opening hours are set to the minute, so a view built in one minute
serves the rest of it (a count may come of age within that minute: then it says so up to a minute late, as these
answers' Cache-Control allows anyway). The key holds the change numbers, so both ways to run can use it.
"""

import hashlib
import threading
from dataclasses import dataclass
from datetime import datetime

import orjson
from cachetools import LRUCache

from api.i18n import language
from api.services.public_view import meeting_summary, service_detail, service_summary

ENTRIES = 20_000  # about 40 MB at the most; a minute of a busy directory's pages fits


@dataclass(frozen=True)
class Prepared:
    """A whole answer's JSON, and a digest of it for its ETag."""

    body: bytes
    digest: str

    @classmethod
    def of(cls, view: dict) -> "Prepared":
        body = orjson.dumps(view)
        return cls(body, hashlib.sha1(body).hexdigest())


class PreparedViews:
    """The cache; every method returns what public_view would build now, built at most once per key."""

    def __init__(self, entries: int = ENTRIES):
        self._cache = LRUCache(entries)
        self._lock = threading.Lock()

    def summary(self, service, organization, location, now: datetime, ttl_hours) -> dict:
        """A listing at one place in a list, without its distance (which is the search's); do not change it."""
        key = ("summary", *_versions(service, organization, location), _minute(now))
        return self._get(key, lambda: service_summary(service, organization, location, None, now, ttl_hours))

    def meeting(self, service, organization, location, occurrence, now: datetime) -> dict:
        """A meeting at one place in a list, for its next occurrence, without its distance; do not change it."""
        start = occurrence.start if occurrence else None
        key = ("meeting", *_versions(service, organization, location), start, _minute(now))
        return self._get(key, lambda: meeting_summary(service, organization, location, None, occurrence, now))

    def detail(self, service, organization, locations, now: datetime, ttl_hours) -> Prepared:
        """A listing's whole page as JSON."""
        key = ("detail", *_versions(service, organization, *locations), _minute(now))
        return self._get(key, lambda: Prepared.of(service_detail(service, organization, locations, now, ttl_hours)))

    def _get(self, key: tuple, build):
        if not self._cache.maxsize:  # PreparedViews(0): build every time (callers without a cache of their own)
            return build()
        with self._lock:
            found = self._cache.get(key)
        if found is None:
            found = build()  # outside the lock: two requests may build the same view, neither waits on the other
            with self._lock:
                self._cache[key] = found
        return found


def _versions(*documents) -> tuple:
    """Each document's id and change number, and the language the view is in."""
    return (*((document.id, document.change_seq) if document is not None else None for document in documents),
            language.current())


def _minute(now: datetime) -> datetime:
    return now.replace(second=0, microsecond=0)
