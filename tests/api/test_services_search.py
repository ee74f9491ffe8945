"""GET /v1/services: what a person on a phone sees when they search near them."""

from api.models.schedule import Schedule
from api.services.editing import save_organization
from tests import factories as f

# Points east of downtown Riverton, roughly 1, 3 and 30 km away.
NEAR, MIDDLE, FAR = (39.10, -94.568), (39.10, -94.545), (39.10, -94.23)


def search(client, **params):
    response = client.get("/v1/services", query_string=params)
    assert response.status_code == 200, response.json
    return response


def names(response):
    return [item["name"] for item in response.json["items"]]


def test_hits_come_nearest_first_with_their_distance(client):
    f.service("Middle", places=[f.location(lat=MIDDLE[0], lng=MIDDLE[1])])
    f.service("Near", places=[f.location(lat=NEAR[0], lng=NEAR[1])])
    f.service("Far", places=[f.location(lat=FAR[0], lng=FAR[1])])

    response = search(client, lat=39.10, lng=-94.58, radius_m=5000)

    assert names(response) == ["Near", "Middle"]
    distances = [item["distance_m"] for item in response.json["items"]]
    assert 900 < distances[0] < 1150 and 2800 < distances[1] < 3200
    assert response.json["total"] == 2


def test_search_says_which_backend_answered(client, app):
    assert search(client).headers["X-Search-Backend"] == app.config["SEARCH_BACKEND"]


def test_open_now_uses_the_services_own_time_zone(client):
    # The pinned clock is 10:00 in Chicago, which is 11:00 in New York and 08:00 in Los Angeles.
    f.service("Chicago 9-5")
    f.service("New York 11-12", timezone="America/New_York", schedules=[f.weekdays("11:00", "12:00")])
    f.service("Los Angeles 9-5", timezone="America/Los_Angeles")
    f.service("Chicago evenings", schedules=[f.weekdays("18:00", "22:00")])

    response = search(client, open_now="true")

    assert sorted(names(response)) == ["Chicago 9-5", "New York 11-12"]
    by_name = {item["name"]: item for item in search(client).json["items"]}
    assert by_name["Chicago 9-5"]["hours"]["closes_at"] == "2026-11-24T17:00:00-06:00"
    assert by_name["Chicago evenings"]["hours"]["open_now"] is False
    assert by_name["Chicago evenings"]["hours"]["next_open"]["start"] == "2026-11-24T18:00:00-06:00"


def test_a_temporarily_closed_service_is_listed_but_never_open(client):
    f.service("Closed for repairs", status="temporarily_closed", status_note="Flood damage")

    item = search(client).json["items"][0]

    assert item["status"] == "temporarily_closed" and item["hours"]["open_now"] is False
    assert search(client, open_now="true").json["items"] == []


def test_inactive_services_are_never_listed(client):
    f.service("Gone", status="inactive")
    assert search(client).json["total"] == 0


def test_accepting_means_a_confirmed_free_place_now(client):
    f.service("Open bed", category="housing", capacity=[f.unit(2, 6, hours_ago=3)])
    f.service("Full house", category="housing", capacity=[f.unit(0, 6)])
    f.service("Stale count", category="housing", capacity=[f.unit(3, 6, hours_ago=24 * 5)])
    f.service("Waitlist", category="housing", capacity=[f.unit(0, 6, waitlist_open=True, waitlist_length=4)])

    assert names(search(client, accepting="true")) == ["Open bed"]
    states = {item["name"]: item["availability"] for item in search(client, category="housing").json["items"]}
    assert states["Open bed"]["state"] == "available" and states["Open bed"]["available"] == 2
    assert states["Open bed"]["summary"] == "2 open · confirmed 3 hours ago"
    assert states["Full house"]["state"] == "full"
    assert states["Waitlist"]["state"] == "waitlist"
    assert states["Stale count"]["state"] == "unconfirmed"
    assert states["Stale count"]["available"] == 0  # a stale "3 free" is never shown as free
    assert states["Stale count"]["summary"] == "Unconfirmed for 5 days"
    assert states["Stale count"]["units"][0]["unconfirmed"] is True


def test_freshness_window_is_per_category(client):
    # 30 hours old: past clinical's 24 h window, within housing's 72 h.
    f.service("Detox", category="clinical", capacity=[f.unit(1, 4, hours_ago=30, code="detox-bed", name="Detox bed")])
    f.service("House", category="housing", capacity=[f.unit(1, 4, hours_ago=30)])

    assert names(search(client, accepting="true")) == ["House"]


def test_filters_narrow_and_facets_count_the_matches(client):
    from api.models.details import ClinicalDetail, HousingDetail
    from api.models.service import Cost, Eligibility
    f.service("Women's house", category="housing", housing=HousingDetail(narr_level=3),
              eligibility=Eligibility(genders=["women"]), languages=["en", "es"])
    f.service("Men's house", category="housing", housing=HousingDetail(narr_level=2),
              eligibility=Eligibility(genders=["men"]), languages=["en"])
    f.service("Bupe clinic", category="clinical", clinical=ClinicalDetail(moud=["buprenorphine"]),
              cost=Cost(payment_options=["medicaid", "sliding_scale"]), languages=["es"])
    f.service("Methadone OTP", category="clinical", clinical=ClinicalDetail(moud=["methadone"]),
              cost=Cost(payment_options=["private_insurance"]))

    assert sorted(names(search(client, gender="women"))) == ["Bupe clinic", "Methadone OTP", "Women's house"]
    assert names(search(client, language="es", category="housing")) == ["Women's house"]
    assert names(search(client, moud="buprenorphine")) == ["Bupe clinic"]
    assert names(search(client, payment="medicaid")) == ["Bupe clinic"]
    assert names(search(client, narr_level=2)) == ["Men's house"]
    assert sorted(names(search(client, category="housing,clinical"))) == sorted(
        ["Women's house", "Men's house", "Bupe clinic", "Methadone OTP"])

    everyone = search(client).json["facets"]["genders"]
    # A facet count is what choosing that value returns: unrestricted listings serve every gender.
    assert everyone["women"] == search(client, gender="women").json["total"] == 3
    assert everyone["men"] == search(client, gender="men").json["total"] == 3

    facets = search(client, category="clinical").json["facets"]
    assert facets["category"] == {"clinical": 2}
    assert facets["moud"] == {"buprenorphine": 1, "methadone": 1}
    assert facets["payment"] == {"medicaid": 1, "sliding_scale": 1, "private_insurance": 1}


def test_text_matches_whole_word_prefixes_and_is_never_a_pattern(client):
    f.service("Sunrise Detox Centre", category="clinical", description="Withdrawal management, walk-in")
    f.service("Harbor Peer Café", description="Coffee and peer support")

    assert names(search(client, q="detox")) == ["Sunrise Detox Centre"]
    assert names(search(client, q="withdraw walk")) == ["Sunrise Detox Centre"]
    assert names(search(client, q="cafe")) == ["Harbor Peer Café"]  # accents fold
    assert names(search(client, q="tox")) == []  # inside a word is not a match
    assert names(search(client, q="s.* detox")) == ["Sunrise Detox Centre"]  # punctuation is not a pattern
    assert search(client, q="(unclosed [ regex \\").json["total"] == 0


def test_a_service_at_two_places_is_a_hit_at_each(client):
    org = f.organization("Two Sites Inc")
    f.service("Two sites", org=org, places=[f.location(org, lat=NEAR[0], lng=NEAR[1]),
                                            f.location(org, lat=MIDDLE[0], lng=MIDDLE[1])])

    items = search(client, lat=39.10, lng=-94.58, radius_m=5000).json["items"]

    assert [item["name"] for item in items] == ["Two sites", "Two sites"]
    assert items[0]["location"]["id"] != items[1]["location"]["id"]
    assert items[0]["distance_m"] < items[1]["distance_m"]


def test_pages_are_capped_and_consistent(client):
    for index in range(7):
        f.service(f"Service {index}", places=[f.location(lat=39.10, lng=-94.58 + index * 0.001)])

    first = search(client, lat=39.10, lng=-94.58, per_page=3, page=1).json
    third = search(client, lat=39.10, lng=-94.58, per_page=3, page=3).json

    assert first["total"] == 7 and len(first["items"]) == 3 and len(third["items"]) == 1
    assert [item["name"] for item in first["items"]] == ["Service 0", "Service 1", "Service 2"]
    assert client.get("/v1/services?per_page=51").status_code == 422


def test_unchanged_results_answer_304_and_change_after_an_edit(client):
    item = f.service("Counted", category="housing", capacity=[f.unit(1, 4)])
    first = search(client)

    again = client.get("/v1/services", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304

    item.capacity[0].available = 0
    item.save()
    changed = client.get("/v1/services", headers={"If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200 and changed.json["items"][0]["availability"]["state"] == "full"


def test_large_responses_are_gzipped(client):
    for index in range(10):
        f.service(f"Service {index}")
    response = client.get("/v1/services", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"


def test_past_midnight_hours_are_open_after_midnight(client, app):
    from datetime import UTC, datetime
    f.service("Night drop-in", category="harm_reduction",
              schedules=[Schedule(freq="WEEKLY", byday=["TU"], opens_at="20:00", closes_at="02:00")])
    # 01:00 Wednesday in Chicago is 07:00 UTC.
    app.extensions["lantern"].clock = lambda: datetime(2026, 11, 25, 7, 0, tzinfo=UTC)

    item = search(client, open_now="true").json["items"][0]

    assert item["name"] == "Night drop-in"
    assert item["hours"]["closes_at"] == "2026-11-25T02:00:00-06:00"


def test_open_now_follows_the_clock_within_one_running_app(client, app):
    from datetime import UTC, datetime
    f.service("Nine to five")
    clock = app.extensions["lantern"]
    for hour_utc, expected in ((16, True), (22, True), (23, False), (15, True), (14, False)):
        # 16:00 and 22:59 UTC are 10:00 and 16:59 in Chicago; 23:00 UTC is 17:00, closing time.
        clock.clock = lambda hour=hour_utc: datetime(2026, 11, 24, hour, 59 if hour == 22 else 0, tzinfo=UTC)
        assert bool(search(client, open_now="true").json["total"]) is expected, hour_utc


def test_a_renamed_organization_is_found_by_its_new_name(client):
    org = f.organization("Old Name Collective")
    f.service("Drop-in", org=org)
    org.name = "Harbor Light Collective"
    save_organization(org)

    items = search(client, q="harbor light").json["items"]

    assert [item["organization"]["name"] for item in items] == ["Harbor Light Collective"]
    assert search(client, q="old name").json["total"] == 0
