"""The seeded city end to end, as a person on a phone would use it: near me, open now, with room, privately."""

import re
from datetime import UTC, datetime

import pytest

from api import create_app
from api.models import Location, Service
from tests.conftest import make_config, skip_snapshot_on_a_real_database

DOWNTOWN = {"lat": 39.10, "lng": -94.58}
NOW = datetime.now(UTC)


@pytest.fixture(scope="module", params=["snapshot", "mongodb"])
def client(request):
    """One seeded app per search backend for the module: these tests only read."""
    from api.adapters.storage import MongoStorage
    skip_snapshot_on_a_real_database(request.param)
    MongoStorage(make_config().MONGODB_URI, make_config().MONGODB_DB).drop_all()
    app = create_app(make_config(SEED_ON_START="1", SEARCH_BACKEND=request.param))
    app.extensions["lantern"].clock = lambda: NOW
    return app.test_client()


def every_page(client, path, **params):
    page, items = 1, []
    while True:
        body = client.get(path, query_string=params | {"page": page, "per_page": 50}).json
        items.extend(body["items"])
        if page * 50 >= body["total"]:
            return items
        page += 1


def test_a_search_near_downtown_is_nearest_first_within_the_radius(client):
    items = every_page(client, "/v1/services", radius_m=5000, **DOWNTOWN)
    distances = [item["distance_m"] for item in items]
    assert len(items) > 30
    assert distances == sorted(distances) and distances[-1] <= 5000


def test_open_now_lists_exactly_the_listings_open_by_their_own_hours(client):
    from api.domain.schedule import open_state
    listed = {item["id"] for item in every_page(client, "/v1/services", open_now="true")}
    expected = {service.id for service in Service.objects(status__ne="inactive")
                if open_state(service.schedules, service.exceptions, service.timezone, service.status, NOW).open_now}
    assert expected, "at any hour something in the seed city is open (crisis lines, 24/7 detox)"
    assert listed == expected


def test_accepting_housing_is_only_confirmed_vacancies(client):
    items = every_page(client, "/v1/services", category="housing", accepting="true", radius_m=30000, **DOWNTOWN)
    assert items
    for item in items:
        availability = item["availability"]
        assert availability["state"] == "available" and availability["available"] > 0
        assert any(unit["available"] > 0 and not unit["unconfirmed"] for unit in availability["units"])


def test_the_seed_shows_every_availability_state_honestly(client):
    states = {item["availability"]["state"]
              for item in every_page(client, "/v1/services", category="housing", radius_m=30000, **DOWNTOWN)}
    assert {"available", "full", "waitlist", "unconfirmed"} <= states


def test_no_confidential_address_appears_anywhere_in_the_api(client):
    secrets = [location for location in Location.objects(confidential=True)]
    assert secrets
    services = Service.objects(locations__location__in=[location.id for location in secrets])
    payloads = [client.get("/v1/services", query_string=DOWNTOWN | {"radius_m": 30000, "per_page": 50,
                                                                  "page": page}).get_data(as_text=True)
                for page in range(1, 8)]
    payloads += [client.get(f"/v1/services/{service.id}").get_data(as_text=True) for service in services]
    payloads += [client.get("/v1/meetings", query_string={"per_page": 50, "page": page}).get_data(as_text=True)
                 for page in range(1, 5)]
    text = "\n".join(payloads)
    public_names = {location.name for location in Location.objects(confidential=False)}
    for location in secrets:
        lng, lat = location.point["coordinates"]
        assert location.address.address_1 not in text
        # Truncated, not rounded: any leak of the exact point starts with these digits (the pair, since one
        # coordinate alone can match an unrelated place by chance).
        near_pair = rf"{re.escape(str(lat)[:8])}\d*.{{0,20}}{re.escape(str(lng)[:9])}"
        assert not re.search(near_pair, text), location.id
        if location.name and location.name not in public_names:  # "Cedar House" may also be an open one
            assert location.name not in text


def test_meetings_tonight_for_women_come_soonest_first_in_local_time(client):
    items = every_page(client, "/v1/meetings", types="W", radius_m=30000, **DOWNTOWN)
    starts = [datetime.fromisoformat(item["next_occurrence"]["start"]) for item in items]
    assert items and starts == sorted(starts)
    assert all(item["next_occurrence"]["start"][-6:] in ("-06:00", "-05:00", "-07:00") for item in items)
    assert all("W" in [t["code"] for t in item["meeting"]["types"]] for item in items)
