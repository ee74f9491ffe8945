"""Imports never send a confidential place's address to the geocoder: the record asks for coordinates instead.

The recording geopy double (tests/doubles/geocoder.py) knows every address these tests use, so a lookup that
happened would succeed silently: only its list of questions tells.
"""

import json

import pytest

from api.adapters.geocoding import GeopyGeocoder
from api.interop.hsds import importer as hsds_import
from api.interop.hsds.files import read_bytes
from api.interop.meeting_guide import importer as meeting_guide_import
from api.interop.meeting_guide.entries import FeedOptions
from api.models import Address, Location, Service
from api.services.editing import Actor
from tests import factories as f
from tests.doubles.geocoder import FakeGeopyGeocoder
from tests.interop.test_hsds_import import STORED_NOW, good_record
from tests.interop.test_meeting_guide_import import SERENITY

HSDS_LINE = "1-30 Main Street, MyCity, MyState ABC 1234, US"  # the official example's address, as a query
SERENITY_LINE = "123 Main Street, Anytown, CA 98765, US"


@pytest.fixture
def geocoder():
    return FakeGeopyGeocoder({HSDS_LINE: (39.1, -94.58), SERENITY_LINE: (34.2, -118.3)})


def confidential_place(org, address_1: str, city: str) -> Location:
    return Location(organization=org, confidential=True, name="Safe house", area="Northside",
                    address=Address(address_1=address_1, city=city), point=[-94.5, 39.0]).save()


def test_an_hsds_record_at_a_confidential_address_asks_for_coordinates(storage, geocoder):
    org = f.organization("Northside Recovery")
    confidential_place(org, "1-30 Main Street", "MyCity")

    plan = hsds_import.plan(read_bytes(json.dumps(good_record()).encode()),
                            hsds_import.Scope(org, everything_into=True), "hsds:test", category="clinical",
                            timezone="Europe/London", geocoder=GeopyGeocoder(geocoder, "fake"), now=STORED_NOW)

    assert geocoder.asked == []
    message = plan.errors[1]["service_at_locations.0.location.latitude"]
    assert "confidential" in message and "latitude and longitude" in message


def test_an_hsds_record_elsewhere_is_still_looked_up(storage, geocoder):
    org = f.organization("Northside Recovery")
    confidential_place(org, "2 Other Street", "MyCity")

    plan = hsds_import.plan(read_bytes(json.dumps(good_record()).encode()),
                            hsds_import.Scope(org, everything_into=True), "hsds:test", category="clinical",
                            timezone="Europe/London", geocoder=GeopyGeocoder(geocoder, "fake"), now=STORED_NOW)

    assert geocoder.asked == [HSDS_LINE] and not plan.errors


@pytest.mark.parametrize("given", [
    {"address": "123 Main Street", "city": "Anytown"},
    {"formatted_address": "123  main street, ANYTOWN, CA 98765, USA"},
])
def test_a_meeting_at_a_confidential_address_never_reaches_the_geocoder(storage, geocoder, given):
    org = f.organization("District 123")
    place = confidential_place(org, "123 Main Street", "Anytown")
    address_keys = ("address", "city", "state", "postal_code", "country", "latitude", "longitude")
    entry = {key: value for key, value in SERENITY.items() if key not in address_keys} | given

    plan = meeting_guide_import.plan(org, meeting_guide_import.read_feed(json.dumps([entry]).encode()),
                                     FeedOptions("district123", geocoder=GeopyGeocoder(geocoder, "fake")),
                                     now=STORED_NOW, who="test")

    assert geocoder.asked == []
    assert not plan.errors  # the meeting is at the organisation's own (confidential) place
    meeting_guide_import.apply(plan, Actor("cli", "Meeting Guide import"))
    [meeting] = Service.objects
    assert [link.location.id for link in meeting.locations] == [place.id] and Location.objects.count() == 1
