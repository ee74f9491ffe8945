"""A report keeps what was reported, never who reported it: every collection is read raw after a report sent with
a distinctive address, browser and position, and none of them is anywhere. A device that asked to hear the outcome
is the one link kept, and only until the device is forgotten or told."""

import json

from bson import json_util
from mongoengine.connection import get_db

from api.models.report import Report
from tests import factories as f

ADDRESS = "198.51.100.173"
FORWARDED = "203.0.113.219"
AGENT = "Mozilla/5.0 (Linux; Android 14; QX-Fingerprint-7731) DistinctiveBrowser/93.1"
POINT = {"lat": "39.0987613", "lng": "-94.5712377"}
NOTE = "Phoned twice, told no beds until January"


def everything_stored() -> str:
    """Every document of every collection, as raw JSON."""
    database = get_db()
    return "\n".join(json_util.dumps(document) for name in database.list_collection_names()
                     for document in database[name].find())


def send(client, listing, headers=None, **body):
    return client.post(f"/v1/services/{listing.id}/reports", json={"kind": "full", "note": NOTE, **body},
                       query_string=POINT, environ_base={"REMOTE_ADDR": ADDRESS},
                       headers={"User-Agent": AGENT, "X-Forwarded-For": FORWARDED, "Referer": "https://x.example/a",
                                **(headers or {})})


def assert_nothing_about_the_reporter(stored: str):
    for trace in (ADDRESS, FORWARDED, "198.51.100", "QX-Fingerprint", "DistinctiveBrowser", "0987613", "5712377",
                  "x.example"):
        assert trace not in stored, trace


def test_nothing_identifying_the_reporter_is_stored_anywhere(client):
    house = f.service("Maple House", category="housing", capacity=[f.unit(2, 6)])

    answer = send(client, house)

    assert answer.status_code == 201
    stored = everything_stored()
    assert NOTE in stored  # what was reported is kept
    assert_nothing_about_the_reporter(stored)
    [report] = Report._get_collection().find()
    assert set(report) <= {"_id", "service", "organization", "kind", "suggestion", "key", "notes", "languages",
                           "count", "received", "first_at", "last_at", "state", "notify"}
    assert not report.get("notify") and all(moment.second == 0 for moment in report["received"])


def test_a_device_that_asks_is_the_only_link_and_goes_with_the_device(client):
    house = f.service("Maple House", category="housing", capacity=[f.unit(2, 6)])
    device = client.post("/v1/devices", json={"token": "tok-reporter", "platform": "android"}).json
    bearer = {"Authorization": f"Bearer {device['secret']}"}

    answer = send(client, house, headers=bearer, device_id=device["id"])

    assert answer.status_code == 201 and answer.json["notify"] is True
    [report] = Report._get_collection().find()
    assert report["notify"] == [device["id"]]
    assert "tok-reporter" not in json.dumps(report, default=str) and device["secret"] not in everything_stored()
    assert_nothing_about_the_reporter(everything_stored())

    assert client.delete(f"/v1/devices/{device['id']}", headers=bearer).status_code == 204
    assert Report._get_collection().find_one()["notify"] == []
    assert device["id"] not in everything_stored()


def test_a_device_link_needs_the_devices_secret(client):
    house = f.service("Maple House", category="housing", capacity=[f.unit(2, 6)])
    device = client.post("/v1/devices", json={"token": "tok-other", "platform": "ios"}).json

    unproven = send(client, house, device_id=device["id"])
    wrong = send(client, house, headers={"Authorization": "Bearer not-the-secret"}, device_id=device["id"])
    unknown = send(client, house, headers={"Authorization": f"Bearer {device['secret']}"}, device_id="no-such")

    assert (unproven.status_code, wrong.status_code) == (401, 401)
    assert unknown.status_code == 422 and "device_id" in unknown.json["errors"]["json"]
    assert Report.objects.count() == 0
