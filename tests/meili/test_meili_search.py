"""The public API answering from Meilisearch: the same answers as the database backends, and no gap in outages."""

import json
from datetime import date

from api.models.details import ClinicalDetail
from api.models.schedule import ScheduleException
from tests import factories as f
from tests.conftest import needs_fake_meili

NEAR, MIDDLE, FAR = (39.10, -94.568), (39.10, -94.545), (39.10, -94.23)


def names(response):
    return [item["name"] for item in response.json["items"]]


def test_nearest_first_with_distances_from_meilisearch(meili_app):
    f.service("Middle", places=[f.location(lat=MIDDLE[0], lng=MIDDLE[1])])
    f.service("Near", places=[f.location(lat=NEAR[0], lng=NEAR[1])])
    f.service("Far", places=[f.location(lat=FAR[0], lng=FAR[1])])
    client = meili_app.reindex().client

    response = client.get("/v1/services?lat=39.10&lng=-94.58&radius_m=5000")

    assert response.headers["X-Search-Backend"] == "meilisearch"
    assert names(response) == ["Near", "Middle"]
    assert 900 < response.json["items"][0]["distance_m"] < 1150


def test_open_now_and_accepting_are_decided_at_query_time(meili_app):
    f.service("Chicago 9-5", category="housing", capacity=[f.unit(2, 6, hours_ago=3)])
    f.service("Evenings", category="housing", schedules=[f.weekdays("18:00", "22:00")],
              capacity=[f.unit(3, 6, hours_ago=24 * 5)])
    client = meili_app.reindex().client

    assert names(client.get("/v1/services?open_now=true")) == ["Chicago 9-5"]
    assert names(client.get("/v1/services?accepting=true")) == ["Chicago 9-5"]  # the stale count never counts


def test_open_now_to_the_five_minutes_within_an_hour(meili_app):
    # NOW is Tuesday 10:00 in Chicago: whole open hours and the slots of part-open hours are indexed apart.
    f.service("Until 10:30", schedules=[f.weekdays("10:00", "10:30")])
    f.service("From 10:05", schedules=[f.weekdays("10:05", "12:00")])
    f.service("Until 10:00", schedules=[f.weekdays("08:00", "10:00")])
    f.service("Around the clock", schedules=[f.weekdays("00:00", "00:00", days=("MO", "TU", "WE", "TH", "FR", "SA",
                                                                              "SU"))])
    client = meili_app.reindex().client

    assert sorted(names(client.get("/v1/services?open_now=true"))) == ["Around the clock", "Until 10:30"]
    around = meili_app.admin.index(meili_app.index_uid).search("Around the clock", {"limit": 1})["hits"][0]
    assert len(around["open_hours"]) == 7 * 24 and around["open_slots"] == []


def test_filters_and_facets_match_the_database_backends(meili_app):
    f.service("Bupe clinic", category="clinical", clinical=ClinicalDetail(moud=["buprenorphine"]), languages=["es"])
    f.service("Methadone OTP", category="clinical", clinical=ClinicalDetail(moud=["methadone"]))
    f.service("House", category="housing")
    client = meili_app.reindex().client

    assert names(client.get("/v1/services?moud=buprenorphine")) == ["Bupe clinic"]
    assert names(client.get("/v1/services?language=es")) == ["Bupe clinic"]
    facets = client.get("/v1/services?category=clinical").json["facets"]
    assert facets["moud"] == {"buprenorphine": 1, "methadone": 1} and facets["category"] == {"clinical": 2}


def test_words_people_type_find_the_listing(meili_app):
    f.service("Sunrise Withdrawal Management", category="clinical", description="Medically supervised")
    client = meili_app.reindex().client

    assert names(client.get("/v1/services?q=detox")) == ["Sunrise Withdrawal Management"]  # a synonym
    assert names(client.get("/v1/services?q=withdrawl")) == ["Sunrise Withdrawal Management"]  # a typo


def test_meetings_soonest_first_skipping_a_cancelled_date(meili_app):
    f.meeting("Tuesday night", day="TU", opens="19:00", closes="20:00")
    f.meeting("Thursday holiday", day="TH", opens="12:00", closes="13:00",
              exceptions=[ScheduleException(date=date(2026, 11, 26), reason="Thanksgiving")])
    f.meeting("Wednesday noon", day="WE", opens="12:00", closes="13:00")
    client = meili_app.reindex().client

    items = client.get("/v1/meetings").json["items"]

    assert [item["name"] for item in items] == ["Tuesday night", "Wednesday noon", "Thursday holiday"]
    assert items[2]["next_occurrence"]["start"] == "2026-12-03T12:00:00-06:00"
    friday = client.get("/v1/meetings?day=3&starting_after=11:00").json["items"]
    assert [item["name"] for item in friday] == ["Wednesday noon"]


def test_the_index_holds_no_confidential_address_or_point(meili_app, meili):
    client, _ = meili
    place = f.location(lat=39.1234567, lng=-94.6012345, confidential=True, address_1="4417 Larkspur Lane",
                       name="Larkspur House")
    f.service("Safe house", category="housing", places=[place])
    meili_app.reindex()

    documents = client.index(meili_app.index_uid).get_documents({"limit": 10}).results
    text = json.dumps([dict(document) for document in documents])
    assert "Larkspur" not in text and "39.12345" not in text and "94.60123" not in text


def test_an_outage_is_answered_from_the_database_and_recovers(meili_app, meili):
    _, fake = meili
    needs_fake_meili(fake)
    f.service("Still here")
    app, client = meili_app.app, meili_app.reindex().client

    fake.set_down(True)
    down = client.get("/v1/services")
    assert down.status_code == 200 and names(down) == ["Still here"]
    assert down.headers["X-Search-Backend"].startswith("snapshot (fallback: meilisearch unavailable)")

    fake.set_down(False)
    app.extensions["lantern"].search.breaker.close()  # skip the reset timeout; recovery itself is pybreaker's
    assert client.get("/v1/services").headers["X-Search-Backend"] == "meilisearch"


def test_the_api_searches_with_a_key_that_cannot_write(meili_app, meili):
    import pytest
    from meilisearch.errors import MeilisearchApiError
    _, fake = meili
    backend = meili_app.app.extensions["lantern"].search.primary
    with pytest.raises(MeilisearchApiError):
        backend.index.add_documents([{"id": "x"}])
    assert fake is None or backend.client.config.api_key == fake.search_key
