"""Build directory records for tests with sensible defaults; each test states only what it is about."""

from datetime import timedelta
from itertools import count

from api.models import Address, Location, Organization, Service, ServiceAtLocation
from api.models.capacity import CapacityUnit
from api.models.details import ClinicalDetail, EmploymentDetail, HousingDetail, MeetingDetail
from api.models.schedule import Schedule
from tests.conftest import NOW

RIVERTON = (39.10, -94.58)  # (lat, lng)
_serial = count(1)


def organization(name=None) -> Organization:
    return Organization(name=name or f"Test Organization {next(_serial)}").save()


def location(org=None, lat=RIVERTON[0], lng=RIVERTON[1], confidential=False, address_1="100 Main St",
             area="Downtown", name=None) -> Location:
    return Location(organization=org or organization(), name=name, area=area, confidential=confidential,
                    address=Address(address_1=address_1, city="Riverton", region="MO", postal_code="64101"),
                    point=[lng, lat]).save()


def weekdays(opens="09:00", closes="17:00", days=("MO", "TU", "WE", "TH", "FR")) -> Schedule:
    return Schedule(freq="WEEKLY", byday=list(days), opens_at=opens, closes_at=closes)


def unit(available, maximum=None, hours_ago=1, code="bed-women", name="Bed – women", **fields) -> CapacityUnit:
    confirmed = (NOW - timedelta(hours=hours_ago)).replace(tzinfo=None)
    return CapacityUnit(code=code, name=name, available=available, maximum=maximum, updated_at=confirmed,
                        updated_by="Test staff", **fields)


CATEGORY_DETAIL = {
    "meeting": lambda: {"meeting": MeetingDetail(fellowship="aa", types=["O", "D"])},
    "housing": lambda: {"housing": HousingDetail(narr_level=2)},
    "clinical": lambda: {"clinical": ClinicalDetail(moud=["buprenorphine"])},
    "employment": lambda: {"employment": EmploymentDetail(programme_type="job_training")},
}


def service(name=None, category="peer_support", places=None, org=None, timezone="America/Chicago",
            schedules=None, **fields) -> Service:
    """A service at the given locations (one downtown Riverton location by default)."""
    org = org or organization()
    places = [location(org)] if places is None else places
    detail = {} if any(key in fields for key in CATEGORY_DETAIL) else CATEGORY_DETAIL.get(category, dict)()
    return Service(organization=org, name=name or f"Test Service {next(_serial)}", category=category,
                   timezone=timezone, locations=[ServiceAtLocation(location=place) for place in places],
                   schedules=[weekdays()] if schedules is None else schedules, **detail, **fields).save()


def meeting(name=None, day="TU", opens="19:00", closes="20:00", types=("O",), attendance="in_person",
            places=None, schedules=None, **fields) -> Service:
    extra = {"conference_url": "https://meet.example/j/1"} if attendance != "in_person" else {}
    detail = MeetingDetail(fellowship=fields.pop("fellowship", "aa"), types=list(types), attendance=attendance,
                           **extra)
    weekly = [Schedule(freq="WEEKLY", byday=[day], opens_at=opens, closes_at=closes)]
    return service(name=name, category="meeting", places=places, meeting=detail,
                   schedules=weekly if schedules is None else schedules, **fields)
