"""Meeting Guide import: fields mapped, attendance derived as the 12 Step Meeting List does, bad entries a per-entry
error (never a crash, never half applied), re-import idempotent, departed meetings removed with a tombstone."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.interop.imports.apply import ImportFailed, ImportRefused
from api.interop.meeting_guide import importer
from api.interop.meeting_guide.entries import TC_ONLINE_NOTE, FeedOptions
from api.interop.meeting_guide.feed import meeting_guide_feed
from api.models import Location, Service
from api.models.audit import AuditEntry
from api.models.changes import Tombstone, current
from api.services.editing import Actor, save_edit
from api.services.geocoding import FOUND, NOT_FOUND, Geocoded
from tests import factories as f
from tests.conftest import NOW

FEED = Actor("cli", "Meeting Guide import")
STORED_NOW = NOW.replace(tzinfo=None)
SERENITY = {"name": "Sunday Serenity", "slug": "sunday-serenity-14", "day": 0, "time": "18:00", "end_time": "19:30",
            "location": "Alano Club", "group": "The Serenity Group", "notes": "Ring buzzer.",
            "updated": "2014-05-31 14:32:23", "url": "https://district123.org/meetings/sunday-serenity",
            "types": ["O", "T", "LGBTQ"], "address": "123 Main Street", "city": "Anytown", "state": "CA",
            "postal_code": "98765", "country": "US", "approximate": "no", "latitude": 34.1, "longitude": -118.2,
            "timezone": "America/Los_Angeles"}
ONLINE = {"name": "Zoom Hope", "slug": "zoom-hope", "day": [1, 3], "time": "07:00", "types": ["ONL", "D"],
          "conference_url": "https://zoom.us/j/123", "conference_phone": "+1 (646) 558-8656,,123#",
          "city": "Anytown", "state": "CA", "approximate": "yes", "timezone": "America/Los_Angeles"}


class FixedGeocoder:
    name = "fixed"

    def __init__(self, answers=None):
        self.answers, self.asked = answers or {}, []

    def locate(self, query):
        self.asked.append(query)
        point = self.answers.get(query)
        return Geocoded(FOUND, lng=point[0], lat=point[1]) if point else Geocoded(NOT_FOUND)


@pytest.fixture
def org(storage):
    return f.organization("District 123")


def plan_of(org, *entries, source="district123", **options):
    return importer.plan(org, importer.read_feed(json.dumps(list(entries)).encode()),
                         FeedOptions(source, **options), now=STORED_NOW, who=FEED.name)


def imported(org, *entries, **options):
    plan = plan_of(org, *entries, **options)
    assert not plan.errors, plan.errors
    return plan, importer.apply(plan, FEED)


def meeting(slug="sunday-serenity-14") -> Service:
    return Service.objects.get(source="meeting-guide:district123", source_id=slug)


def snapshot() -> dict:
    return {"services": sorted(repr(s.to_mongo().to_dict()) for s in Service.objects),
            "locations": Location.objects.count(), "audit": AuditEntry.objects.count(), "sequence": current()}


# --- mapping -----------------------------------------------------------------------------------------------------

def test_the_spec_example_maps_onto_a_meeting_with_its_place_and_provenance(org):
    _, report = imported(org, SERENITY)

    assert len(report.created) == 1
    service = meeting()
    assert (service.name, service.category, service.status, service.timezone) == (
        "Sunday Serenity", "meeting", "active", "America/Los_Angeles")
    assert service.url == SERENITY["url"]
    assert [(s.freq, s.byday, s.opens_at, s.closes_at) for s in service.schedules] == [
        ("WEEKLY", ["SU"], "18:00", "19:30")]
    detail = service.meeting
    assert (detail.fellowship, detail.types, detail.attendance, detail.group, detail.approximate) == (
        "aa", ["O", "T", "LGBTQ"], "in_person", "The Serenity Group", False)
    assert detail.notes == "Ring buzzer."
    place = service.locations[0].location
    assert (place.name, place.address.address_1, place.address.city, place.address.region,
            place.address.postal_code, place.point["coordinates"]) == (
        "Alano Club", "123 Main Street", "Anytown", "CA", "98765", [-118.2, 34.1])


@pytest.mark.parametrize("types, conference, approximate, attendance, status", [
    (["TC", "ONL"], True, "no", "online", "active"),
    (["TC"], False, "no", "in_person", "temporarily_closed"),
    (["ONL"], True, "yes", "online", "active"),
    (["ONL"], True, "no", "hybrid", "active"),
    ([], True, "no", "hybrid", "active"),  # a conference link is as good as ONL
    ([], False, "yes", "in_person", "inactive"),
    ([], False, "no", "in_person", "active"),
    (["ONL"], False, "no", "in_person", "active"),  # ONL with nothing to join: the spec says not active online
])
def test_attendance_is_derived_as_the_12_step_meeting_list_does(org, types, conference, approximate, attendance,
                                                                status):
    entry = {**SERENITY, "types": ["O", *types], "approximate": approximate}
    if conference:
        entry["conference_url"] = "https://zoom.us/j/1"
    imported(org, entry)

    service = meeting()
    assert (service.meeting.attendance, service.status) == (attendance, status)
    assert service.status_note == (TC_ONLINE_NOTE if types == ["TC", "ONL"] else None)


def test_an_online_meeting_with_only_a_town_needs_no_place_and_its_phone_is_tidied(org):
    imported(org, ONLINE)

    service = meeting("zoom-hope")
    assert service.locations == [] and service.meeting.attendance == "online"
    assert service.meeting.conference_phone == "+16465588656,,123#"
    assert service.schedules[0].byday == ["MO", "WE"] and service.schedules[0].closes_at == "08:00"
    assert service.meeting.types == ["D"]  # ONL understood, not kept (not a standard code), not a note either
    assert service.meeting.notes is None


def test_unknown_types_are_kept_in_the_notes(org):
    imported(org, {**SERENITY, "types": ["O", "XYZ", "Speaker-ish"], "location_notes": "Back door."})

    detail = meeting().meeting
    assert detail.types == ["O"]
    assert detail.notes == "Ring buzzer.\n\nLocation: Back door.\n\nOther types: XYZ, Speaker-ish"


def test_without_day_and_time_a_meeting_is_by_appointment(org):
    entry = {key: value for key, value in SERENITY.items() if key not in ("day", "time", "end_time")}
    imported(org, entry)

    assert meeting().schedules == []


def without(entry: dict, *keys: str) -> dict:
    return {key: value for key, value in entry.items() if key not in keys}


DENVER = {"name": "Mile High Hope", "slug": "mile-high", "day": 3, "time": "19:00", "address": "1311 York St",
          "city": "Denver", "state": "CO", "latitude": 39.7365, "longitude": -104.9592}
ZONELESS_ONLINE = {"name": "Online Anywhere", "slug": "online-anywhere", "day": 5, "time": "20:00",
                   "types": ["ONL"], "conference_url": "https://zoom.us/j/555"}


def test_a_missing_time_zone_is_found_from_the_coordinates_before_any_default(org):
    imported(org, DENVER, without(SERENITY, "timezone"), timezone="America/Chicago")

    assert meeting("mile-high").timezone == "America/Denver"
    assert meeting().timezone == "America/Los_Angeles"  # Anytown, CA at 34.1, -118.2


def test_a_missing_time_zone_is_found_from_the_place_the_address_was_geocoded_to(org):
    geocoder = FixedGeocoder({"1311 York St, Denver, CO": (-104.9592, 39.7365)})
    imported(org, without(DENVER, "latitude", "longitude"), geocoder=geocoder)

    assert meeting("mile-high").timezone == "America/Denver"


def test_without_zone_or_coordinates_the_default_is_taken(org):
    imported(org, ZONELESS_ONLINE, timezone="America/Chicago")
    assert meeting("online-anywhere").timezone == "America/Chicago"


def test_a_timed_meeting_without_zone_coordinates_or_default_is_an_error_of_its_own_the_others_import(org):
    plan = plan_of(org, DENVER, ZONELESS_ONLINE, SERENITY)

    assert plan.errors == {2: {"timezone": "needed: this meeting has a time but gives no timezone, nor coordinates "
                                           "to find it from, and no default time zone was chosen"}}
    assert plan.counts["create"] == 2
    report = importer.apply(plan, FEED, all_or_nothing=False)

    assert sorted(name for _, _, name in report.created) == ["Mile High Hope", "Sunday Serenity"]
    assert Service.objects(source_id="online-anywhere").count() == 0
    assert importer.summary(plan, report) == "2 created, 0 updated, 0 unchanged, 0 removed, 1 errors"


def test_a_meeting_by_appointment_needs_no_zone(org):
    by_appointment = without(ZONELESS_ONLINE, "day", "time")
    imported(org, by_appointment)

    assert meeting("online-anywhere").schedules == []


def test_imported_per_record_a_bad_entry_keeps_its_meeting_as_it_was(org):
    imported(org, SERENITY, ONLINE)
    plan = plan_of(org, {**SERENITY, "name": "Renamed"}, {**ONLINE, "time": "7am", "name": "Broken"})
    importer.apply(plan, FEED, all_or_nothing=False)

    assert meeting().name == "Renamed" and meeting("zoom-hope").name == "Zoom Hope"
    with pytest.raises(ImportRefused, match="applied already"):
        importer.apply(plan, FEED, all_or_nothing=False)


def test_a_place_without_coordinates_is_geocoded_once_per_address(org):
    entry = {key: value for key, value in SERENITY.items() if key not in ("latitude", "longitude")}
    geocoder = FixedGeocoder({"123 Main Street, Anytown, CA 98765, US": (-118.3, 34.2)})
    imported(org, entry, {**entry, "slug": "second"}, geocoder=geocoder)

    assert meeting().locations[0].location.point["coordinates"] == [-118.3, 34.2]
    assert meeting("second").locations[0].location.id == meeting().locations[0].location.id
    assert len(geocoder.asked) == 1


def test_a_place_that_cannot_be_located_is_an_error_of_that_meeting(org):
    entry = {key: value for key, value in SERENITY.items() if key not in ("latitude", "longitude")}
    errors = plan_of(org, entry, geocoder=FixedGeocoder()).errors
    assert "could not find this address" in errors[1]["latitude"]


def test_a_formatted_address_is_split_into_its_parts(org):
    entry = {"name": "Addison", "slug": "addison", "day": 2, "time": "12:00", "timezone": "America/Chicago",
             "formatted_address": "4953 W Addison St, Chicago, IL 60641, USA", "latitude": 41.9, "longitude": -87.7}
    imported(org, entry)

    address = meeting("addison").locations[0].location.address
    assert (address.address_1, address.city, address.region, address.postal_code, address.country) == (
        "4953 W Addison St", "Chicago", "IL", "60641", "US")


# --- bad input -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("change, key, message", [
    ({"name": None}, "name", "needed"),
    ({"name": ["x"]}, "name", "should be text"),
    ({"name": "n" * 201}, "name", "longer than 200"),
    ({"slug": None}, "slug", "needed"),
    ({"slug": True}, "slug", "needed"),
    ({"day": 7}, "day", "not a day"),
    ({"day": "monday"}, "day", "not a day"),
    ({"time": "25:00"}, "time", "not a time"),
    ({"time": 1800}, "time", "not a time"),
    ({"end_time": "7pm"}, "end_time", "not a time"),
    ({"day": None}, "day", "needed with a time"),
    ({"time": None}, "time", "needed with a day"),
    ({"timezone": "Mars/Olympus"}, "timezone", "not a time zone"),
    ({"timezone": "America"}, "timezone", "not a time zone"),
    ({"types": "O,D"}, "types", "list of type codes"),
    ({"latitude": "north"}, "latitude", "not a number"),
    ({"latitude": 91}, "latitude", "from -90 to 90"),
    ({"longitude": None}, "longitude", "both latitude and longitude"),
    ({"city": None}, "city", "needed with an address"),
    ({"country": "Atlantis"}, "country", "not a country code"),
    ({"conference_url": "zoom me"}, "conference_url", "URL"),
    ({"approximate": "maybe"}, "approximate", "not \"yes\" or \"no\""),
])
def test_each_bad_field_is_an_error_of_its_meeting_and_nothing_is_applied(org, change, key, message):
    before = snapshot()
    plan = plan_of(org, {**SERENITY, **change}, {**ONLINE})

    assert list(plan.errors) == [1] and key in plan.errors[1] and message in plan.errors[1][key], plan.errors
    with pytest.raises(ImportRefused):
        importer.apply(plan, FEED)
    assert snapshot() == before


def test_entries_that_are_not_meetings_and_duplicate_slugs_are_per_entry_errors(org):
    plan = plan_of(org, SERENITY, "just text", [1, 2], {**SERENITY, "name": "Again"})

    assert plan.errors == {2: {"entry": "a meeting is a JSON object, not str"},
                           3: {"entry": "a meeting is a JSON object, not list"},
                           4: {"slug": "row 1 has this id too"}}


@pytest.mark.parametrize("data, message", [
    (b"", "not JSON"),
    (b"{\"name\": 1}", "JSON array of meetings"),
    (b"[]", "lists no meetings"),
    (b"[" * 100_000, "not JSON"),
    ("[\"caf\u00e9\"]".encode("latin-1"), "not UTF-8"),
    (b"[" + b" " * importer.MAX_BYTES + b"]", "larger than 8 MB"),
    (json.dumps([{}] * (importer.MAX_MEETINGS + 1)).encode(), "more than 10,000"),
])
def test_a_feed_that_cannot_be_read_is_refused_whole(data, message):
    with pytest.raises(importer.FeedError, match=message):
        importer.read_feed(data)


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                                max_size=3), max_leaves=8)
FIELDS = ("name", "slug", "day", "time", "end_time", "timezone", "types", "address", "city", "state", "postal_code",
          "country", "formatted_address", "latitude", "longitude", "approximate", "conference_url",
          "conference_phone", "notes", "location", "group", "url", "location_notes", "group_notes")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=st.lists(st.one_of(JSON, st.fixed_dictionaries({}, optional={key: JSON for key in FIELDS}),
                                  st.builds(lambda change: {**SERENITY, **change},
                                            st.dictionaries(st.sampled_from(FIELDS), JSON, max_size=3))),
                        min_size=1, max_size=4))
def test_any_entries_give_a_plan_never_a_crash_and_an_erroneous_plan_writes_nothing(org, entries):
    before = snapshot()
    plan = importer.plan(org, entries, FeedOptions("fuzz"), now=STORED_NOW, who=FEED.name)

    assert len(plan.rows) == len(entries)
    for row in plan.rows:
        assert row.action in ("create", "invalid") and all(isinstance(m, str) for m in row.errors.values())
    if plan.errors:
        with pytest.raises(ImportRefused):
            importer.apply(plan, FEED)
        assert snapshot() == before


# --- dry run, re-import, removal, all or nothing -------------------------------------------------------------------

def test_a_dry_run_writes_nothing(org):
    before = snapshot()
    plan = plan_of(org, SERENITY, ONLINE)
    assert plan.counts["create"] == 2
    assert snapshot() == before


def test_importing_the_same_feed_again_changes_nothing(org):
    imported(org, SERENITY, ONLINE)
    before = snapshot()

    plan = plan_of(org, SERENITY, ONLINE)
    assert plan.counts["unchanged"] == 2 and not plan.writes and not plan.removals
    report = importer.apply(plan, FEED)
    assert importer.summary(plan, report) == "0 created, 0 updated, 2 unchanged, 0 removed, 0 errors"
    assert snapshot() == before


def test_a_changed_entry_updates_its_meeting_only(org):
    imported(org, SERENITY, ONLINE)
    plan, report = imported(org, {**SERENITY, "time": "18:30", "end_time": "19:30"}, ONLINE)

    assert [row.source_id for row in plan.writes] == ["sunday-serenity-14"] and len(report.updated) == 1
    assert meeting().schedules[0].opens_at == "18:30"


def test_a_meeting_that_left_the_feed_is_removed_with_a_tombstone_others_are_untouched(org):
    imported(org, SERENITY, ONLINE)
    gone = meeting("zoom-hope")
    theirs = f.meeting("Not from this feed", org=org)
    other_source = plan_of(org, {**ONLINE, "slug": "elsewhere"}, source="another-feed")
    importer.apply(other_source, FEED)
    sequence = current()

    plan = plan_of(org, SERENITY)
    assert [(row.action, row.source_id) for row in plan.removals] == [("remove", "zoom-hope")]
    assert importer.summary(plan) == "0 created, 0 updated, 1 unchanged, 1 removed, 0 errors"
    report = importer.apply(plan, FEED)

    assert [name for _, _, name in report.removed] == ["Zoom Hope"]
    assert Service.objects(id=gone.id).first() is None
    tombstone = Tombstone.objects.get(document_id=gone.id)
    assert tombstone.collection == "services" and tombstone.change_seq > sequence
    assert AuditEntry.objects.get(object_id=gone.id, action="removed").actor_name == FEED.name
    assert Service.objects(id=theirs.id).count() == 1
    assert Service.objects(source="meeting-guide:another-feed").count() == 1


def test_an_entry_with_errors_is_not_taken_for_a_departed_meeting(org):
    imported(org, SERENITY, ONLINE)
    plan = plan_of(org, SERENITY, {**ONLINE, "time": "7am"})
    assert plan.removals == [] and list(plan.errors) == [2]


def test_a_write_failing_midway_undoes_everything_including_removals(org, monkeypatch):
    imported(org, SERENITY, ONLINE)
    before_ids = sorted(s.id for s in Service.objects)
    plan = plan_of(org, {**SERENITY, "name": "Renamed"}, {**ONLINE, "slug": "new-one", "name": "New one"},
                   {"name": "Third", "slug": "third", "day": 4, "time": "20:00", "timezone": "America/Chicago"})
    assert plan.counts == {"create": 2, "update": 1, "unchanged": 0, "invalid": 0} and len(plan.removals) == 1
    calls = []

    def fail_on_the_third(*_):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("disk full")

    with pytest.raises(ImportFailed, match="Nothing was imported: disk full"):
        importer.apply(plan, FEED, on_write=fail_on_the_third)

    assert sorted(s.id for s in Service.objects) == before_ids
    assert meeting().name == "Sunday Serenity" and meeting("zoom-hope").name == "Zoom Hope"


def test_a_removal_after_the_dry_run_edit_is_refused(org):
    imported(org, SERENITY, ONLINE)
    plan = plan_of(org, SERENITY)
    gone = meeting("zoom-hope")
    save_edit(gone.id, gone.version, lambda s: setattr(s, "description", "edited"), Actor("u", "Ann"))

    with pytest.raises(ImportRefused, match="changed since the dry run"):
        importer.apply(plan, FEED)
    assert Service.objects(id=gone.id).count() == 1


# --- round trip ------------------------------------------------------------------------------------------------------

def test_our_own_feed_imported_into_a_fresh_organisation_gives_the_same_meetings(storage):
    ours = f.organization("Riverton Intergroup")
    place = f.location(ours, address_1="100 Main St")
    f.meeting("Tuesday Hope", org=ours, places=[place], types=("O", "D"))
    f.meeting("Early Birds", org=ours, day="SA", opens="07:00", closes="08:00", types=("C", "W"), places=[place])
    online = f.meeting("Zoom Hope", org=ours, attendance="online", types=("D",), places=[place])
    online.meeting.approximate = True
    online.save()
    hybrid = f.meeting("Both Ways", org=ours, attendance="hybrid", day="WE", types=("O",), places=[place])
    f.meeting("By Appointment", org=ours, places=[place], schedules=[])
    exported = meeting_guide_feed()

    fresh = f.organization("Copy")
    plan = importer.plan(fresh, json.loads(json.dumps(exported)), FeedOptions("ours"), now=STORED_NOW,
                         who=FEED.name)
    assert not plan.errors, plan.errors
    importer.apply(plan, FEED)

    def meetings(feed, entity):
        return sorted((e["name"], json.dumps(e.get("day")), e.get("time"), e.get("end_time"), e["types"],
                       e["timezone"], e.get("conference_url"), e.get("address"))
                      for e in feed if e.get("entity") == entity)

    again = meeting_guide_feed()
    assert meetings(again, "Copy") == meetings(exported, "Riverton Intergroup")
    assert len(meetings(again, "Copy")) == 5
    copies = {s.name: s.meeting.attendance for s in Service.objects(organization=fresh.id)}
    assert copies == {s.name: s.meeting.attendance for s in Service.objects(organization=ours.id)}
    assert copies[online.name] == "online" and copies[hybrid.name] == "hybrid"
