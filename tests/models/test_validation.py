"""The models refuse data that would mislead a person: bad times, zones, counts and mismatched detail."""

import pytest
from mongoengine import ValidationError

from api.models import Location
from api.models.capacity import CapacityUnit
from api.models.details import MeetingDetail
from api.models.location import coarse_point
from api.models.schedule import Schedule, ScheduleException
from tests import factories as f


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "America", "../etc/passwd", ""])
def test_time_zone_must_be_a_real_iana_name(storage, zone):
    with pytest.raises(ValidationError, match="timezone"):
        f.service(timezone=zone)


@pytest.mark.parametrize("opens, closes", [("24:00", "17:00"), ("9:00", "17:00"), ("09:00", "17:60")])
def test_hours_must_be_hh_mm(storage, opens, closes):
    with pytest.raises(ValidationError):
        f.service(schedules=[Schedule(freq="WEEKLY", byday=["MO"], opens_at=opens, closes_at=closes)])


@pytest.mark.parametrize("freq, byday", [("WEEKLY", ["2SA"]), ("WEEKLY", ["Monday"]), ("MONTHLY", ["6SA"])])
def test_weekday_codes_must_fit_the_frequency(storage, freq, byday):
    with pytest.raises(ValidationError, match="weekday"):
        f.service(schedules=[Schedule(freq=freq, byday=byday, opens_at="09:00", closes_at="10:00")])


def test_more_available_than_maximum_is_refused(storage):
    with pytest.raises(ValidationError, match="available"):
        f.service(category="housing", capacity=[f.unit(5, 4)])


def test_negative_counts_are_refused(storage):
    with pytest.raises(ValidationError):
        CapacityUnit(code="bed", name="Bed", available=-1, updated_by="x").validate()


def test_detail_must_match_the_category(storage):
    with pytest.raises(ValidationError, match="meeting"):
        f.service(category="housing", meeting=MeetingDetail(fellowship="aa"))
    with pytest.raises(ValidationError, match="meeting detail"):
        f.service(category="meeting", meeting=None, housing=None)


def test_meeting_types_must_be_meeting_guide_codes(storage):
    with pytest.raises(ValidationError, match="XYZ"):
        f.meeting(types=("O", "XYZ"))


def test_an_online_meeting_needs_a_way_to_join(storage):
    with pytest.raises(ValidationError, match="conference"):
        MeetingDetail(fellowship="aa", attendance="online").validate()


def test_special_hours_need_both_times(storage):
    with pytest.raises(ValidationError, match="opens_at"):
        f.service(exceptions=[ScheduleException(date="2026-12-24", closed=False, opens_at="09:00")])


def test_saving_bumps_the_version(storage):
    service = f.service()
    first = service.version
    service.name = "Renamed"
    service.save()
    assert service.version == first + 1


def test_a_confidential_location_stores_a_public_point_in_the_centre_of_its_cell(storage):
    place = Location.objects.get(id=f.location(lat=39.1234567, lng=-94.6012345, confidential=True).id)
    assert place.public_point["coordinates"] == coarse_point(-94.6012345, 39.1234567)
    lng, lat = place.public_point["coordinates"]
    assert 300 < abs(lat - 39.1234567) * 111_000 + abs(lng + 94.6012345) * 86_000 < 3000  # metres, roughly
    ordinary = Location.objects.get(id=f.location(lat=39.1, lng=-94.5).id)
    assert ordinary.public_point["coordinates"] == [-94.5, 39.1]


def test_unknown_codes_are_validation_errors_not_crashes(storage):
    from api.models import Service
    with pytest.raises(ValidationError):
        Service(name="x", timezone="UTC").validate()
    with pytest.raises(ValidationError):
        Service(name="x", category="casino", timezone="UTC").validate()
