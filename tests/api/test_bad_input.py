"""Bad input gets a 422 naming the field (or a 404), never a 500 and never a database error."""

import pytest

from tests import factories as f

BAD_SEARCHES = [
    ("lat=91&lng=0", "lat"),
    ("lat=-90.5&lng=0", "lat"),
    ("lat=0&lng=181", "lng"),
    ("lat=0&lng=-180.01", "lng"),
    ("lat=abc&lng=1", "lat"),
    ("lat=nan&lng=1", "lat"),
    ("lat=inf&lng=1", "lat"),
    ("lat=1", "lng"),
    ("lng=1", "lat"),
    ("lat=1&lng=1&radius_m=-5", "radius_m"),
    ("lat=1&lng=1&radius_m=0", "radius_m"),
    ("lat=1&lng=1&radius_m=100000000", "radius_m"),
    ("radius_m=500", "radius_m"),
    ("category=casino", "category"),
    ("category=housing,bogus", "category"),
    ('category={"$ne":null}', "category"),
    ("category[$ne]=housing", "category[$ne]"),
    ("lat[$gt]=0", "lat[$gt]"),
    ("per_page=51", "per_page"),
    ("per_page=0", "per_page"),
    ("page=0", "page"),
    ("page=99999999", "page"),
    ("gender=robot", "gender"),
    ("language=english", "language"),
    ("moud=fentanyl", "moud"),
    ("payment=bitcoin", "payment"),
    ("narr_level=5", "narr_level"),
    ("open_now=maybe", "open_now"),
    ("accepting=2", "accepting"),
    ("q=" + "a" * 201, "q"),
    ("lang=english", "lang"),
    ("unknown=1", "unknown"),
]

BAD_MEETING_SEARCHES = [
    ("day=7", "day"),
    ("day=-1", "day"),
    ("day=monday", "day"),
    ("starting_after=25:00", "starting_after"),
    ("starting_after=7pm", "starting_after"),
    ("types=ZZZ", "types"),
    ('types={"$gt":""}', "types"),
    ("attendance=telepathy", "attendance"),
    ("fellowship=xx", "fellowship"),
    ("lat=95&lng=0", "lat"),
]


@pytest.mark.parametrize("query, field", BAD_SEARCHES)
def test_bad_service_searches_name_the_field(client, query, field):
    response = client.get(f"/v1/services?{query}")
    assert response.status_code == 422, response.json
    assert field in response.json["errors"]["query"]


@pytest.mark.parametrize("query, field", BAD_MEETING_SEARCHES)
def test_bad_meeting_searches_name_the_field(client, query, field):
    response = client.get(f"/v1/meetings?{query}")
    assert response.status_code == 422, response.json
    assert field in response.json["errors"]["query"]


def test_operator_looking_text_is_just_text(client):
    f.service("Plain")
    for text in ('{"$where": "sleep(1000)"}', "$ne", "'; db.dropDatabase(); '", "a|b", "(?i)x"):
        response = client.get("/v1/services", query_string={"q": text})
        assert response.status_code == 200 and response.json["total"] == 0, text
    # Punctuation alone holds no words to look for, so it filters nothing; and nothing was dropped.
    assert client.get("/v1/services", query_string={"q": "\\ .* [("}).json["total"] == 1


def test_unknown_paths_and_methods_are_json_errors(client):
    assert client.get("/v1/nothing-here").status_code == 404
    response = client.post("/v1/services")
    assert response.status_code == 405


@pytest.mark.parametrize("method, path", [("POST", "/v1/services"), ("TRACE", "/hsds/services"),
                                          ("DELETE", "/hsds/services/x"), ("PUT", "/hsds/"),
                                          ("PATCH", "/v1/meeting-guide.json")])
def test_a_405_says_which_methods_the_path_allows(client, method, path):
    """RFC 9110 requires Allow on a 405; schemathesis's unsupported_method check and clients rely on it."""
    response = client.open(path, method=method)
    assert response.status_code == 405 and response.json["code"] == 405
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_repeated_list_parameters_mean_all_of_them(client):
    f.service("House", category="housing")
    f.meeting("Women's", types=("W", "O"))
    f.meeting("Open", types=("O",))

    assert client.get("/v1/services?category=housing&category=meeting").json["total"] == 3
    assert [m["name"] for m in client.get("/v1/meetings?types=W&types=O").json["items"]] == ["Women's"]


@pytest.mark.parametrize("query, field", [("lat=39.1&lng=-94.58&lat=40", "lat"), ("gender=women&gender=men", "gender"),
                                          ("page=1&page=2", "page")])
def test_a_repeated_single_value_is_refused_not_silently_cut(client, query, field):
    response = client.get(f"/v1/services?{query}")
    assert response.status_code == 422 and field in response.json["errors"]["query"]
