"""Every /hsds endpoint's output validates against the official HSDS schemas (api/data/hsds/), formats included.

The helpers here (validate_*, ndjson, build_directory) are shared with the other HSDS test modules.
"""

import json
import re
from datetime import date, datetime, timedelta
from functools import cache
from importlib import resources
from types import SimpleNamespace

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from api import create_app
from api.models import Address, Location, TaxonomyTerm
from api.models.contact import Contact, Phone
from api.models.details import ClinicalDetail, EmploymentDetail, HousingDetail, MeetingDetail
from api.models.schedule import Schedule, ScheduleException
from api.models.service import Cost, Eligibility
from tests import factories as f
from tests.conftest import NOW, make_config

DATA = resources.files("api").joinpath("data/hsds")
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
MINIMAL = {"type": "object", "required": ["id", "name", "status", "last_modified"], "additionalProperties": False,
           "properties": {"id": {"type": "string", "format": "uuid"}, "name": {"type": "string"},
                          "status": {"enum": ["active", "inactive", "defunct", "temporarily closed"]},
                          "last_modified": {"type": "string", "format": "date-time"}}}


@cache
def registry() -> Registry:
    """The copied schemas under their file names, so a relative "$ref": "phone.json" finds phone.json; the
    3.1-dev capacity objects refer to attribute.json and metadata.json of 3.0, which sit in the same registry."""
    found = []
    for folder in ("3.0", "3.1-dev"):
        for path in DATA.joinpath(folder).iterdir():
            if path.name.endswith(".json") and path.name != "openapi.json":
                found.append((path.name, DRAFT202012.create_resource(json.loads(path.read_text("utf-8")))))
    return Registry().with_resources(found)


@cache
def openapi() -> dict:
    return json.loads(DATA.joinpath("3.0/openapi.json").read_text("utf-8"))


def format_checker() -> FormatChecker:
    """uuid, email and a strict RFC 3339 date-time (not left to whichever optional checker is installed)."""
    checker = FormatChecker()

    @checker.checks("date-time", raises=ValueError)
    def date_time(value) -> bool:
        return not isinstance(value, str) or bool(RFC3339.match(value)) and bool(datetime.fromisoformat(value))

    return checker


CHECKER = format_checker()


def errors_of(instance, schema, validator=None) -> list[str]:
    validator = validator or Draft202012Validator(schema, registry=registry(), format_checker=CHECKER)
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(instance)]


@cache
def validator_for(name: str) -> Draft202012Validator:
    return Draft202012Validator(registry().contents(name), registry=registry(), format_checker=CHECKER)


def validate(instance, name: str) -> None:
    """instance is a valid HSDS <name> (e.g. "service.json")."""
    problems = errors_of(instance, None, validator_for(name))
    assert not problems, f"{name}: {problems[:5]}"


def validate_service(service: dict) -> None:
    """A service, and its capacities as HSDS 3.1-dev service_capacity (3.0's service.json does not know them)."""
    validate(service, "service.json")
    for capacity in service.get("capacities", []):
        validate(capacity, "service_capacity.json")


def validate_organization(organization: dict) -> None:
    validate(organization, "organization.json")
    for service in organization.get("services", []):  # HSDS nests them in examples; 3.0's schema omits them
        validate_service(service)


def validate_service_at_location(link: dict) -> None:
    validate(link, "service_at_location.json")
    if "service" in link:
        validate_service(link["service"])


def validate_minimal(item: dict) -> None:
    assert not errors_of(item, MINIMAL), item


def validate_page(body: dict, validate_item) -> list:
    """The HSDS Page (openapi.json's components.schemas.Page), every key present, and each item valid."""
    page = openapi()["components"]["schemas"]["Page"]
    assert not errors_of(body, page)
    assert set(body) == set(page["properties"]) | {"contents"}
    assert body["size"] == len(body["contents"])
    for item in body["contents"]:
        validate_item(item)
    return body["contents"]


def ndjson(response) -> list[dict]:
    assert response.status_code == 200 and response.mimetype == "application/x-ndjson"
    return [json.loads(line) for line in response.get_data(as_text=True).splitlines()]


@pytest.fixture
def directory(app):
    return build_directory()


def build_directory() -> SimpleNamespace:
    """A small directory touching every mapping: each category's detail, capacity, phones with odd extensions,
    contacts, languages, exceptions, a monthly rule, online and hybrid meetings, a confidential house, stored terms
    with a parent, and each status."""
    TaxonomyTerm(code="recovery-housing", name="Recovery housing").save()
    TaxonomyTerm(code="sober-living", name="Sober living", parent_code="recovery-housing",
                 description="Peer-run residences.").save()
    org = f.organization("Riverton Recovery Alliance")
    org.phones = [Phone(number="816-555-0100", extension="12", languages=["es"])]
    org.email, org.website, org.description = "hello@alliance.example.org", "https://alliance.example.org", "Peers."
    org.save()
    hall = f.location(org, name="Alliance Hall", address_1="12 River St")
    house = f.location(org, lat=39.1234567, lng=-94.6012345, confidential=True, address_1="4417 Larkspur Lane",
                       name="Larkspur House", area="Westport")
    bare = Location(organization=org, address=Address(city="Riverton"), point=[-94.57, 39.09]).save()
    housing = f.service(
        "Larkspur women's house", category="housing", places=[house], org=org, taxonomy_terms=["sober-living"],
        housing=HousingDetail(narr_level=2, certified_by="MARR", certification_expires=date(2027, 3, 1),
                              accepts_families=True, weekly_cost=150.0),
        capacity=[f.unit(2, 6), f.unit(0, 2, code="bed-family", name="Family room", waitlist_open=True,
                                      waitlist_length=3, description="For a parent with children")],
        eligibility=Eligibility(min_age=18, genders=["women"], populations=["parents"], description="Women 18+"),
        cost=Cost(fees_description="Weekly rent", payment_options=["self_pay"]), languages=["en", "es"])
    clinic = f.service(
        "Bridge clinic", category="clinical", places=[hall, bare], org=org, status="temporarily_closed",
        status_note="Closed for renovation until Monday", email="not-an-email", url="https://clinic.example.org",
        clinical=ClinicalDetail(moud=["buprenorphine", "naltrexone"], walk_in=True,
                                levels_of_care=["outpatient"]),
        phones=[Phone(number="816-555-0111", extension="ask for Jo", type="hotline", languages=["es", "hmn"]),
                Phone(number="816-555-0112", type="text")],
        contacts=[Contact(name="Jo Rivera", title="Intake", email="jo@clinic.example.org", phone="816-555-0113")],
        cost=Cost(free=True, payment_options=["medicaid"]),
        schedules=[f.weekdays(), Schedule(freq="MONTHLY", byday=["2SA", "-1FR"], opens_at="10:00",
                                          closes_at="14:00", valid_from=date(2026, 1, 1), description="Outreach")],
        exceptions=[ScheduleException(date=(NOW + timedelta(days=1)).date(), reason="Staff training"),
                    ScheduleException(date=(NOW + timedelta(days=2)).date(), closed=False, opens_at="12:00",
                                      closes_at="15:00"),
                    ScheduleException(date=(NOW - timedelta(days=3)).date(), reason="Long past")])
    online = f.service("Tuesday night online", category="meeting", places=[hall], org=org,
                       schedules=[Schedule(byday=["TU"], opens_at="19:00", closes_at="20:00")],
                       meeting=MeetingDetail(fellowship="na", types=["O", "W"], attendance="hybrid",
                                             conference_url="https://meet.example/j/42",
                                             conference_url_notes="Password 1234", conference_phone="+18165550199,,42#",
                                             conference_phone_notes="Dial in"))
    jobs = f.service("Work ready", category="employment", org=org, status="inactive",
                     employment=EmploymentDetail(programme_type="job_training", paid=True, duration_weeks=12))
    other = f.service("Drop-in café", org=f.organization("Café Collective"))
    return SimpleNamespace(org=org, hall=hall, house=house, bare=bare, housing=housing, clinic=clinic, online=online,
                           jobs=jobs, other=other)


LISTS = {
    "/hsds/services": validate_service, "/hsds/services?full=true": validate_service,
    "/hsds/services?minimal=true": validate_minimal,
    "/hsds/service_at_locations": validate_service_at_location,
    "/hsds/service_at_locations?full=true": validate_service_at_location,
    "/hsds/organizations": validate_organization, "/hsds/organizations?full=true": validate_organization,
    "/hsds/organizations?full_service=true": validate_organization,
    "/hsds/taxonomies": lambda item: validate(item, "taxonomy.json"),
    "/hsds/taxonomy_terms": lambda item: validate(item, "taxonomy_term.json"),
}


@pytest.mark.parametrize("path", list(LISTS))
def test_every_list_validates_as_a_page_and_as_ndjson(client, directory, path):
    contents = validate_page(client.get(path).json, LISTS[path])
    assert contents
    separator = "&" if "?" in path else "?"
    lines = ndjson(client.get(f"{path}{separator}format=ndjson"))
    for item in lines:
        LISTS[path](item)
    # The page is the same objects as the stream: the response schema drops nothing the mapping made.
    assert lines[:len(contents)] == contents


def test_every_detail_validates(client, directory):
    root = client.get("/hsds/").json
    assert not errors_of(root, openapi()["paths"]["/"]["get"]["responses"]["200"]["content"]["application/json"][
        "schema"])
    assert root["version"] == "3.0" and root["openapi_url"].startswith("http")
    assert client.get(root["profile"]).status_code == 200

    for service in (directory.housing, directory.clinic, directory.online, directory.jobs):
        body = client.get(f"/hsds/services/{service.id}").json
        validate_service(body)
        for link in body["service_at_locations"]:
            validate_service_at_location(client.get(f"/hsds/service_at_locations/{link['id']}").json)
    organization = client.get(f"/hsds/organizations/{directory.org.id}?full_service=true").json
    validate_organization(organization)
    validate_organization(client.get(f"/hsds/organizations/{directory.org.id}").json)
    for taxonomy in client.get("/hsds/taxonomies?per_page=200").json["contents"]:
        validate(client.get(f"/hsds/taxonomies/{taxonomy['id']}").json, "taxonomy.json")
    for term in client.get("/hsds/taxonomy_terms?per_page=200").json["contents"]:
        validate(client.get(f"/hsds/taxonomy_terms/{term['id']}").json, "taxonomy_term.json")


def test_the_seeded_directory_validates(storage):
    """Every seeded service, fully nested, and a page of each other list: real variety, not just our fixture."""
    app = create_app(make_config(SEED_ON_START="1", SEARCH_BACKEND="mongodb"))
    app.extensions["lantern"].clock = lambda: NOW
    client = app.test_client()
    services = ndjson(client.get("/hsds/services?full=true&format=ndjson"))
    assert len(services) == client.get("/hsds/services").json["total_items"] > 100
    for service in services:
        validate_service(service)
    for path, check in (("/hsds/service_at_locations?full=true&per_page=40", validate_service_at_location),
                        ("/hsds/organizations?full_service=true&per_page=10", validate_organization),
                        ("/hsds/taxonomy_terms?per_page=200", lambda item: validate(item, "taxonomy_term.json"))):
        assert validate_page(client.get(path).json, check), path
