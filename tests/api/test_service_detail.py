"""GET /v1/services/{id}: one listing with everything a person needs to act on it."""

from datetime import date

from api.models.contact import Phone
from api.models.details import HousingDetail
from api.models.schedule import Schedule, ScheduleException
from tests import factories as f


def test_detail_gives_hours_in_local_time_and_the_next_openings(client):
    service = f.service("Clinic", phones=[Phone(number="(816) 555-0100")],
                        exceptions=[ScheduleException(date=date(2026, 11, 26), reason="Thanksgiving")])

    body = client.get(f"/v1/services/{service.id}").json

    assert body["hours"] == {"timezone": "America/Chicago", "open_now": True,
                             "closes_at": "2026-11-24T17:00:00-06:00",
                             "next_open": {"start": "2026-11-25T09:00:00-06:00", "end": "2026-11-25T17:00:00-06:00"},
                             "summary": "Open until 5:00\u202fPM"}  # Babel's (CLDR's) narrow space before PM
    # Thursday 26th is Thanksgiving: the upcoming openings skip it.
    assert [o["start"][:10] for o in body["upcoming"]] == [
        "2026-11-24", "2026-11-25", "2026-11-27", "2026-11-30", "2026-12-01"]
    assert body["exceptions"] == [{"date": "2026-11-26", "closed": True, "opens_at": None, "closes_at": None,
                                   "reason": "Thanksgiving"}]
    assert body["phones"][0]["number"] == "(816) 555-0100"
    assert body["location"] is None and body["locations"][0]["address_1"] == "100 Main St"


def test_detail_shows_capacity_with_who_confirmed_it_and_when(client):
    service = f.service("House", category="housing", capacity=[
        f.unit(2, 8, hours_ago=2), f.unit(0, 4, hours_ago=100, code="bed-men", name="Bed – men")])

    units = client.get(f"/v1/services/{service.id}").json["availability"]["units"]

    assert units[0] == {"code": "bed-women", "name": "Bed – women", "available": 2, "maximum": 8,
                        "waitlist_open": False, "waitlist_length": None, "confirmed_at": "2026-11-24T14:00:00+00:00",
                        "confirmed_by": "Test staff", "unconfirmed": False}
    assert units[1]["unconfirmed"] is True and units[1]["confirmed_at"] == "2026-11-20T12:00:00+00:00"


def test_housing_detail_says_whether_certification_is_current(client):
    current = f.service(category="housing", housing=HousingDetail(
        narr_level=3, certified_by="State Recovery Residence Association",
        certification_expires=date(2027, 3, 1), moud_friendly=True, weekly_cost=175.0))
    lapsed = f.service(category="housing", housing=HousingDetail(
        narr_level=2, certified_by="State Recovery Residence Association", certification_expires=date(2026, 1, 1)))

    housing = client.get(f"/v1/services/{current.id}").json["housing"]
    assert housing["narr_label"] == "Level III – supervised"
    assert housing["certification_current"] is True and housing["moud_friendly"] is True
    assert client.get(f"/v1/services/{lapsed.id}").json["housing"]["certification_current"] is False


def test_a_monthly_meeting_lists_its_next_dates(client):
    service = f.meeting("Second Saturday speaker")
    service.schedules = [Schedule(freq="MONTHLY", byday=["2SA"], opens_at="19:00", closes_at="20:30")]
    service.save()

    body = client.get(f"/v1/services/{service.id}?lang=es").json

    assert [o["start"] for o in body["upcoming"][:2]] == ["2026-12-12T19:00:00-06:00", "2027-01-09T19:00:00-06:00"]
    assert body["meeting"]["types"] == [{"code": "O", "label": "Abierta"}]


def test_an_inactive_listing_still_answers_so_a_bookmark_says_it_closed(client):
    service = f.service("Closed for good", status="inactive")
    body = client.get(f"/v1/services/{service.id}").json
    assert body["status"] == "inactive" and body["hours"]["open_now"] is False


def test_unknown_and_malformed_ids_are_404(client):
    for service_id in ("00000000-0000-0000-0000-000000000000", "not-an-id", "x" * 500, "$where", "%7B%7D"):
        response = client.get(f"/v1/services/{service_id}")
        assert response.status_code == 404, service_id
        assert response.json["message"].startswith("No service with id")


def test_detail_etag_answers_304_until_the_listing_changes(client):
    service = f.service("Steady")
    first = client.get(f"/v1/services/{service.id}")
    unchanged = client.get(f"/v1/services/{service.id}", headers={"If-None-Match": first.headers["ETag"]})
    assert unchanged.status_code == 304 and unchanged.headers["ETag"] == first.headers["ETag"]
    service.name = "Steady (renamed)"
    service.save()
    assert client.get(f"/v1/services/{service.id}",
                      headers={"If-None-Match": first.headers["ETag"]}).status_code == 200


def test_a_deleted_listing_is_gone_from_detail_and_search(client):
    gone = f.service("Gone tomorrow")
    assert client.get(f"/v1/services/{gone.id}").status_code == 200

    gone.delete()

    assert client.get(f"/v1/services/{gone.id}").status_code == 404
    assert client.get("/v1/services").json["total"] == 0
