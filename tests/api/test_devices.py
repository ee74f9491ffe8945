"""Devices and subscriptions: anonymous, secret-guarded, limited, and holding no more about a person than needed."""

import json
from datetime import timedelta
from itertools import count

import pytest

from api.models.device import MAX_SUBSCRIPTIONS, Device, Subscription
from api.models.location import coarse_point
from api.models.push import PendingPush, SentPush
from tests import factories as f
from tests.conftest import NOW

EXACT = (39.1234567, -94.6012345)  # (lat, lng) where the person stood
_tokens = count(1)


def register(client, **body):
    """(device id, auth headers) of a freshly registered device."""
    response = client.post("/v1/devices", json={"token": f"fcm-token-{next(_tokens)}", "platform": "android"} | body)
    assert response.status_code == 201, response.json
    return response.json["id"], {"Authorization": f"Bearer {response.json['secret']}"}


def follow(client, device_id, headers, **body):
    return client.post(f"/v1/devices/{device_id}/subscriptions", json=body, headers=headers)


def area(**fields):
    return {"kind": "area", "category": "housing", "lat": EXACT[0], "lng": EXACT[1]} | fields


def test_a_device_lives_follows_and_is_forgotten(client):
    housing = f.service("Hope House", category="housing")
    response = client.post("/v1/devices", json={"token": "t-1", "platform": "ios", "locale": "es-MX"})
    assert response.status_code == 201
    created = response.json
    assert set(created) == {"id", "secret", "token_kind", "platform", "locale", "discreet", "created_at"}
    assert created["token_kind"] == "registration_token" and created["discreet"] is True
    assert created["locale"] == "es-MX" and created["created_at"].startswith("2026-11-24T00:00:00")  # the day only
    device, auth = f"/v1/devices/{created['id']}", {"Authorization": f"Bearer {created['secret']}"}

    assert client.get(device, headers=auth).json == {
        "id": created["id"], "token_kind": "registration_token", "platform": "ios", "locale": "es-MX",
        "discreet": True, "created_at": created["created_at"], "last_seen_at": "2026-11-24",
        "subscription_count": 0, "subscription_limit": MAX_SUBSCRIPTIONS}
    changed = client.patch(device, json={"token": "t-2", "token_kind": "installation_id", "locale": "en",
                                         "discreet": False}, headers=auth)
    assert changed.status_code == 200
    assert changed.json["token_kind"] == "installation_id" and changed.json["discreet"] is False
    assert Device.objects.get(id=created["id"]).token == "t-2"

    service = follow(client, created["id"], auth, kind="service", service_id=housing.id)
    assert service.status_code == 201
    assert set(service.json) == {"id", "kind", "service_id", "created_at"}
    near = follow(client, created["id"], auth, **area(gender="women", accepting=True, radius_km=5))
    assert near.status_code == 201
    assert near.json["category"] == "housing" and near.json["gender"] == "women" and near.json["accepting"]
    assert near.json["radius_km"] == 5
    meetings = follow(client, created["id"], auth, kind="meetings", types=["W", "O", "W"], lat=39.1, lng=-94.6)
    assert meetings.status_code == 201
    assert meetings.json["types"] == ["W", "O"] and meetings.json["radius_km"] == 10
    assert "category" not in meetings.json and "service_id" not in meetings.json

    listed = {item["id"]: item for item in client.get(f"{device}/subscriptions", headers=auth).json["items"]}
    assert listed == {answer.json["id"]: answer.json for answer in (service, near, meetings)}
    assert client.delete(f"{device}/subscriptions/{near.json['id']}", headers=auth).status_code == 204
    assert client.get(device, headers=auth).json["subscription_count"] == 2

    assert client.delete(device, headers=auth).status_code == 204
    assert client.get(device, headers=auth).status_code == 404
    assert Device.objects.count() == 0


def test_the_secret_is_shown_once_and_the_token_never(client):
    response = client.post("/v1/devices", json={"token": "very-private-token", "platform": "web"})
    secret, device = response.json["secret"], f"/v1/devices/{response.json['id']}"
    assert "very-private-token" not in response.get_data(as_text=True)
    later = client.get(device, headers={"Authorization": f"Bearer {secret}"}).get_data(as_text=True)
    assert secret not in later and "very-private-token" not in later
    assert secret not in json.dumps(Device._get_collection().find_one(), default=str)  # only its hash is kept


def test_the_device_document_holds_nothing_else(client):
    device_id, _ = register(client)
    stored = Device._get_collection().find_one({"_id": device_id})
    assert set(stored) <= {"_id", "secret_hash", "token", "token_kind", "platform", "locale", "discreet",
                           "created_at", "last_seen_at", "subscriptions"}


SECURED = [("get", ""), ("patch", ""), ("delete", ""), ("get", "/subscriptions"), ("post", "/subscriptions"),
           ("delete", "/subscriptions/some-id")]


@pytest.mark.parametrize("method, path", SECURED)
def test_every_device_route_needs_the_secret(client, method, path):
    device_id, auth = register(client)
    other_id, other_auth = register(client)
    url = f"/v1/devices/{device_id}{path}"
    for headers, challenge in (({}, "Bearer"), ({"Authorization": "Bearer wrong"}, 'Bearer error="invalid_token"'),
                               (other_auth, 'Bearer error="invalid_token"'),
                               ({"Authorization": auth["Authorization"].replace("Bearer", "Basic")}, "Bearer")):
        response = getattr(client, method)(url, json={}, headers=headers)
        assert response.status_code == 401, (headers, response.json)
        assert response.headers["WWW-Authenticate"] == challenge
        assert response.headers["Cache-Control"] == "no-store"
        assert set(response.json) == {"code", "status", "message"}
    assert client.get(f"/v1/devices/{device_id}", headers=auth).status_code == 200  # nothing was changed


@pytest.mark.parametrize("method, path", SECURED)
def test_an_unknown_device_is_404(client, method, path):
    _, auth = register(client)
    for device_id in ("0b6f5f0e-0000-4000-8000-000000000000", "not-an-id", "x" * 500):
        response = getattr(client, method)(f"/v1/devices/{device_id}{path}", json={}, headers=auth)
        assert response.status_code == 404, response.json


def test_a_subscription_of_another_device_is_404(client):
    device_id, auth = register(client)
    other_id, other_auth = register(client)
    theirs = follow(client, other_id, other_auth, **area()).json["id"]
    assert client.delete(f"/v1/devices/{device_id}/subscriptions/{theirs}", headers=auth).status_code == 404
    assert client.delete(f"/v1/devices/{device_id}/subscriptions/nothing", headers=auth).status_code == 404
    assert [s.id for s in Device.objects.get(id=other_id).subscriptions] == [theirs]


BAD_REGISTRATIONS = [
    ({"platform": "symbian"}, "platform"),
    ({"platform": None}, "platform"),
    ({"token": ""}, "token"),
    ({"token": "t" * 4097}, "token"),
    ({"token_kind": "apns"}, "token_kind"),
    ({"locale": "english"}, "locale"),
    ({"locale": "en_US"}, "locale"),
    ({"discreet": "sometimes"}, "discreet"),
    ({"email": "a@example.org"}, "email"),
    ({"lat": 39.1}, "lat"),
]


@pytest.mark.parametrize("change, field", BAD_REGISTRATIONS)
def test_bad_registrations_name_the_field(client, change, field):
    response = client.post("/v1/devices", json={"token": "t", "platform": "android"} | change)
    assert response.status_code == 422, response.json
    assert field in response.json["errors"]["json"]
    assert Device.objects.count() == 0


def test_a_registration_needs_a_token_and_a_platform(client):
    errors = client.post("/v1/devices", json={}).json["errors"]["json"]
    assert set(errors) == {"token", "platform"}


@pytest.mark.parametrize("change, field", [({"token_kind": "installation_id"}, "token_kind"),
                                           ({"locale": "xx-"}, "locale"), ({"platform": "ios"}, "platform"),
                                           ({"token": None}, "token")])
def test_bad_changes_name_the_field(client, change, field):
    device_id, auth = register(client)
    response = client.patch(f"/v1/devices/{device_id}", json=change, headers=auth)
    assert response.status_code == 422, response.json
    assert field in response.json["errors"]["json"]


BAD_SUBSCRIPTIONS = [
    ({"kind": "everything"}, "kind"),
    ({"kind": "meetings", "types": ["O", "ZZZ"], "lat": 39.1, "lng": -94.6}, "types"),
    ({"kind": "meetings", "types": [], "lat": 39.1, "lng": -94.6}, "types"),
    ({"kind": "meetings", "types": ["O"], "lat": 39.1}, "lng"),
    (area(radius_km=50.5), "radius_km"),
    (area(radius_km=0.1), "radius_km"),
    (area(lat=91), "lat"),
    (area(category="casino"), "category"),
    (area(gender="robot"), "gender"),
    (area(types=["O"]), "types"),
    (area(service_id="0b6f5f0e-0000-4000-8000-000000000000"), "service_id"),
    (area(note="hello"), "note"),
    ({"kind": "area", "lat": 39.1, "lng": -94.6}, "category"),
    ({"kind": "service", "service_id": "not-a-uuid"}, "service_id"),
    ({"kind": "service", "service_id": "0b6f5f0e-0000-4000-8000-000000000000"}, "service_id"),
    ({"kind": "service"}, "service_id"),
]


@pytest.mark.parametrize("body, field", BAD_SUBSCRIPTIONS)
def test_bad_subscriptions_name_the_field(client, body, field):
    device_id, auth = register(client)
    response = follow(client, device_id, auth, **body)
    assert response.status_code == 422, response.json
    assert field in response.json["errors"]["json"], response.json
    assert not any(device.subscriptions for device in Device.objects)


def test_a_service_that_has_closed_for_good_cannot_be_followed(client):
    device_id, auth = register(client)
    closed = f.service("Gone", status="inactive")
    response = follow(client, device_id, auth, kind="service", service_id=closed.id)
    assert response.status_code == 422 and "service_id" in response.json["errors"]["json"]


def test_following_a_service_twice_gives_back_the_first(client):
    device_id, auth = register(client)
    service = f.service("Hope House")
    first = follow(client, device_id, auth, kind="service", service_id=service.id)
    again = follow(client, device_id, auth, kind="service", service_id=service.id)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json == first.json
    assert len(Device.objects.get(id=device_id).subscriptions) == 1


def test_a_device_follows_a_limited_number_of_things(client):
    device_id, auth = register(client)
    service = f.service("Hope House")
    assert follow(client, device_id, auth, kind="service", service_id=service.id).status_code == 201
    for _ in range(MAX_SUBSCRIPTIONS - 1):
        Device.objects(id=device_id).update_one(push__subscriptions=Subscription(
            kind="area", category="housing", centre=[-94.6, 39.1], radius_km=10))

    response = follow(client, device_id, auth, **area())
    assert response.status_code == 409 and str(MAX_SUBSCRIPTIONS) in response.json["message"]
    assert follow(client, device_id, auth, kind="service", service_id=service.id).status_code == 200
    assert len(Device.objects.get(id=device_id).subscriptions) == MAX_SUBSCRIPTIONS
    other_id, other_auth = register(client)
    assert follow(client, other_id, other_auth, **area()).status_code == 201  # the limit is per device


@pytest.mark.parametrize("kind", ["area", "meetings"])
def test_only_the_coarse_cell_centre_is_kept(client, kind):
    device_id, auth = register(client)
    body = area() if kind == "area" else {"kind": "meetings", "types": ["O"], "lat": EXACT[0], "lng": EXACT[1]}
    response = follow(client, device_id, auth, **body)

    lng, lat = coarse_point(EXACT[1], EXACT[0])
    assert response.json["centre"] == {"lat": lat, "lng": lng}
    stored = next(subscription for subscription in Device._get_collection().find_one()["subscriptions"]
                  if subscription["id"] == response.json["id"])
    assert stored["centre"]["coordinates"] == [lng, lat]
    assert "lat" not in stored and "lng" not in stored
    for text in (json.dumps(stored, default=str), response.get_data(as_text=True),
                 client.get(f"/v1/devices/{device_id}/subscriptions", headers=auth).get_data(as_text=True)):
        assert "39.12345" not in text and "94.60123" not in text


def test_forgetting_a_device_removes_everything_about_it(client):
    device_id, auth = register(client)
    other_id, other_auth = register(client)
    service = f.service("Hope House")
    for owner, headers in ((device_id, auth), (other_id, other_auth)):
        follow(client, owner, headers, kind="service", service_id=service.id)
        follow(client, owner, headers, **area())
        # Raw rows: the notifier owns these documents' other fields; forgetting goes by device alone.
        PendingPush._get_collection().insert_one({"_id": f"{owner}:{service.id}", "device": owner,
                                                  "service": service.id, "key": f"k-{owner}"})
        SentPush._get_collection().insert_one({"_id": f"sent-{owner}", "device": owner, "service": service.id})

    assert client.delete(f"/v1/devices/{device_id}", headers=auth).status_code == 204

    assert Device.objects(id=device_id).count() == 0 and Device.objects(id=other_id).count() == 1
    for document in (PendingPush, SentPush):
        assert document.objects(device=device_id).count() == 0, document
        assert document.objects(device=other_id).count() > 0, document
    assert Device.objects(id=device_id).count() == 0
    assert client.get(f"/v1/devices/{other_id}", headers=other_auth).status_code == 200


def test_registering_a_token_again_replaces_its_old_device(client):
    old_id, old_auth = register(client, token="same-token")
    follow(client, old_id, old_auth, **area())
    new_id, new_auth = register(client, token="same-token")

    assert new_id != old_id
    assert client.get(f"/v1/devices/{old_id}", headers=old_auth).status_code == 404
    assert Device.objects(id=old_id).count() == 0
    assert client.get(f"/v1/devices/{new_id}", headers=new_auth).json["subscription_count"] == 0


def test_a_token_moved_to_another_device_leaves_one_device_holding_it(client):
    old_id, old_auth = register(client, token="rotated")
    new_id, new_auth = register(client)
    assert client.patch(f"/v1/devices/{new_id}", json={"token": "rotated"}, headers=new_auth).status_code == 200
    assert client.get(f"/v1/devices/{old_id}", headers=old_auth).status_code == 404
    assert [device.id for device in Device.objects(token="rotated")] == [new_id]


def test_last_seen_is_the_day_only_and_written_once_a_day(app, client):
    device_id, auth = register(client)
    clock = app.extensions["lantern"]
    clock.clock = lambda: NOW + timedelta(days=2, hours=3)
    assert client.get(f"/v1/devices/{device_id}", headers=auth).json["last_seen_at"] == "2026-11-26"
    stored = Device.objects.get(id=device_id).last_seen_at
    assert (stored.hour, stored.minute, stored.second) == (0, 0, 0)


def test_device_answers_are_never_cached(client):
    response = client.post("/v1/devices", json={"token": "t", "platform": "android"})
    assert response.headers["Cache-Control"] == "no-store" and "ETag" not in response.headers
    device, auth = f"/v1/devices/{response.json['id']}", {"Authorization": f"Bearer {response.json['secret']}"}
    assert client.get(device, headers=auth).headers["Cache-Control"] == "no-store"
    assert client.get(f"{device}/subscriptions", headers=auth).headers["Cache-Control"] == "no-store"


def test_openapi_documents_the_device_secret(client):
    spec = client.get("/openapi.json").json
    assert spec["components"]["securitySchemes"]["deviceSecret"] == {
        "type": "http", "scheme": "bearer", "description": "The `secret` returned once by POST /v1/devices."}
    assert "security" not in spec["paths"]["/v1/devices"]["post"]
    for path in ("/v1/devices/{device_id}", "/v1/devices/{device_id}/subscriptions",
                 "/v1/devices/{device_id}/subscriptions/{subscription_id}"):
        for operation in spec["paths"][path].values():
            if isinstance(operation, dict) and "responses" in operation:
                assert operation["security"] == [{"deviceSecret": []}], path
                assert "401" in operation["responses"], path
