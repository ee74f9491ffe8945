"""Fixtures for the Meilisearch contract tests (the server fixtures themselves are in tests/conftest.py).

Against a real server (MEILI_URL, and MEILI_MASTER_KEY when it has one) the same cases run, every index gets a unique
name and is deleted afterwards, and the cases that need the fake's fault controls are skipped.
"""

import pytest

from tests.conftest import needs_fake_meili


@pytest.fixture
def controls(meili):
    """The fake's fault controls; the test is skipped against a real server."""
    needs_fake_meili(meili[1])
    return meili[1]
