"""GET /v1/changes: a phone keeps an offline copy in sync from a cursor, removals included."""

from datetime import UTC, datetime, timedelta

import pytest

from api.services.editing import save_place
from tests import factories as f


@pytest.fixture
def feed(client, app):
    """GET /v1/changes with the clock just past every write (changes are listed once settled)."""
    app.extensions["lantern"].clock = lambda: datetime.now(UTC) + timedelta(seconds=5)

    def get(**params):
        response = client.get("/v1/changes", query_string=params)
        assert response.status_code == 200, response.json
        return response.json
    return get


def test_from_zero_everything_then_nothing_new(feed):
    first, second = f.service("First"), f.service("Second")

    body = feed()
    assert [(c["id"], c["change"]) for c in body["changes"]] == [(first.id, "upsert"), (second.id, "upsert")]
    assert body["changes"][0]["service"]["name"] == "First" and not body["has_more"]
    assert feed(since=body["next_since"]) == {"changes": [], "next_since": body["next_since"], "has_more": False}


def test_edits_removals_and_deactivations_arrive_in_order(feed):
    kept, gone, paused = f.service("Kept"), f.service("Gone"), f.service("Paused")
    cursor = feed()["next_since"]

    kept.name = "Kept (renamed)"
    kept.save()
    gone.delete()
    paused.status = "inactive"
    paused.save()
    body = feed(since=cursor)

    assert [(c["id"], c["change"]) for c in body["changes"]] == [
        (kept.id, "upsert"), (gone.id, "removed"), (paused.id, "removed")]
    assert body["changes"][0]["service"]["name"] == "Kept (renamed)"


def test_a_moved_place_is_a_changed_listing(feed):
    service = f.service("Moving")
    cursor = feed()["next_since"]

    place = service.locations[0].location
    place.area = "Riverside"
    save_place(place)

    changed = feed(since=cursor)["changes"]
    assert [c["id"] for c in changed] == [service.id]
    assert changed[0]["service"]["location"]["area"] == "Riverside"


def test_pages_of_changes_follow_the_cursor(feed):
    created = [f.service(f"S{index}").id for index in range(5)]
    seen, cursor = [], 0
    while True:
        body = feed(since=cursor, limit=2)
        seen += [c["id"] for c in body["changes"]]
        cursor = body["next_since"]
        if not body["has_more"]:
            break
    assert seen == created


def test_a_change_this_instant_waits_until_it_is_settled(client, app):
    f.service("Just now")
    app.extensions["lantern"].clock = lambda: datetime.now(UTC)
    assert client.get("/v1/changes").json["changes"] == []


def test_bad_cursors_are_422(client):
    for query in ("since=-1", "since=abc", f"since={10**23}", "limit=0", "limit=501", "since=1&since=2"):
        assert client.get(f"/v1/changes?{query}").status_code == 422, query
