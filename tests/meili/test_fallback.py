"""Search survives a slow or dead Meilisearch: the database answers in bounded time, and Meilisearch is retried."""

import time

from meilisearch.errors import MeilisearchCommunicationError

from api.adapters.fallback_search import FallbackSearchBackend
from api.adapters.meili.filters import quote
from api.metrics import SEARCH_FALLBACKS
from api.services.search import SearchPage, ServiceQuery
from tests import factories as f
from tests.conftest import NOW, needs_fake_meili


class Flaky:
    """A primary that fails while `down`, counting how often it was asked."""

    name = "flaky"

    def __init__(self):
        self.down, self.calls = True, 0

    def search_services(self, query):
        self.calls += 1
        if self.down:
            raise MeilisearchCommunicationError("connection refused")
        return SearchPage([], 0, self.name)

    def ping(self):
        return not self.down


class Steady(Flaky):
    name = "steady"

    def __init__(self):
        super().__init__()
        self.down = False


def test_after_repeated_failures_the_primary_rests_then_is_tried_again():
    primary, fallback = Flaky(), Steady()
    search = FallbackSearchBackend(primary, fallback, SEARCH_FALLBACKS, fail_max=3, reset_timeout=0.2)
    query = ServiceQuery(now=NOW)

    answers = [search.search_services(query).backend for _ in range(6)]

    assert all(answer.startswith("steady (fallback: flaky unavailable)") for answer in answers)
    assert primary.calls == 3  # the breaker opened: later searches did not wait on the dead server
    primary.down = False
    time.sleep(0.25)
    assert search.search_services(query).backend == "flaky"  # recovered by itself


def test_a_slow_meilisearch_is_answered_around(meili_app, meili):
    _, fake = meili
    needs_fake_meili(fake)
    f.service("Here")
    meili_app.reindex()
    fake.set_latency(2.0)  # well past MEILI_TIMEOUT_S (0.5 s)
    try:
        response = meili_app.client.get("/v1/services")
    finally:
        fake.set_latency(0)
    assert response.headers["X-Search-Backend"].startswith("snapshot (fallback: meilisearch unavailable)")
    assert [item["name"] for item in response.json["items"]] == ["Here"]


def test_quoting_keeps_user_text_a_literal(make_index):
    index = make_index([{"id": "a", "languages": ["en"], "status": "active"},
                        {"id": "b", "languages": ["es"], "status": "inactive"}],
                       filterableAttributes=["languages", "status"])
    for hostile in ('en" OR status = "inactive', "en' OR 1=1 OR 'x", "\\", 'es\\" OR languages EXISTS'):
        hits = index.search("", {"filter": f"languages = {quote(hostile)}"})["hits"]
        assert hits == [], hostile
    assert [hit["id"] for hit in index.search("", {"filter": f"languages = {quote('en')}"})["hits"]] == ["a"]
