"""Shared fixtures: a clean database per test, an app on it with a pinned clock, and its test client.

The database is mongomock-ng in process unless MONGODB_URI names a real server, in which case the same tests run
against it (in the database MONGODB_TEST_DB, default lantern_test, which they empty).
"""

import os
from datetime import UTC, datetime

import pytest

from api import create_app
from api.adapters.storage import MongoStorage
from api.config import Config

# Tuesday 24 November 2026, 10:00 in Riverton (America/Chicago, UTC-6).
NOW = datetime(2026, 11, 24, 16, 0, tzinfo=UTC)
TEST_DB = os.environ.get("MONGODB_TEST_DB", "lantern_test")


def make_config(**overrides) -> Config:
    """Configuration for tests: never seeds unless asked, and never touches a non-test database."""
    environ = {"SEED_ON_START": "0", "MONGODB_DB": TEST_DB}
    if os.environ.get("MONGODB_URI"):
        environ["MONGODB_URI"] = os.environ["MONGODB_URI"]
    return Config(environ | overrides)


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
    if request.param == "snapshot" and os.environ.get("MONGODB_URI"):
        pytest.skip("the snapshot backend serves only the embedded default; MONGODB_URI runs the mongodb backend")
    application = create_app(make_config(SEARCH_BACKEND=request.param))
    application.extensions["lantern"].clock = lambda: NOW
    return application


@pytest.fixture
def client(app):
    return app.test_client()


def pytest_report_header(config):
    """Say which database the suite runs against, so a real-server run is visible in the log."""
    if os.environ.get("MONGODB_URI"):
        return f"database: real MongoDB at MONGODB_URI (db {TEST_DB})"
    return "database: mongomock-ng in process (set MONGODB_URI to run the same tests against a real server)"
