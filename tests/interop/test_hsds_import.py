"""HSDS import: the official examples import and come back out schema-valid, re-import changes nothing, our own
/hsds output round-trips, and every bad record is its own error: never a crash, never a half-applied import."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api import create_app
from api.interop.hsds import importer as hsds_import
from api.interop.hsds.files import MAX_BYTES, MAX_RECORDS, HsdsFileError, read_bytes, read_path
from api.interop.imports.apply import ImportFailed, ImportRefused
from api.models import Location, Organization, Service, TaxonomyTerm
from api.models.audit import AuditEntry
from api.models.changes import current
from api.models.contact import Phone
from api.models.schedule import Schedule
from api.services.editing import Actor
from api.services.geocoding import FOUND, NOT_FOUND, Geocoded
from tests import factories as f
from tests.api.test_hsds_schema import validate_organization, validate_service
from tests.conftest import NOW, make_config

EXAMPLES = Path(__file__).parents[1] / "data" / "hsds-examples"
STORED_NOW = NOW.replace(tzinfo=None)
ACTOR = Actor("cli", "HSDS import (test)")
SOURCE = "hsds:test"
# The official examples' place has latitude 100 (off the globe): its address is looked up instead.
CIVIC_CENTER = (-94.58, 39.1)


class KnownAddresses:
    """A geocoder that knows one address (the examples'), as tests/services/test_geocoding.py's doubles do."""

    name = "known"

    def __init__(self):
        self.asked = []

    def locate(self, query: str) -> Geocoded:
        self.asked.append(query)
        return Geocoded(FOUND, *CIVIC_CENTER) if "1-30 Main Street" in query else Geocoded(NOT_FOUND)


def example(name: str) -> bytes:
    return (EXAMPLES / name).read_bytes()


def datapackage_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for table in (EXAMPLES / "csv").iterdir():
            archive.writestr(f"hsds/{table.name}", table.read_bytes())
    return buffer.getvalue()


def plan_of(data: bytes, scope=hsds_import.Scope(), **options):
    options = {"category": "clinical", "timezone": "Europe/London", "geocoder": KnownAddresses(),
               "now": STORED_NOW} | options
    return hsds_import.plan(read_bytes(data), scope, SOURCE, **options)


def import_file(data: bytes, **options):
    plan = plan_of(data, **options)
    return plan, hsds_import.apply(plan, ACTOR)


def snapshot() -> dict:
    """What the directory holds: equal snapshots mean nothing was written."""
    return {"services": sorted(repr(s.to_mongo().to_dict()) for s in Service.objects),
            "organizations": Organization.objects.count(), "locations": Location.objects.count(),
            "terms": TaxonomyTerm.objects.count(), "audit": AuditEntry.objects.count(), "sequence": current()}


@pytest.fixture
def app(storage):
    application = create_app(make_config())
    application.extensions["lantern"].clock = lambda: NOW
    return application


@pytest.fixture
def client(app):
    return app.test_client()


# --- the official examples ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("data", [example("service_full.json"), example("organization_full.json"),
                                  datapackage_zip()], ids=["service_full", "organization_full", "csv"])
def test_the_official_examples_import_and_come_back_out_schema_valid(client, data):
    plan, summary = import_file(data)

    assert summary.line() == "1 created, 0 updated, 0 unchanged, 0 removed, 0 errors"
    service = Service.objects.get()
    assert (service.name, service.source, service.source_id) == ("Community Counselling", SOURCE,
                                                                 "ac148810-d857-441c-9679-408f346de14b")
    organization = Organization.objects.get()
    assert (organization.name, organization.source_id) == ("Example Organization Inc.",
                                                           "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610")
    assert [(s.freq, s.byday, s.opens_at, s.closes_at) for s in service.schedules] == [
        ("WEEKLY", ["TH", "FR"], "10:00", "18:00")]
    assert service.languages == ["ur"] and service.phones[0].number == "+44 1234 234567"
    assert (service.eligibility.min_age, service.eligibility.max_age) == (12, 100)
    place = service.locations[0].location
    assert (place.address.city, place.name, place.source_id) == ("MyCity", "MyCity Civic Center",
                                                                "3a19ff88-4620-4d17-9830-ac1d859eb5d5")
    assert list(place.point["coordinates"]) == list(CIVIC_CENTER)  # geocoded: the file's latitude is 100

    body = client.get(f"/hsds/services/{service.id}").get_json()
    validate_service(body)
    assert body["name"] == "Community Counselling"
    # The example's schedule is at UTC+3 ("timezone": 3), and comes back with that offset, as HSDS writes times.
    assert (body["schedules"][0]["timezone"], body["schedules"][0]["opens_at"]) == (3, "10:00+03:00")
    validate_organization(client.get(f"/hsds/organizations/{organization.id}").get_json())


def test_re_importing_changes_nothing_and_never_duplicates(storage):
    import_file(example("organization_full.json"))
    before = snapshot()

    plan, summary = import_file(example("organization_full.json"))

    assert plan.counts == {"create": 0, "update": 0, "unchanged": 1, "invalid": 0}
    assert summary.line() == "0 created, 0 updated, 1 unchanged, 0 removed, 0 errors"
    assert snapshot() == before


def test_a_changed_record_updates_its_listing(storage):
    import_file(example("service_full.json"))
    record = json.loads(example("service_full.json"))
    record["name"] = "Community Counselling (renamed)"
    record["status"] = "temporarily closed"

    plan, summary = import_file(json.dumps(record).encode())

    assert plan.counts["update"] == 1 and plan.rows[0].changes["name"][1] == "Community Counselling (renamed)"
    service = Service.objects.get()
    assert (service.name, service.status, service.version) == ("Community Counselling (renamed)",
                                                               "temporarily_closed", 2)


def test_the_files_terms_become_stored_terms_once(storage):
    import_file(datapackage_zip())
    import_file(datapackage_zip())
    assert [(t.code, t.taxonomy) for t in TaxonomyTerm.objects] == [("code", "taxonomy")]


def test_ndjson_and_a_page_import_alike(storage):
    record = json.loads(example("service_full.json"))
    lines = json.dumps(record) + "\n" + json.dumps(record | {"id": "second", "name": "Second"}) + "\n"
    assert plan_of(lines.encode()).counts["create"] == 2
    page = {"total_items": 1, "contents": [record]}
    assert plan_of(json.dumps(page).encode()).counts["create"] == 1


# --- round trip of our own output --------------------------------------------------------------------------------

def test_our_hsds_output_round_trips(storage, client):
    org = f.organization("Northside Recovery")
    place = f.location(org, address_1="12 Elm St")
    f.service("Hope House", category="housing", places=[place], org=org, capacity=[f.unit(2, 8)],
              languages=["en", "es"], phones=[Phone(number="816-555-0100", type="hotline")])
    f.service("Bridge Clinic", category="clinical", places=[place], org=org, schedules=[
        f.weekdays(), Schedule(freq="MONTHLY", byday=["1SA"], opens_at="10:00", closes_at="14:00")])
    f.meeting("Tuesday Hope", org=org, places=[place], types=("O", "D", "W"), attendance="hybrid")
    exported = client.get("/hsds/services?full=true&per_page=100").get_json()["contents"]
    wanted = {s["name"]: (s["schedules"], [(c["unit"]["identifier"], c["available"], c.get("maximum"))
                                           for c in s["capacities"]], s["attributes"]) for s in exported}
    storage.drop_all()

    plan, summary = import_file(json.dumps(exported).encode(), category=None, timezone=None, geocoder=None)

    assert summary.errors == 0, plan.errors
    again = client.get("/hsds/services?full=true&per_page=100").get_json()["contents"]
    for service in again:
        validate_service(service)
        schedules, capacity, attributes = wanted[service["name"]]
        assert [(s.get("byday"), s.get("opens_at"), s.get("closes_at")) for s in service["schedules"]] == [
            (s.get("byday"), s.get("opens_at"), s.get("closes_at")) for s in schedules]
        assert [(c["unit"]["identifier"], c["available"], c.get("maximum")) for c in service["capacities"]] == capacity
        assert sorted(a["taxonomy_term"]["code"] for a in service["attributes"]) == sorted(
            a["taxonomy_term"]["code"] for a in attributes)
    assert sorted(s["name"] for s in again) == sorted(wanted)


def test_a_failure_in_a_later_organisation_undoes_the_earlier_ones(storage, client, monkeypatch):
    for name in ("First Org", "Second Org"):
        org = f.organization(name)
        f.service(f"{name} house", category="housing", org=org, places=[f.location(org)], capacity=[f.unit(1, 4)])
    exported = client.get("/hsds/services?full=true&per_page=100").get_json()["contents"]
    storage.drop_all()
    before = snapshot()
    plan = plan_of(json.dumps(exported).encode(), category=None, timezone=None, geocoder=None)
    assert not plan.errors and len(plan.plans) == 2
    real, calls = hsds_import.apply_plan, []

    def second_fails(one_plan, actor, *args, **kwargs):
        calls.append(one_plan.organization_id)
        if len(calls) == 2:
            raise ImportFailed(RuntimeError("the database went away"), [])
        return real(one_plan, actor, *args, **kwargs)

    monkeypatch.setattr(hsds_import, "apply_plan", second_fails)
    with pytest.raises(ImportFailed):
        hsds_import.apply(plan, ACTOR)

    after = snapshot()
    assert (after["services"], after["organizations"], after["locations"]) == (
        before["services"], before["organizations"], before["locations"])


# --- bad input ---------------------------------------------------------------------------------------------------

def good_record(**changes) -> dict:
    return json.loads(example("service_full.json")) | changes


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"id": None}, "id", "needed"),
    ({"name": None}, "name", "needed"),
    ({"name": 42}, "name", "must be text"),
    ({"minimum_age": "twelve"}, "minimum_age", "whole number"),
    ({"status": "sleeping"}, "status", "not an HSDS status"),
    ({"phones": "555-0100"}, "phones", "must be a list"),
    ({"schedules": [{"freq": "WEEKLY", "byday": "MO", "opens_at": "25:00", "closes_at": "18:00"}]},
     "schedules.0.opens_at", "not a time of day"),
    ({"schedules": [{"freq": "WEEKLY", "byday": "XX", "opens_at": "09:00", "closes_at": "18:00"}]},
     "schedules.0.byday", "not a weekday code"),
    ({"schedules": [{"freq": "DAILY", "byday": "MO", "opens_at": "09:00", "closes_at": "18:00"}]},
     "schedules.0.freq", "not supported"),
    ({"schedules": [{"freq": "WEEKLY", "interval": 2, "byday": "MO", "opens_at": "09:00", "closes_at": "18:00"}]},
     "schedules.0.dtstart", "needed with an interval"),
    ({"schedules": [{"freq": "WEEKLY", "byday": "MO", "opens_at": "09:00", "closes_at": "18:00",
                     "timezone": "Mars/Olympus_Mons"}]}, "schedules.0.timezone", "not an IANA time zone"),
    ({"capacities": [{"id": "c", "unit": {"name": "Bed"}, "available": -1}]}, "capacities.0.available",
     "not between"),
    ({"languages": [{"code": "english!"}]}, "languages.0.code", "not a language code"),
])
def test_each_bad_field_is_an_error_of_its_record_and_nothing_is_written(storage, changes, field, message):
    good = good_record(id="good", name="Good")
    before = snapshot()

    plan = plan_of(json.dumps([good, good_record(**changes)]).encode())

    assert plan.counts["create"] == 1 and plan.counts["invalid"] == 1
    errors = plan.errors[2]
    assert field in errors and message in errors[field], errors
    with pytest.raises(ImportRefused):
        hsds_import.apply(plan, ACTOR)
    assert snapshot() == before


def test_without_a_time_zone_or_category_the_record_says_what_to_give(storage):
    plan = plan_of(example("service_full.json"), timezone=None, category=None)
    assert "attributes" in plan.errors[1]
    record = good_record(service_at_locations=[])  # no place to find a zone at
    del record["schedules"][0]["timezone"]
    plan = plan_of(json.dumps(record).encode(), timezone=None)
    assert "no time zone" in plan.errors[1]["schedules"]


def test_a_place_the_geocoder_cannot_find_is_an_error_of_its_record(storage):
    record = good_record()
    record["service_at_locations"][0]["location"]["addresses"][0]["address_1"] = "Nowhere Lane"
    errors = plan_of(json.dumps(record).encode()).errors[1]
    assert "could not place" in errors["service_at_locations.0.location.latitude"]


def test_per_record_applies_the_good_records_and_reports_the_bad(storage):
    plan = plan_of(json.dumps([good_record(id="good", name="Good"), good_record(name=None)]).encode())

    summary = hsds_import.apply(plan, ACTOR, all_or_nothing=False)

    assert summary.line() == "1 created, 0 updated, 0 unchanged, 0 removed, 1 errors"
    assert [s.name for s in Service.objects] == ["Good"]


def test_an_org_admins_scope_refuses_other_organisations_records(storage):
    mine = f.organization("Mine")
    other = good_record(id="other", organization_id="someone-else")
    own = good_record(id="own", organization_id=mine.id)
    plan = plan_of(json.dumps([own, other]).encode(), hsds_import.Scope(mine, others=False))
    assert plan.counts["create"] == 1 and "not to Mine" in plan.errors[2]["organization_id"]


def test_unreadable_files_and_records(storage):
    with pytest.raises(HsdsFileError, match="larger than"):
        read_bytes(b" " * (MAX_BYTES + 1))
    with pytest.raises(HsdsFileError, match="neither JSON nor"):
        read_bytes(b"this is not json")
    with pytest.raises(HsdsFileError, match="no services.csv"):
        read_path(EXAMPLES)  # a folder without the tables
    with pytest.raises(HsdsFileError, match="not a readable zip"):
        read_bytes(b"PK\x03\x04 broken")
    plan = plan_of(b'{"id": "a", "name": "A", "status": "active", "organization": {"id": "o", "name": "O"}}\n'
                   b'not json\n[1]\n')
    assert set(plan.errors) == {2, 3} and plan.counts["create"] == 1


def test_a_huge_file_of_bad_records_is_one_error_each(storage):
    records = [{"id": str(i), "status": "active", "name": i} for i in range(2000)]
    plan = plan_of(json.dumps(records).encode(), hsds_import.Scope(f.organization("Mine")))
    assert plan.counts["invalid"] == 2000 and all("must be text" in e["name"] for e in plan.errors.values())
    with pytest.raises(HsdsFileError, match="more than 10,000 services"):
        read_bytes(json.dumps([{"id": str(i), "status": "active"} for i in range(MAX_RECORDS + 1)]).encode())


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
                    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children,
                                                                                       max_size=3), max_leaves=12)
FIELDS = st.sampled_from(["name", "status", "schedules", "phones", "languages", "capacities", "attributes",
                          "service_at_locations", "minimum_age", "url", "email", "cost_options", "contacts",
                          "organization", "id", "alert"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(FIELDS, JSON, max_size=5))
def test_fuzzed_records_never_crash_and_never_half_apply(storage, changes):
    before = snapshot()
    plan = plan_of(json.dumps([good_record(id="good", name="Good"), good_record(**changes)]).encode())
    assert plan.counts["create"] + plan.counts["invalid"] + plan.counts["unchanged"] >= 1
    if plan.errors:
        with pytest.raises(ImportRefused):
            hsds_import.apply(plan, ACTOR)
        assert snapshot() == before
