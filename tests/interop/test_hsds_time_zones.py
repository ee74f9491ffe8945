"""HSDS import: a schedule's UTC offset is kept as the zone its times are in, never replaced by the import's default.

HSDS 3.0 gives schedule.timezone as a UTC offset in hours; the official service_full example says 3 (its place is
geocoded here to Kansas City, America/Chicago, which is never UTC+3).
"""

import json

import pytest

from api.models import Service
from tests.interop.test_hsds_import import KnownAddresses, example, good_record, import_file, plan_of

KANSAS_CITY = {"latitude": 39.1, "longitude": -94.58}


def with_schedule_zone(zone, **location) -> bytes:
    record = good_record()
    for schedule in record["schedules"]:
        schedule.pop("timezone")
        if zone is not None:
            schedule["timezone"] = zone
    record["service_at_locations"][0]["location"] |= location
    return json.dumps(record).encode()


def test_the_examples_offset_is_its_zone_even_with_another_default(client):
    import_file(example("service_full.json"), timezone="America/Chicago", geocoder=KnownAddresses())

    service = Service.objects.get()
    assert service.timezone == "Etc/GMT-3"  # POSIX sign: three hours ahead of UTC, as the example says
    served = client.get(f"/hsds/services/{service.id}").json
    assert served["schedules"][0]["timezone"] == 3


@pytest.mark.parametrize(("offset", "zone"), [(-6, "America/Chicago"), (-5, "America/Chicago"),
                                              ("-5", "America/Chicago"), (-7, "Etc/GMT+7"), (0, "Etc/UTC")])
def test_an_offset_is_the_zone_at_the_place_when_that_zone_keeps_it(storage, offset, zone):
    """Chicago is UTC-6 in winter and UTC-5 in summer: either offset there is Chicago time, with its daylight
    saving; an offset Chicago never keeps is a fixed zone of that offset."""
    import_file(with_schedule_zone(offset, **KANSAS_CITY), timezone=None)
    assert Service.objects.get().timezone == zone


def test_no_zone_given_is_the_zone_at_the_place_before_the_default(storage):
    import_file(with_schedule_zone(None, **KANSAS_CITY), timezone="Europe/London")
    assert Service.objects.get().timezone == "America/Chicago"


def test_an_offset_no_zone_keeps_and_no_fixed_zone_has_is_an_error_of_its_record(storage):
    plan = plan_of(with_schedule_zone(5.5, **KANSAS_CITY), timezone="America/Chicago")
    assert "not a whole number of hours" in plan.errors[1]["schedules"]
    plan = plan_of(with_schedule_zone(5.5, latitude=28.61, longitude=77.21), timezone=None)  # New Delhi keeps it
    assert not plan.errors and plan.rows[0].listing.timezone == "Asia/Kolkata"


@pytest.mark.parametrize("given", [15, "UTC+3", True])
def test_an_offset_that_is_not_one_is_an_error(storage, given):
    plan = plan_of(with_schedule_zone(given, **KANSAS_CITY))
    assert "schedules.0.timezone" in plan.errors[1]


def test_a_listing_without_hours_or_places_needs_no_zone(storage):
    plan = plan_of(json.dumps(json.loads(example("service_list.json"))).encode(), timezone=None)
    assert not plan.errors and plan.rows[0].listing.timezone == "Etc/UTC"
