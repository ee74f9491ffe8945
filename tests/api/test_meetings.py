"""GET /v1/meetings: "a women's meeting tonight near me"."""

from datetime import UTC, date, datetime

from api.models.schedule import ScheduleException
from tests import factories as f

NEAR = {"lat": 39.10, "lng": -94.58}


def meetings(client, **params):
    response = client.get("/v1/meetings", query_string=params)
    assert response.status_code == 200, response.json
    return response.json


def names(body):
    return [item["name"] for item in body["items"]]


def test_soonest_first_with_the_next_occurrence_in_local_time(client):
    f.meeting("Tuesday night", day="TU", opens="19:00", closes="20:00")
    f.meeting("Tuesday noon", day="TU", opens="12:00", closes="13:00")
    f.meeting("Monday night", day="MO", opens="19:00", closes="20:00")

    body = meetings(client, **NEAR)

    assert names(body) == ["Tuesday noon", "Tuesday night", "Monday night"]
    assert body["items"][0]["next_occurrence"] == {
        "start": "2026-11-24T12:00:00-06:00", "end": "2026-11-24T13:00:00-06:00",
        "timezone": "America/Chicago", "day": 2, "time": "12:00", "summary": "Today at 12:00\u202fPM"}
    assert body["items"][2]["next_occurrence"]["start"] == "2026-11-30T19:00:00-06:00"


def test_a_meeting_in_progress_is_listed_first_and_says_so(client):
    f.meeting("Early", day="TU", opens="09:30", closes="10:30")
    f.meeting("Later", day="TU", opens="11:00", closes="12:00")

    items = meetings(client)["items"]

    assert [(item["name"], item["in_progress"]) for item in items] == [("Early", True), ("Later", False)]


def test_day_and_starting_after_pick_the_evening(client):
    f.meeting("Friday morning", day="FR", opens="07:00", closes="08:00")
    f.meeting("Friday evening", day="FR", opens="19:30", closes="20:30")
    f.meeting("Saturday evening", day="SA", opens="19:30", closes="20:30")

    body = meetings(client, day=5, starting_after="18:00")

    assert names(body) == ["Friday evening"]
    assert body["items"][0]["next_occurrence"]["start"] == "2026-11-27T19:30:00-06:00"


def test_types_must_all_match_and_are_translated(client):
    f.meeting("Women's step study", types=("W", "ST", "C"))
    f.meeting("Open discussion", types=("O", "D"))

    body = meetings(client, types="W,C", lang="es")

    assert names(body) == ["Women's step study"]
    assert {t["code"]: t["label"] for t in body["items"][0]["meeting"]["types"]}["W"] == "Mujeres"


def test_attendance_separates_in_person_online_and_hybrid(client):
    f.meeting("Room only")
    f.meeting("Zoom only", attendance="online")
    f.meeting("Both", attendance="hybrid")

    assert sorted(names(meetings(client, attendance="online,hybrid"))) == ["Both", "Zoom only"]
    online = meetings(client, attendance="online")["items"][0]["meeting"]
    assert online["conference_url"] == "https://meet.example/j/1"


def test_a_cancelled_date_moves_the_next_occurrence_a_week_on(client):
    f.meeting("Holiday group", day="TH", opens="19:00", closes="20:00",
              exceptions=[ScheduleException(date=date(2026, 11, 26), reason="Thanksgiving")])

    item = meetings(client)["items"][0]

    assert item["next_occurrence"]["start"] == "2026-12-03T19:00:00-06:00"


def test_a_late_meeting_crossing_midnight_is_in_progress_after_midnight(client, app):
    f.meeting("Night owls", day="TU", opens="23:30", closes="00:30")
    app.extensions["lantern"].clock = lambda: datetime(2026, 11, 25, 6, 15, tzinfo=UTC)  # 00:15 Wednesday

    item = meetings(client)["items"][0]

    assert item["in_progress"] is True
    assert item["next_occurrence"]["start"] == "2026-11-24T23:30:00-06:00"


def test_temporarily_closed_meetings_have_no_next_occurrence_and_are_not_listed(client):
    f.meeting("On a break", status="temporarily_closed")
    f.meeting("Running")
    assert names(meetings(client)) == ["Running"]


def test_radius_limits_to_nearby_meetings(client):
    f.meeting("Nearby", places=[f.location(lat=39.10, lng=-94.57)])
    f.meeting("Across the state", places=[f.location(lat=38.60, lng=-90.20)])

    body = meetings(client, lat=39.10, lng=-94.58, radius_m=5000)

    assert names(body) == ["Nearby"] and 800 < body["items"][0]["distance_m"] < 900


def test_unknown_type_codes_are_refused_with_a_pointer_to_the_list(client):
    response = client.get("/v1/meetings?types=W,XYZ")
    assert response.status_code == 422
    assert "XYZ" in str(response.json["errors"]["query"]["types"])


def test_the_next_occurrence_moves_on_as_the_clock_passes_a_meeting(client, app):
    f.meeting("Noon", day="TU", opens="12:00", closes="13:00")
    clock = app.extensions["lantern"]
    starts = []
    for hour_utc in (16, 18, 19, 18):  # 10:00, 12:00 (in progress), 13:00 (over), back to 12:00
        clock.clock = lambda hour=hour_utc: datetime(2026, 11, 24, hour, tzinfo=UTC)
        item = meetings(client)["items"][0]
        starts.append((item["next_occurrence"]["start"][:10], item["in_progress"]))
    assert starts == [("2026-11-24", False), ("2026-11-24", True), ("2026-12-01", False), ("2026-11-24", True)]
