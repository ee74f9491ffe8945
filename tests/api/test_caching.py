"""How long a phone or a CDN may keep each public answer (api/caching.py), read from the Cache-Control it gets."""

import pytest

from api.cli.serving import build_app
from tests import factories as f
from tests.conftest import NOW, make_config


@pytest.fixture
def client(storage):
    app = build_app(make_config())
    app.extensions["lantern"].clock = lambda: NOW
    f.meeting("Tuesday Hope")
    return app.test_client()


def directives(response) -> dict[str, str | None]:
    """Cache-Control as {directive: value or None}."""
    found = {}
    for part in response.headers.get("Cache-Control", "").split(","):
        name, _, value = part.strip().partition("=")
        if name:
            found[name.lower()] = value or None
    return found


def max_age(client, path) -> int:
    response = client.get(path)
    assert response.status_code == 200, path
    kept = directives(response)
    assert "public" in kept and "no-store" not in kept, (path, kept)
    return int(kept["max-age"])


def test_live_answers_are_kept_a_minute_at_most_and_the_feed_and_hsds_longer(client):
    live = [max_age(client, path) for path in ("/v1/services", "/v1/services?open_now=true", "/v1/meetings")]
    service = client.get("/v1/services").json["items"][0]["id"]
    live.append(max_age(client, f"/v1/services/{service}"))
    assert max(live) <= 60  # open now, starting soon and free beds change by the minute

    feed, hsds = max_age(client, "/v1/meeting-guide.json"), max_age(client, "/hsds/services")
    assert feed > max(live) and hsds > max(live)
    assert max_age(client, "/v1/categories") >= feed  # vocabularies change only with a release


@pytest.mark.parametrize("path", ["/v1/services", "/v1/meeting-guide.json", "/hsds/services", "/v1/changes"])
def test_a_304_repeats_the_cache_control_so_a_revalidated_copy_is_kept_again(client, path):
    first = client.get(path)
    again = client.get(path, headers={"If-None-Match": first.headers["ETag"]})

    assert again.status_code == 304
    assert again.headers["Cache-Control"] == first.headers["Cache-Control"]


def test_the_change_feed_is_always_revalidated(client):
    assert "no-cache" in directives(client.get("/v1/changes"))


def test_health_and_device_answers_are_never_stored(client):
    assert "no-store" in directives(client.get("/v1/health"))
    created = client.post("/v1/devices", json={"token": "t-1", "platform": "ios"})
    assert created.status_code == 201 and directives(created) == {"no-store": None}
    device = client.get(f"/v1/devices/{created.json['id']}",
                        headers={"Authorization": f"Bearer {created.json['secret']}"})
    assert device.status_code == 200 and directives(device) == {"no-store": None}


@pytest.mark.parametrize("path", ["/v1/services/nope", "/v1/services?lat=500&lng=0", "/hsds/services/nope",
                                  "/v1/nowhere", "/v1/devices/nope"])
def test_errors_are_never_stored(client, path):
    response = client.get(path)
    assert response.status_code >= 400 and directives(response) == {"no-store": None}


def test_the_admin_area_keeps_its_own_no_store(client):
    assert directives(client.get("/admin/login")) == {"no-store": None}
