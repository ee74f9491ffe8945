"""/v1/meeting-guide.json follows the Meeting Guide specification (api/data/meeting-guide/README.md)."""

import re
from datetime import date

from api.domain.meeting_types import meeting_types
from api.models.schedule import Schedule
from tests import factories as f

HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
UPDATED = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$")


def feed(client):
    response = client.get("/v1/meeting-guide.json")
    assert response.status_code == 200 and isinstance(response.json, list)
    return response.json


def assert_follows_the_spec(entries):
    """The specification's rules, narrowed where its clients read less than it allows (feed.py says why)."""
    slugs = [entry["slug"] for entry in entries]
    assert len(slugs) == len(set(slugs)), "slugs must be unique"
    for entry in entries:
        assert entry["name"] and len(entry["name"]) <= 255
        assert re.fullmatch(r"[A-Za-z0-9_-]{1,64}", entry["slug"])
        assert set(entry["types"]) <= set(meeting_types())
        if "day" in entry:
            assert isinstance(entry["day"], int) and 0 <= entry["day"] <= 6, "one day per entry"
            assert HHMM.match(entry["time"])
            assert "end_time" not in entry or HHMM.match(entry["end_time"]) and entry["end_time"] > entry["time"]
        assert "updated" not in entry or UPDATED.match(entry["updated"])
        assert entry.get("approximate", "no") in ("yes", "no")
        if entry.get("approximate") == "no":
            assert entry["address"] and entry["city"], "an in-person meeting needs its street address"


def test_weekly_meetings_with_their_days_times_and_place(client):
    f.meeting("Sunset Group", day="SU", opens="18:00", closes="19:30", types=("O", "W"))
    early = f.meeting("Early Birds", schedules=[Schedule(byday=["MO", "WE", "FR"], opens_at="07:00", closes_at="08:00"),
                                               Schedule(byday=["SA"], opens_at="09:00", closes_at="10:00")])

    entries = feed(client)

    assert_follows_the_spec(entries)
    sunset = next(entry for entry in entries if entry["name"] == "Sunset Group")
    assert (sunset["day"], sunset["time"], sunset["end_time"], sunset["types"]) == (0, "18:00", "19:30", ["O", "W"])
    assert sunset["timezone"] == "America/Chicago" and sunset["address"] == "100 Main St"
    birds = [entry for entry in entries if entry["name"] == "Early Birds"]
    assert [(e["slug"], e["day"], e["time"], e["end_time"]) for e in birds] == [
        (f"{early.id}_1", 1, "07:00", "08:00"), (f"{early.id}_3", 3, "07:00", "08:00"),
        (f"{early.id}_5", 5, "07:00", "08:00"), (f"{early.id}_6", 6, "09:00", "10:00")]


def test_a_meeting_that_starts_twice_a_day_has_a_slug_per_start(client):
    twice = f.meeting("Twice", schedules=[Schedule(byday=["SA"], opens_at="07:00", closes_at="08:00"),
                                          Schedule(byday=["SA", "SU"], opens_at="19:00", closes_at="20:00")])

    entries = [entry for entry in feed(client) if entry["name"] == "Twice"]

    assert [(e["slug"], e["day"], e["time"]) for e in entries] == [
        (f"{twice.id}_0", 0, "19:00"), (f"{twice.id}_6_0700", 6, "07:00"), (f"{twice.id}_6_1900", 6, "19:00")]


def test_closed_monthly_appointment_and_confidential_meetings(client):
    f.meeting("Gone", status="inactive")
    f.meeting("Paused", status="temporarily_closed")
    f.meeting("Monthly", schedules=[Schedule(freq="MONTHLY", byday=["2SA"], opens_at="10:00", closes_at="11:00")])
    f.meeting("By appointment", schedules=[])
    f.meeting("Safe room", places=[f.location(confidential=True, address_1="12 Hidden Lane")])

    entries = {entry["name"]: entry for entry in feed(client)}

    assert_follows_the_spec(list(entries.values()))
    assert "Gone" not in entries and "Monthly" not in entries  # weekly meetings only, as the spec asks
    assert "TC" in entries["Paused"]["types"]
    assert "day" not in entries["By appointment"] and "time" not in entries["By appointment"]
    hidden = entries["Safe room"]
    assert hidden["approximate"] == "yes" and "address" not in hidden and "Hidden" not in str(hidden)


def test_a_weekly_rule_that_skips_weeks_is_no_weekly_entry(client):
    """An HSDS import keeps "every other Thursday": the feed, whose entries meet every week, leaves it out."""
    f.meeting("Every other week", schedules=[Schedule(byday=["TH"], opens_at="19:00", closes_at="20:00", interval=2,
                                                      dtstart=date(2025, 1, 2))])
    f.meeting("Every week", schedules=[Schedule(byday=["TH"], opens_at="19:00", closes_at="20:00")])

    assert [entry["name"] for entry in feed(client)] == ["Every week"]


def test_online_meetings_carry_their_conference_details(client):
    f.meeting("Zoom group", attendance="online")
    entry = next(entry for entry in feed(client) if entry["name"] == "Zoom group")
    assert entry["conference_url"] == "https://meet.example/j/1"


def test_the_feed_is_found_from_the_root_and_revalidates_cheaply(client):
    assert client.get("/").json["links"]["meeting_guide_feed"] == "/v1/meeting-guide.json"
    meeting = f.meeting("Tag group")
    first = client.get("/v1/meeting-guide.json")
    assert client.get("/v1/meeting-guide.json", headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    meeting.name = "Renamed group"
    meeting.save()
    again = client.get("/v1/meeting-guide.json", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 200 and again.json[0]["name"] == "Renamed group"
    assert again.json[0]["slug"] == f"{meeting.id}_2"  # the slug survives a rename
