"""The API on Meilisearch: the fake server (or a real one at MEILI_URL), an index built from the test's data."""

import os

import pytest

from api import create_app
from api.adapters.meili.source import all_documents
from api.adapters.meili.writer import full_reindex
from tests.conftest import NOW, make_config
from tests.doubles.meili_helpers import unique_uid


def search_key(client, fake) -> str:
    """The search-only key: from the fake, or MEILI_SEARCH_KEY for a real server."""
    return fake.search_key if fake is not None else os.environ["MEILI_SEARCH_KEY"]


class MeiliApp:
    """The app searching a fresh index; reindex() puts what the test created (as of NOW) into it."""

    def __init__(self, admin, app):
        self.admin, self.app, self.index_uid = admin, app, app.config["MEILI_INDEX"]
        self.client = app.test_client()

    def reindex(self) -> "MeiliApp":
        full_reindex(self.admin, self.index_uid, all_documents(NOW, self.app.config["FRESHNESS_TTL_HOURS"]))
        return self


@pytest.fixture
def meili_app(storage, meili):
    client, fake = meili
    uid = unique_uid()
    config = make_config(SEARCH_BACKEND="meilisearch", MEILI_URL=client.config.url,
                         MEILI_SEARCH_KEY=search_key(client, fake), MEILI_INDEX=uid)
    app = create_app(config)  # before the test's data: the embedded database is created with the app
    app.extensions["lantern"].clock = lambda: NOW
    yield MeiliApp(client, app)
    client.delete_index(uid)
