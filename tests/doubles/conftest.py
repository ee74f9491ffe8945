"""Fixtures for the Meilisearch contract tests (the server fixtures themselves are in tests/conftest.py).

Against a real server (MEILI_URL, and MEILI_MASTER_KEY when it has one) the same cases run, every index gets a unique
name and is deleted afterwards, and the cases that need the fake's fault controls are skipped.
"""


import pytest
from meilisearch.errors import MeilisearchError

from tests.doubles.meili_helpers import unique_uid, wait


@pytest.fixture
def controls(meili):
    """The fake's fault controls; the test is skipped against a real server."""
    if meili[1] is None:
        pytest.skip("needs the double's fault controls; not available against a real server")
    return meili[1]


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
