"""Search near a place finds a listing where it is now: after it moves to another place, after its place moves,
and never after it is gone (every search backend alike)."""

from api.models import Service, ServiceAtLocation
from tests import factories

DOWNTOWN, NORTH, EAST = (39.10, -94.58), (39.60, -94.58), (39.10, -93.90)  # NORTH and EAST ~55 km away


def _found_near(client, point) -> set[str]:
    answer = client.get("/v1/services", query_string={"lat": point[0], "lng": point[1], "radius_m": 5000})
    assert answer.status_code == 200
    return {item["id"] for item in answer.json["items"]}


def test_a_listing_is_found_where_it_is_now(client):
    organization = factories.organization()
    downtown, north = (factories.location(organization, lat=lat, lng=lng) for lat, lng in (DOWNTOWN, NORTH))
    listing = factories.service(org=organization, places=[downtown]).id
    assert listing in _found_near(client, DOWNTOWN) and listing not in _found_near(client, NORTH)

    service = Service.objects.get(id=listing)
    service.locations = [ServiceAtLocation(location=north)]
    service.save()
    assert listing not in _found_near(client, DOWNTOWN) and listing in _found_near(client, NORTH)

    north.point = [EAST[1], EAST[0]]
    north.save()
    assert listing not in _found_near(client, NORTH) and listing in _found_near(client, EAST)

    service.delete()
    assert listing not in _found_near(client, EAST)
