"""A search backend that answers from its primary, or from its fallback when the primary is failing or slow."""

import logging
from dataclasses import replace

import pybreaker
from meilisearch.errors import MeilisearchError
from requests.exceptions import RequestException

from api.services.search import MeetingQuery, SearchBackend, SearchPage, ServiceQuery

log = logging.getLogger(__name__)
# What an unreachable, slow (client timeout) or failing search server raises; anything else is our own bug.
OUTAGES = (MeilisearchError, RequestException, pybreaker.CircuitBreakerError)


class FallbackSearchBackend:
    """After fail_max failures in a row the primary is skipped for reset_timeout seconds, then tried again."""

    def __init__(self, primary: SearchBackend, fallback: SearchBackend, fallbacks_counter, fail_max: int = 3,
                 reset_timeout: float = 10):
        self.primary, self.fallback, self.fallbacks = primary, fallback, fallbacks_counter
        self.name = primary.name
        self.breaker = pybreaker.CircuitBreaker(fail_max=fail_max, reset_timeout=reset_timeout)

    def ping(self) -> bool:
        """Ready when either can answer: the fallback keeps search up during an outage."""
        return self.primary.ping() or self.fallback.ping()

    def search_services(self, query: ServiceQuery) -> SearchPage:
        return self._answer("search_services", query)

    def search_meetings(self, query: MeetingQuery) -> SearchPage:
        return self._answer("search_meetings", query)

    def _answer(self, method: str, query) -> SearchPage:
        try:
            return self.breaker.call(getattr(self.primary, method), query)
        except OUTAGES as error:
            log.warning("%s unavailable (%s); answering from %s", self.primary.name, type(error).__name__,
                        self.fallback.name)
            self.fallbacks.labels(backend=self.primary.name).inc()
        page = getattr(self.fallback, method)(query)
        return replace(page, backend=f"{page.backend} (fallback: {self.primary.name} unavailable)")
