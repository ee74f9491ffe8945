"""Geocoding: any geopy geocoder behind one role, its failures turned into outcomes; chosen by configuration."""

import re
from pathlib import Path

import pytest
from geopy.geocoders import Nominatim

from api.adapters.geocoding import GeopyGeocoder, NullGeocoder
from api.backends import create_backends, geocoder
from api.config import Config
from api.errors import ConfigurationError
from api.services.geocoding import (
    CONFIDENTIAL,
    FAILED,
    FOUND,
    MESSAGES,
    NOT_FOUND,
    UNCONFIGURED,
    address_query,
    geocode,
)
from tests import factories as f
from tests.doubles.geocoder import FakeGeopyGeocoder

MAIN_ST = {"address_1": "100 Main St", "address_2": None, "city": "Riverton", "region": "MO",
           "postal_code": "64101", "country": "US"}
MAIN_ST_LINE = "100 Main St, Riverton, MO 64101, US"


def test_an_address_becomes_one_line_most_specific_first():
    assert address_query(MAIN_ST) == MAIN_ST_LINE
    assert address_query({"city": "Riverton", "country": "US", "region": " "}) == "Riverton, US"


def test_a_known_address_is_found_with_its_point():
    fake = FakeGeopyGeocoder({MAIN_ST_LINE: (39.1, -94.58)})

    found = geocode(MAIN_ST, GeopyGeocoder(fake, "fake"))

    assert (found.status, found.point) == (FOUND, [-94.58, 39.1])
    assert fake.asked == [MAIN_ST_LINE]


def test_an_unknown_address_is_not_found_and_a_timeout_is_a_failure():
    fake = FakeGeopyGeocoder(slow=(MAIN_ST_LINE,))
    assert geocode({"city": "Nowhere", "country": "US"}, GeopyGeocoder(fake, "fake")).status == NOT_FOUND
    failed = geocode(MAIN_ST, GeopyGeocoder(fake, "fake"))
    assert (failed.status, failed.point) == (FAILED, None)


def test_a_rate_limited_geocoder_still_answers_and_still_fails_cleanly():
    fake = FakeGeopyGeocoder({MAIN_ST_LINE: (39.1, -94.58)}, slow=("Slowtown, US",))
    limited = GeopyGeocoder(fake, "fake", min_interval_s=0.01)
    assert limited.locate(MAIN_ST_LINE).status == FOUND
    assert limited.locate("Slowtown, US").status == FAILED


def test_no_geocoder_configured_says_so():
    assert geocode(MAIN_ST, NullGeocoder()).status == UNCONFIGURED


def test_the_geocoder_is_chosen_by_configuration():
    assert isinstance(geocoder(Config({})), NullGeocoder)
    nominatim = geocoder(Config({"GEOCODER": "nominatim", "GEOCODER_USER_AGENT": "lantern-tests (ops@example.org)",
                                 "GEOCODER_TIMEOUT_S": "2"}))
    assert nominatim.name == "nominatim"
    assert isinstance(nominatim.geocoder, Nominatim) and nominatim.geocoder.timeout == 2
    assert nominatim.geocoder.headers["User-Agent"] == "lantern-tests (ops@example.org)"


@pytest.mark.parametrize("settings, complaint", [
    ({"GEOCODER": "google"}, "none, nominatim"),
    ({"GEOCODER": "nominatim"}, "GEOCODER_USER_AGENT"),
])
def test_a_geocoder_that_cannot_work_stops_start_up(storage, settings, complaint):
    with pytest.raises(ConfigurationError, match=complaint):
        create_backends(Config({"MONGODB_DB": storage.db_name, **settings}))


def test_a_place_said_to_be_confidential_is_never_looked_up():
    fake = FakeGeopyGeocoder({MAIN_ST_LINE: (39.1, -94.58)})

    found = geocode(MAIN_ST, GeopyGeocoder(fake, "fake"), confidential=True)

    assert (found.status, found.point, fake.asked) == (CONFIDENTIAL, None, [])
    assert "public place nearby" in MESSAGES[CONFIDENTIAL]


def test_the_address_of_the_organisations_confidential_place_is_never_looked_up(storage):
    ours, theirs = f.organization("Ours"), f.organization("Theirs")
    f.location(ours, confidential=True, address_1="  100  MAIN st ")
    f.location(theirs, confidential=True, address_1="7 Hidden Way")
    fake = FakeGeopyGeocoder({MAIN_ST_LINE: (39.1, -94.58)})
    geocoder = GeopyGeocoder(fake, "fake")

    assert geocode(MAIN_ST, geocoder, ours.id).status == CONFIDENTIAL
    assert fake.asked == []
    # Another organisation's confidential places are not this one's business (answering would reveal them).
    assert geocode(MAIN_ST, geocoder, theirs.id).status == FOUND
    assert geocode(MAIN_ST | {"address_1": "7 Hidden Way"}, geocoder, ours.id).status == NOT_FOUND


def test_nothing_but_the_geocoding_service_asks_a_geocoder():
    root = Path(__file__).resolve().parents[2]
    allowed = {root / "api/services/geocoding.py", root / "api/adapters/geocoding.py"}
    callers = [str(path.relative_to(root)) for package in ("api", "admin", "indexer", "seeds")
               for path in (root / package).rglob("*.py")
               if path not in allowed and re.search(r"\.locate\(", path.read_text())]
    assert callers == [], "ask through api.services.geocoding.geocode(), which keeps confidential addresses in"
