"""Shared fixtures: a clean database per test, an app on it with a pinned clock, and its test client.

The database is mongomock-ng in process unless MONGODB_URI names a real server, in which case the same tests run
against it (in the database MONGODB_TEST_DB, default lantern_test, which they empty).
"""

import os
from datetime import UTC, datetime

import meilisearch
import pytest
from meilisearch.errors import MeilisearchError

from api import create_app
from api.adapters.storage import MongoStorage
from api.config import Config
from tests.doubles.meili_helpers import unique_uid, wait
from tests.doubles.meilisearch import FakeMeilisearch

# Tuesday 24 November 2026, 10:00 in Riverton (America/Chicago, UTC-6).
NOW = datetime(2026, 11, 24, 16, 0, tzinfo=UTC)
TEST_DB = os.environ.get("MONGODB_TEST_DB", "lantern_test")
TEST_REFERRAL_KEY = "lGgNo3Ybbq2sVlbwMZCuq2Gq9vQ8QrzdE_aTmOKnq9Q="  # a Fernet key for tests only


def make_config(**overrides) -> Config:
    """Configuration for tests: never seeds unless asked, never touches a non-test database, and keeps the embedded
    one in memory only (nothing written to DATA_DIR)."""
    environ = {"SEED_ON_START": "0", "MONGODB_DB": TEST_DB, "EPHEMERAL": "1"}
    if os.environ.get("MONGODB_URI"):
        # A real database needs its keys from configuration (the embedded default makes its own).
        environ |= {"MONGODB_URI": os.environ["MONGODB_URI"], "REFERRAL_KEY": TEST_REFERRAL_KEY,
                    "SECRET_KEY": "a-test-secret-key"}
    return Config(environ | overrides)


def skip_snapshot_on_a_real_database(backend: str) -> None:
    """The snapshot backend serves only the embedded default; with MONGODB_URI its cases skip, saying so."""
    if backend == "snapshot" and os.environ.get("MONGODB_URI"):
        pytest.skip("the snapshot backend serves only the embedded default: unset MONGODB_URI to run this case; "
                    "the mongodb case of the same test runs against your server")


@pytest.fixture
def storage():
    """An empty database."""
    store = MongoStorage(os.environ.get("MONGODB_URI"), TEST_DB)
    store.drop_all()
    yield store
    store.drop_all()


@pytest.fixture(params=["snapshot", "mongodb"])
def app(storage, request):
    """The app on the empty database, its clock pinned to NOW, once per search backend (the same cases for each)."""
    skip_snapshot_on_a_real_database(request.param)
    application = create_app(make_config(SEARCH_BACKEND=request.param))
    application.extensions["lantern"].clock = lambda: NOW
    return application


@pytest.fixture
def client(app):
    return app.test_client()


# Meilisearch: the project's fake by default, a real server when MEILI_URL is set.
REAL_URL = os.environ.get("MEILI_URL")


def needs_fake_meili(fake) -> None:
    """Skip, saying why, a test that breaks or slows the server on purpose: only the fake has those controls."""
    if fake is None:
        pytest.skip("needs the fake Meilisearch's fault controls (outage, latency, pause), which a real server "
                    "lacks: unset MEILI_URL to run it against the fake")
FAKE_MASTER_KEY = "lantern-test-master-key"


@pytest.fixture(scope="session")
def fake_meili():
    """One fake for the whole run (None against a real server); tests keep apart through unique index names."""
    if REAL_URL:
        yield None
        return
    with FakeMeilisearch(master_key=FAKE_MASTER_KEY) as fake:
        yield fake


@pytest.fixture
def meili(fake_meili):
    """(client, controls): a client holding the master key, and the fake's fault controls (None on a real server)."""
    url = REAL_URL or fake_meili.url
    key = os.environ.get("MEILI_MASTER_KEY") if REAL_URL else fake_meili.master_key
    yield meilisearch.Client(url, key), fake_meili
    if fake_meili is not None:  # a failed test must not leave the shared fake down or paused
        fake_meili.set_down(False)
        fake_meili.set_latency(0)
        fake_meili.resume()


@pytest.fixture
def meili_client(meili):
    """The master-key client alone."""
    return meili[0]


@pytest.fixture
def make_index(meili_client):
    """Factory: a fresh index with the given documents and settings in place; deleted after the test."""
    client, created = meili_client, []

    def make(documents=(), **settings):
        uid = unique_uid()
        created.append(uid)
        index = client.index(uid)
        tasks = [index.update_settings(settings)] if settings else [client.create_index(uid, {"primaryKey": "id"})]
        if documents:
            tasks.append(index.add_documents(list(documents), primary_key="id"))
        for task in tasks:
            finished = wait(client, task)
            assert finished.status == "succeeded", finished.error
        return index

    yield make
    for uid in created:
        try:
            client.delete_index(uid)
        except MeilisearchError:
            pass  # the test may have deleted, swapped or never created it; cleanup is best effort


def pytest_report_header(config):
    """Say which database the suite runs against, so a real-server run is visible in the log."""
    if os.environ.get("MONGODB_URI"):
        database = f"database: real MongoDB at MONGODB_URI (db {TEST_DB})"
    else:
        database = "database: mongomock-ng in process (set MONGODB_URI to run the same tests against a real server)"
    search = ("search: real Meilisearch at MEILI_URL" if REAL_URL
              else "search: the project's fake Meilisearch (set MEILI_URL and MEILI_MASTER_KEY for a real server)")
    return [database, search]
