"""Shared fixtures: a clean database per test, on mongomock-ng or on the real MongoDB named by MONGODB_URI."""

import os

import pytest

from api.adapters.storage import MongoStorage


@pytest.fixture
def storage():
    """An empty database: embedded unless MONGODB_URI points at a real server (then a throwaway test db)."""
    uri = os.environ.get("MONGODB_URI")
    store = MongoStorage(uri, "lantern_test")
    store.drop_all()
    yield store
    store.drop_all()
