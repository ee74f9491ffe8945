"""Confidential addresses never leave the server: not in search, not in detail, not through distances."""

import json

from tests import factories as f

SECRET_STREET = "4417 Larkspur Lane"
SECRET = (39.1234567, -94.6012345)


def safe_house(client):
    place = f.location(lat=SECRET[0], lng=SECRET[1], confidential=True, address_1=SECRET_STREET,
                       area="Westport", name="Larkspur House")
    return f.service("Women's safe house", category="housing", places=[place], capacity=[f.unit(1, 6)])


def assert_nothing_secret(payload: str):
    assert SECRET_STREET not in payload and "Larkspur" not in payload
    assert "39.12345" not in payload and "94.60123" not in payload


def test_search_shows_only_the_area_and_call_for_address(client):
    safe_house(client)

    response = client.get("/v1/services", query_string={"lat": 39.10, "lng": -94.58, "radius_m": 10000})

    location = response.json["items"][0]["location"]
    assert location["address_note"] == "Call for address"
    assert location["area"] == "Westport" and location["city"] == "Riverton"
    assert location["address_1"] is None and location["name"] is None
    assert_nothing_secret(response.get_data(as_text=True))


def test_detail_never_reveals_the_address_or_point(client):
    service = safe_house(client)
    response = client.get(f"/v1/services/{service.id}")
    assert response.json["locations"][0]["confidential"] is True
    assert_nothing_secret(response.get_data(as_text=True))


def test_distances_are_measured_to_a_coarse_point_so_they_cannot_triangulate(client):
    safe_house(client)
    # Three searches from around the house: every distance is to the same cell centre, not the house.
    centre = None
    for lat, lng in ((39.13, -94.60), (39.11, -94.62), (39.12, -94.58)):
        item = client.get("/v1/services", query_string={"lat": lat, "lng": lng}).json["items"][0]
        point = item["location"]["point"]
        centre = centre or point
        assert point == centre
    assert abs(centre["lat"] - SECRET[0]) > 1e-4 or abs(centre["lng"] - SECRET[1]) > 1e-4
    assert_nothing_secret(json.dumps(centre))


def test_a_radius_search_right_beside_the_house_finds_it_only_by_its_cell(client):
    safe_house(client)
    # 50 m around the real house: the house's cell centre is further than that, so it is not found here.
    response = client.get("/v1/services", query_string={"lat": SECRET[0], "lng": SECRET[1], "radius_m": 50})
    assert response.json["total"] == 0
