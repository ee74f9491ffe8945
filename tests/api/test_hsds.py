"""/hsds as an HSDS consumer sees it: the Page, parameters, ndjson, minimal, 404s, capacity, places kept private."""

import json
from datetime import UTC, date, datetime

import pytest

from api.models import Location, Service
from api.models.details import MeetingDetail
from api.models.location import coarse_point
from api.models.schedule import Schedule, ScheduleException
from tests import factories as f
from tests.api.test_hsds_schema import build_directory, ndjson, validate_service

SECRET_STREET = "4417 Larkspur Lane"
SECRET = (39.1234567, -94.6012345)  # (lat, lng)


@pytest.fixture
def directory(app):
    return build_directory()


def test_the_root_gives_version_profile_and_openapi_and_the_api_root_links_it(client):
    body = client.get("/hsds/").json
    assert body["version"] == "3.0"
    assert body["openapi_url"] == "http://localhost/openapi.json"
    profile = client.get(body["profile"]).json
    assert profile["hsds_version"] == "3.0" and profile["additions"][0]["field"] == "capacities"
    assert client.get("/").json["links"]["hsds"] == "/hsds/"


def test_pages_count_and_flag_as_hsds_says(client):
    for name in ("Echo", "Alpha", "Delta", "Bravo", "Charlie"):
        f.service(name)

    first = client.get("/hsds/services", query_string={"per_page": 2}).json
    assert {key: value for key, value in first.items() if key != "contents"} == {
        "total_items": 5, "total_pages": 3, "page_number": 1, "size": 2, "first_page": True, "last_page": False,
        "empty": False}
    assert [item["name"] for item in first["contents"]] == ["Alpha", "Bravo"]
    last = client.get("/hsds/services", query_string={"per_page": 2, "page": 3}).json
    assert (last["size"], last["first_page"], last["last_page"], last["empty"]) == (1, False, True, False)
    assert last["contents"][0]["name"] == "Echo"
    assert client.get("/hsds/services").json["size"] == 5  # default per_page 50


@pytest.mark.parametrize("params, served", [
    ({"per_page": 2, "page": 4}, (3, 1, ["Echo"])),  # beyond the last page: the last page
    ({"per_page": 2, "page": 10**30}, (3, 1, ["Echo"])),
    ({"per_page": 2, "page": 0}, (1, 2, ["Alpha", "Bravo"])),  # below 1: the first
    ({"per_page": 2, "page": -3}, (1, 2, ["Alpha", "Bravo"])),
    ({"per_page": 0}, (1, 1, ["Alpha"])),  # per_page into 1..200
    ({"per_page": -5, "page": 2}, (2, 1, ["Bravo"])),
    ({"per_page": 201}, (1, 5, ["Alpha", "Bravo", "Charlie", "Delta", "Echo"])),
])
def test_paging_out_of_range_is_clamped_and_the_page_says_what_was_served(client, params, served):
    for name in ("Echo", "Alpha", "Delta", "Bravo", "Charlie"):
        f.service(name)
    response = client.get("/hsds/services", query_string=params)
    assert response.status_code == 200
    body = response.json
    assert (body["page_number"], body["size"], [item["name"] for item in body["contents"]]) == served
    assert body["total_pages"] == -(-5 // min(max(params["per_page"], 1), 200))
    assert body["first_page"] == (served[0] == 1) and body["last_page"] == (served[0] == body["total_pages"])


def test_an_empty_directory_is_one_empty_page_whatever_page_is_asked(client):
    body = client.get("/hsds/services", query_string={"page": 7}).json
    assert (body["total_items"], body["total_pages"], body["page_number"], body["empty"], body["contents"]) == (
        0, 0, 1, True, [])
    assert body["first_page"] and body["last_page"]


def test_per_page_up_to_10000_with_minimal_and_clamped_above(client):
    for name in ("Alpha", "Bravo"):
        f.service(name)
    assert client.get("/hsds/services", query_string={"minimal": "true", "per_page": 10_001}).json["size"] == 2
    assert client.get("/hsds/services", query_string={"minimal": "true", "per_page": 1}).json["total_pages"] == 2


@pytest.mark.parametrize("path, params, field", [
    ("/hsds/services", {"page": "two"}, "page"),
    ("/hsds/services", {"per_page": "1.5"}, "per_page"),
    ("/hsds/services", {"minimal": "maybe"}, "minimal"),
    ("/hsds/services", {"full": "sometimes"}, "full"),
    ("/hsds/services", {"modified_after": "last tuesday"}, "modified_after"),
    ("/hsds/services", {"search": ["beds", "meetings"]}, "search"),
    ("/hsds/service_at_locations", {"proximity": ["500", "600"], "postcode": "64101"}, "proximity"),
    ("/hsds/organizations/x", {"full_service": "maybe"}, "full_service"),
    ("/hsds/taxonomy_terms", {"top_only": "sometimes"}, "top_only"),
])
def test_values_the_standards_types_exclude_are_refused_with_a_422_naming_them(client, path, params, field):
    response = client.get(path, query_string=params)
    assert response.status_code == 422
    assert field in response.json["errors"]["query"]


@pytest.mark.parametrize("path", ["/hsds/", "/hsds/services", "/hsds/service_at_locations", "/hsds/organizations",
                                  "/hsds/taxonomies", "/hsds/taxonomy_terms", "/hsds/services/{service}",
                                  "/hsds/organizations/{organization}", "/hsds/taxonomies/{taxonomy}"])
def test_unknown_parameters_are_ignored_on_every_endpoint(client, path):
    service = f.service("Alpha")
    taxonomy = client.get("/hsds/taxonomies").json["contents"][0]["id"]
    url = path.format(service=service.id, organization=service.organization.id, taxonomy=taxonomy)
    plain = client.get(url)
    for extra in ({"_": "1733492000123"}, {"api_key": "abc"}, {"category": "housing"}, {"minimal": "true"}):
        response = client.get(url, query_string=extra)
        assert response.status_code == 200, (extra, response.json)
        if "minimal" not in extra or path != "/hsds/services":
            assert response.json == plain.json


@pytest.mark.parametrize("lenient, strict", [
    ({"format": "JSON"}, {}),
    ({"format": "Json", "per_page": "1"}, {"per_page": 1}),
    ({"format": "xml"}, {}),  # a format we do not make: the default, json
    ({"format": ""}, {}),
    ({"search": "", "organization_id": "", "taxonomy_id": " ", "taxonomy_term_id": "", "modified_after": "",
      "postcode": "", "proximity": "", "full": "", "minimal": "", "page": "", "per_page": ""}, {}),
    ({"minimal": "true", "full": "true"}, {"minimal": "true"}),  # minimal wins
    ({"proximity": "500"}, {}),  # without postcode: nothing to measure from
    ({"postcode": "64101", "proximity": "not a number"}, {"postcode": "64101"}),
    ({"postcode": "64101", "proximity": "NaN"}, {"postcode": "64101"}),
    ({"postcode": "64101", "proximity": " 5e3 "}, {"postcode": "64101", "proximity": 5000}),
    ({"postcode": "64101", "proximity": "1e9"}, {"postcode": "64101", "proximity": 100_000}),
    ({"postcode": "64101", "proximity": "-2"}, {"postcode": "64101", "proximity": 0}),
    ({"search": "alpha" + " " * 300 + "zzz"}, {"search": "alpha"}),  # read up to 200 characters
    ({"modified_after": "0001-01-01T00:00:00+14:00"}, {}),  # before any UTC time there is: everything
    ({"modified_after": "9999-12-31T23:59:59-14:00"}, {"organization_id": "none"}),  # after all: nothing
])
def test_what_the_standard_allows_is_read_as_its_plain_equivalent(client, lenient, strict):
    org = f.organization()
    f.service("Alpha", org=org)
    f.service("Beta", org=org, places=[f.location(org, lat=39.5, lng=-94.58)])  # ~45 km from downtown
    response = client.get("/hsds/services", query_string=lenient)
    assert response.status_code == 200, response.json
    assert response.mimetype == "application/json"
    assert response.json == client.get("/hsds/services", query_string=strict).json


def test_format_ndjson_is_read_without_case_and_ignores_paging(client):
    for name in ("Alpha", "Beta", "Gamma"):
        f.service(name)
    lines = ndjson(client.get("/hsds/services", query_string={"format": "NDJSON", "page": 2, "per_page": 1}))
    assert [line["name"] for line in lines] == ["Alpha", "Beta", "Gamma"]


def test_minimal_lists_every_service_in_one_page_with_only_id_and_last_modified(client):
    services = [f.service(f"Service {n}") for n in range(3)]
    body = client.get("/hsds/services", query_string={"minimal": "true"}).json
    assert body["total_pages"] == 1 and body["size"] == 3
    assert all(set(item) == {"id", "name", "status", "last_modified"} for item in body["contents"])
    assert {item["id"] for item in body["contents"]} == {service.id for service in services}
    assert client.get("/hsds/services", query_string={"minimal": "true", "per_page": 5000}).status_code == 200


def test_lists_hold_one_to_one_fields_and_full_nests_everything(client, directory):
    listed = client.get("/hsds/services", query_string={"search": "larkspur"}).json["contents"][0]
    assert listed["organization"]["name"] == "Riverton Recovery Alliance"
    assert not [key for key, value in listed.items() if isinstance(value, list)]
    full = client.get("/hsds/services", query_string={"search": "larkspur", "full": "true"}).json["contents"][0]
    one = client.get(f"/hsds/services/{directory.housing.id}").json
    # One service nests its organization in full (its places too), as the standard's service_full example does.
    listed_organization, organization = full.pop("organization"), one.pop("organization")
    assert full == one and organization.items() >= listed_organization.items()
    places = Location.objects(organization=directory.org.id)
    assert {place["id"] for place in organization["locations"]} == {place.id for place in places}
    assert {"service_at_locations", "phones", "schedules", "attributes", "capacities"} <= set(full)


def test_ndjson_streams_every_result_and_answers_304_until_something_changes(client):
    services = [f.service(f"Service {n}") for n in range(3)]
    response = client.get("/hsds/services", query_string={"format": "ndjson"})
    assert response.headers["Content-Type"] == "application/x-ndjson"
    assert [item["id"] for item in ndjson(response)] == [service.id for service in services]
    tag = response.headers["ETag"]
    again = client.get("/hsds/services", query_string={"format": "ndjson"}, headers={"If-None-Match": tag})
    assert again.status_code == 304

    services[0].name = "Renamed"
    services[0].save()
    changed = client.get("/hsds/services", query_string={"format": "ndjson"}, headers={"If-None-Match": tag})
    assert changed.status_code == 200 and "Renamed" in changed.get_data(as_text=True)


def test_json_answers_carry_an_etag_too(client):
    f.service("Alpha")
    first = client.get("/hsds/services")
    assert client.get("/hsds/services", headers={"If-None-Match": first.headers["ETag"]}).status_code == 304


@pytest.mark.parametrize("path", ["/hsds/services/{}", "/hsds/organizations/{}", "/hsds/service_at_locations/{}",
                                  "/hsds/taxonomies/{}", "/hsds/taxonomy_terms/{}"])
@pytest.mark.parametrize("unknown", ["6f1c2a8e-0000-4000-8000-000000000000", "not-an-id", "x" * 300])
def test_unknown_ids_are_404(client, path, unknown):
    f.service("Alpha")
    response = client.get(path.format(unknown))
    assert response.status_code == 404 and response.json["code"] == 404


def test_derived_ids_are_the_same_on_every_read_and_unique_within_a_service(client, directory):
    first = client.get(f"/hsds/services/{directory.clinic.id}").json
    assert client.get(f"/hsds/services/{directory.clinic.id}").json == first
    nested = [item["id"] for key in ("phones", "schedules", "contacts", "cost_options", "attributes", "languages")
              for item in first[key]]
    assert len(nested) == len(set(nested))


def test_statuses_map_to_hsds_and_closed_listings_stay_listed(client, directory):
    statuses = {item["name"]: item["status"] for item in client.get("/hsds/services").json["contents"]}
    assert statuses["Work ready"] == "inactive"
    assert statuses["Bridge clinic"] == "temporarily closed"
    assert statuses["Drop-in café"] == "active"
    clinic = client.get(f"/hsds/services/{directory.clinic.id}").json
    assert clinic["alert"] == "Closed for renovation until Monday"


def test_capacity_is_a_3_1_service_capacity_with_its_unit_and_who_confirmed_it(client, directory):
    capacities = client.get(f"/hsds/services/{directory.housing.id}").json["capacities"]
    women, family = capacities
    assert (women["available"], women["maximum"], women["updated"]) == (2, 6, "2026-11-24T15:00:00.000Z")
    assert women["unit"] == {"id": women["unit_id"], "name": "Bed – women", "scheme": "lantern",
                             "identifier": "bed-women"}
    assert women["metadata"][0]["updated_by"] == "Test staff"
    assert family["description"] == "For a parent with children. Waitlist open (3 waiting)"
    # The same unit code is the same unit wherever it is counted.
    other = f.service("Another house", category="housing", capacity=[f.unit(1, 4)])
    assert client.get(f"/hsds/services/{other.id}").json["capacities"][0]["unit_id"] == women["unit_id"]


def test_schedules_keep_rules_and_turn_upcoming_exceptions_into_one_day_schedules(client, directory):
    schedules = client.get(f"/hsds/services/{directory.clinic.id}").json["schedules"]
    monthly = next(rule for rule in schedules if rule.get("freq") == "MONTHLY")
    assert monthly["byday"] == "2SA,-1FR" and monthly["valid_from"] == "2026-01-01"
    dated = [rule for rule in schedules if "dtstart" in rule]
    assert [(rule["valid_from"], rule["valid_to"], rule["description"]) for rule in dated] == [
        ("2026-11-25", "2026-11-25", "Closed: Staff training"), ("2026-11-26", "2026-11-26", "Special hours")]
    assert "opens_at" not in dated[0] and (dated[1]["opens_at"], dated[1]["closes_at"]) == ("12:00-06:00",
                                                                                             "15:00-06:00")
    assert all("America/Chicago" in rule["notes"] for rule in schedules)


def test_schedules_carry_the_utc_offset_in_force_where_they_next_apply(client, app):
    """HSDS: timezone is the UTC offset (a number), times carry it ("09:00-05:00"); with daylight saving it is the
    offset of the first day the schedule applies from today, at its opening time."""
    summer = date(2027, 7, 1)
    service = f.service("Clinic", schedules=[
        f.weekdays(),
        Schedule(byday=["SA"], opens_at="10:00", closes_at="14:00", valid_from=summer),
        Schedule(byday=["FR"], opens_at="23:30", closes_at="00:30")],
        exceptions=[ScheduleException(date=summer, closed=False, opens_at="08:00", closes_at="12:00")])
    weekly, saturdays, late, special = client.get(f"/hsds/services/{service.id}").json["schedules"]
    # 24 November 2026: Central Standard Time.
    assert (weekly["timezone"], weekly["opens_at"], weekly["closes_at"]) == (-6, "09:00-06:00", "17:00-06:00")
    assert (late["opens_at"], late["closes_at"]) == ("23:30-06:00", "00:30-06:00")
    # From 1 July 2027: Central Daylight Time.
    assert (saturdays["timezone"], saturdays["opens_at"]) == (-5, "10:00-05:00")
    assert (special["valid_from"], special["timezone"], special["opens_at"]) == ("2027-07-01", -5, "08:00-05:00")

    app.extensions["lantern"].clock = lambda: datetime(2027, 6, 1, 12, tzinfo=UTC)  # summer: the weekly rule too
    assert client.get(f"/hsds/services/{service.id}").json["schedules"][0]["opens_at"] == "09:00-05:00"


@pytest.mark.parametrize("zone, timezone, suffix", [("Asia/Kolkata", 5.5, "+05:30"), ("UTC", 0, "Z"),
                                                    ("Europe/Berlin", 1, "+01:00")])
def test_an_offset_that_is_not_whole_hours_or_is_utc_is_written_as_rfc_3339_has_it(client, zone, timezone, suffix):
    service = f.service("Clinic", timezone=zone)
    body = client.get(f"/hsds/services/{service.id}").json
    validate_service(body)
    assert (body["schedules"][0]["timezone"], body["schedules"][0]["opens_at"]) == (timezone, "09:00" + suffix)


def test_an_online_meeting_is_joined_at_a_virtual_location_and_by_phone(client, directory):
    meeting = client.get(f"/hsds/services/{directory.online.id}").json
    hall, online = meeting["service_at_locations"]
    assert hall["location"]["location_type"] == "physical"
    assert online["location"]["location_type"] == "virtual"
    assert online["location"]["url"] == "https://meet.example/j/42"
    assert client.get(f"/hsds/service_at_locations/{online['id']}").json["location"]["url"] == online[
        "location"]["url"]
    assert meeting["phones"][-1]["number"] == "+18165550199,,42#"
    assert {rule["attending_type"] for rule in meeting["schedules"]} == {"in person and online"}
    links = client.get("/hsds/service_at_locations", query_string={"search": "tuesday"}).json["contents"]
    assert [link["id"] for link in links] == [hall["id"], online["id"]]


def test_an_online_only_meeting_is_a_virtual_location_with_its_url_and_not_its_town(client):
    """Published as "Riverton (online)" at the town centre, an aggregator would map it as somewhere to walk to."""
    org = f.organization("Online Group")
    town = f.location(org, name="Riverton (online)", address_1=None)  # its town centre, no street
    office = f.location(org, name="Group office")
    meeting = f.meeting("Noon Zoom", attendance="online", places=[town], org=org)
    f.meeting("Hall meeting", places=[office], org=org)

    body = client.get(f"/hsds/services/{meeting.id}").json
    validate_service(body)
    [link] = body["service_at_locations"]
    assert link["location"]["location_type"] == "virtual" and link["location"]["url"] == "https://meet.example/j/1"
    assert not {"latitude", "longitude"} & set(link["location"]) and link["location"]["addresses"] == []
    assert "Riverton (online)" not in json.dumps(body)
    links = client.get("/hsds/service_at_locations", query_string={"search": "zoom"}).json["contents"]
    assert [item["location"]["location_type"] for item in links] == ["virtual"]
    assert client.get(f"/hsds/service_at_locations/{meeting.locations[0].id}").status_code == 404
    assert client.get("/hsds/services", query_string={"postcode": "64101"}).json["contents"][0]["name"] == (
        "Hall meeting")
    # The organization's places: its office, not the town its online meeting is filed under.
    assert [place["name"] for place in client.get(f"/hsds/organizations/{org.id}").json["locations"]] == [
        "Group office"]


def safe_house():
    org = f.organization("Safe Homes")
    place = f.location(org, lat=SECRET[0], lng=SECRET[1], confidential=True, address_1=SECRET_STREET,
                       area="Westport", name="Larkspur House")
    return place, f.service("Women's safe house", category="housing", places=[place], org=org,
                            capacity=[f.unit(1, 6)])


def assert_nothing_secret(payload: str):
    assert SECRET_STREET not in payload and "Larkspur" not in payload and "64101" not in payload
    assert "39.12345" not in payload and "94.60123" not in payload


def test_a_confidential_place_shows_no_address_name_or_exact_point_anywhere(client):
    place, service = safe_house()
    organization_id = service.organization.id
    link_id = service.locations[0].id
    for path in (f"/hsds/services/{service.id}", "/hsds/services?full=true", "/hsds/services?format=ndjson&full=true",
                 "/hsds/service_at_locations?full=true", f"/hsds/service_at_locations/{link_id}",
                 f"/hsds/organizations/{organization_id}", "/hsds/organizations?full=true&format=ndjson"):
        assert_nothing_secret(client.get(path).get_data(as_text=True))

    location = client.get(f"/hsds/service_at_locations/{link_id}").json["location"]
    assert location["addresses"] == [] and "name" not in location
    assert [location["longitude"], location["latitude"]] == coarse_point(SECRET[1], SECRET[0])
    assert "call for the address" in location["description"] and "Westport" in location["description"]


def test_a_postcode_never_finds_a_confidential_place_but_proximity_finds_its_area(client):
    _, house = safe_house()  # its postal code is 64101, like the ordinary place below
    office = f.service("Drop-in office")  # downtown Riverton, 64101, about 4 km from the house

    by_code = client.get("/hsds/services", query_string={"postcode": "64101"}).json["contents"]
    assert [item["id"] for item in by_code] == [office.id]
    near = client.get("/hsds/services", query_string={"postcode": "64101", "proximity": 10_000}).json["contents"]
    assert {item["id"] for item in near} == {office.id, house.id}


def test_a_deleted_service_is_gone(client):
    service = f.service("Alpha")
    Service.objects(id=service.id).first().delete()
    assert client.get(f"/hsds/services/{service.id}").status_code == 404
    assert json.loads(client.get("/hsds/services").get_data())["total_items"] == 0


def test_a_monthly_meeting_rule_and_a_meeting_without_a_link_have_no_virtual_place(client):
    meeting = f.service("Second Saturday", category="meeting",
                        meeting=MeetingDetail(fellowship="aa", types=["O"], attendance="in_person"),
                        schedules=[Schedule(freq="MONTHLY", byday=["2SA"], opens_at="10:00", closes_at="11:00")])
    body = client.get(f"/hsds/services/{meeting.id}").json
    validate_service(body)
    assert [link["location"]["location_type"] for link in body["service_at_locations"]] == ["physical"]
    assert body["schedules"][0]["attending_type"] == "in person"
