"""Our own feed imported back: every meeting comes back at its day, time and zone, and the slugs keep a re-import
an update of the same meetings (a changed time is no departure and arrival)."""

import json

from api.interop.meeting_guide import importer
from api.interop.meeting_guide.entries import FeedOptions
from api.interop.meeting_guide.feed import meeting_guide_feed
from api.models import Service
from api.models.schedule import Schedule
from api.services.editing import Actor, save_edit
from tests import factories as f
from tests.conftest import NOW

FEED = Actor("cli", "Meeting Guide import")
STORED_NOW = NOW.replace(tzinfo=None)
FIELDS = ("name", "day", "time", "end_time", "timezone", "types", "conference_url", "address", "city", "approximate")


def import_feed(org, entries):
    plan = importer.plan(org, json.loads(json.dumps(entries)), FeedOptions("ours"), now=STORED_NOW, who=FEED.name)
    assert not plan.errors, plan.errors
    importer.apply(plan, FEED)
    return plan


def meetings_of(entity: str) -> list[tuple]:
    return sorted(tuple(json.dumps(entry.get(key)) for key in FIELDS)
                  for entry in meeting_guide_feed() if entry.get("entity") == entity)


def test_every_meeting_comes_back_at_its_day_time_and_zone(storage):
    ours = f.organization("Riverton Intergroup")
    hall, town = f.location(ours, address_1="100 Main St"), f.location(ours, address_1=None)
    f.meeting("Early Birds", org=ours, places=[hall], schedules=[
        Schedule(byday=["MO", "WE", "FR"], opens_at="07:00", closes_at="08:00"),
        Schedule(byday=["SA"], opens_at="07:00", closes_at="08:00"),
        Schedule(byday=["SA"], opens_at="19:00", closes_at="20:30")])
    f.meeting("Midnight Hour", org=ours, places=[hall], attendance="hybrid",
              schedules=[Schedule(byday=["FR", "SA"], opens_at="23:30", closes_at="00:30")])
    for name, zone in (("Zoom Hope", "America/Chicago"), ("LifeRing Online Evening", "America/New_York"),
                       ("SMART Online", "America/Denver")):
        online = f.meeting(name, org=ours, places=[town], timezone=zone, attendance="online")
        online.meeting.approximate = True
        online.save()
    exported = meetings_of("Riverton Intergroup")

    import_feed(f.organization("Copy"), meeting_guide_feed())

    assert meetings_of("Copy") == exported and len(exported) == 5 + 2 + 3
    zones = {service.name: service.timezone for service in Service.objects(source="meeting-guide:ours")}
    assert zones["LifeRing Online Evening"] == "America/New_York" and zones["SMART Online"] == "America/Denver"
    midnight = Service.objects(source="meeting-guide:ours", name="Midnight Hour").first()
    assert (midnight.schedules[0].opens_at, midnight.schedules[0].closes_at) == ("23:30", "00:30")


def test_a_re_import_after_a_new_time_updates_the_same_meeting(storage):
    ours, copy = f.organization("Riverton Intergroup"), f.organization("Copy")
    meeting = f.meeting("Tuesday Hope", org=ours, day="TU", opens="19:00", closes="20:00")
    import_feed(copy, meeting_guide_feed())
    copied = Service.objects.get(source="meeting-guide:ours")

    def later(service):
        service.schedules = [Schedule(byday=["TU"], opens_at="19:30", closes_at="20:30")]

    save_edit(meeting.id, meeting.version, later, Actor("u", "Ann"))
    plan = import_feed(copy, [entry for entry in meeting_guide_feed() if entry["entity"] == "Riverton Intergroup"])

    assert (plan.counts["update"], plan.counts["create"], plan.removals) == (1, 0, [])
    assert Service.objects.get(id=copied.id).schedules[0].opens_at == "19:30"
