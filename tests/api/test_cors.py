"""A web page on another origin reads the public API, the feeds and /hsds, as a browser checks it: the `Origin` of a
simple GET, a preflight OPTIONS before anything else; the admin area and /metrics answer no origin but their own."""

import pytest

from api.cli.serving import build_app
from tests import factories as f
from tests.conftest import NOW, make_config

ORIGIN = "https://meetings.county.example"
PUBLIC_READS = ["/v1/services", "/v1/meetings", "/v1/categories", "/v1/changes", "/v1/meeting-guide.json",
                "/hsds/", "/hsds/services", "/hsds/organizations", "/openapi.json", "/"]
NOT_PUBLIC = ["/admin/login", "/admin/", "/metrics"]


@pytest.fixture
def client(storage):
    """The whole product, admin area included, so a test can tell the public paths from the private ones."""
    app = build_app(make_config())
    app.extensions["lantern"].clock = lambda: NOW
    return app.test_client()


def preflight(client, path, method, headers=""):
    """The OPTIONS a browser sends before a request that is not "simple" (another method, a non-safelisted header)."""
    asked = {"Origin": ORIGIN, "Access-Control-Request-Method": method}
    if headers:
        asked["Access-Control-Request-Headers"] = headers
    return client.options(path, headers=asked)


def listed(value: str | None) -> set[str]:
    return {item.strip().lower() for item in (value or "").split(",") if item.strip()}


def assert_readable(response):
    """What a browser needs to hand the answer to the page's script: any origin, no credentials."""
    assert response.headers.get("Access-Control-Allow-Origin") == "*", response.headers
    assert "Access-Control-Allow-Credentials" not in response.headers
    assert "origin" not in listed(response.headers.get("Vary"))  # one cached copy serves every origin


@pytest.mark.parametrize("path", PUBLIC_READS)
def test_a_page_on_another_origin_can_read_every_public_answer_and_its_etag(client, path):
    f.meeting("Tuesday Hope")
    response = client.get(path, headers={"Origin": ORIGIN})

    assert response.status_code == 200
    assert_readable(response)
    if path not in ("/", "/openapi.json"):  # the root and the API description change only with a release
        assert response.headers.get("ETag")
        assert "etag" in listed(response.headers.get("Access-Control-Expose-Headers"))


@pytest.mark.parametrize("path", ["/v1/services", "/v1/meeting-guide.json", "/hsds/services"])
def test_a_preflight_for_a_conditional_get_is_answered_and_the_304_is_readable(client, path):
    answer = preflight(client, path, "GET", "If-None-Match")

    assert answer.status_code == 200
    assert_readable(answer)
    assert "get" in listed(answer.headers.get("Access-Control-Allow-Methods"))
    assert "if-none-match" in listed(answer.headers.get("Access-Control-Allow-Headers"))
    assert int(answer.headers["Access-Control-Max-Age"]) > 0

    tag = client.get(path).headers["ETag"]
    again = client.get(path, headers={"Origin": ORIGIN, "If-None-Match": tag})
    assert again.status_code == 304 and again.headers["ETag"] == tag
    assert_readable(again)


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE"])
def test_the_read_api_allows_no_writes_from_other_origins(client, method):
    answer = preflight(client, "/v1/services", method, "Content-Type")
    assert method.lower() not in listed(answer.headers.get("Access-Control-Allow-Methods"))


def test_an_apps_web_build_registers_a_device_and_changes_it_with_its_secret(client):
    created = preflight(client, "/v1/devices", "POST", "Content-Type")
    assert {"post"} <= listed(created.headers.get("Access-Control-Allow-Methods"))
    assert "content-type" in listed(created.headers.get("Access-Control-Allow-Headers"))
    assert_readable(created)

    response = client.post("/v1/devices", json={"token": "t-1", "platform": "web"}, headers={"Origin": ORIGIN})
    assert response.status_code == 201
    assert_readable(response)
    device = f"/v1/devices/{response.json['id']}"

    changed = preflight(client, device, "PATCH", "Authorization, Content-Type")
    assert "patch" in listed(changed.headers.get("Access-Control-Allow-Methods"))
    assert {"authorization", "content-type"} <= listed(changed.headers.get("Access-Control-Allow-Headers"))
    assert "delete" in listed(preflight(client, device, "DELETE", "Authorization").headers.get(
        "Access-Control-Allow-Methods"))
    patched = client.patch(device, json={"locale": "es"}, headers={
        "Origin": ORIGIN, "Authorization": f"Bearer {response.json['secret']}"})
    assert patched.status_code == 200 and patched.json["locale"] == "es"
    assert_readable(patched)


def test_errors_are_readable_too_so_a_page_can_show_why(client):
    unknown = client.get("/v1/services/nope", headers={"Origin": ORIGIN})
    refused = client.get("/v1/services?lat=500&lng=0", headers={"Origin": ORIGIN})
    device = client.post("/v1/devices", json={"token": "t-1", "platform": "web"}).json["id"]
    no_secret = client.get(f"/v1/devices/{device}", headers={"Origin": ORIGIN})

    assert (unknown.status_code, refused.status_code, no_secret.status_code) == (404, 422, 401)
    for response in (unknown, refused, no_secret):
        assert_readable(response)
    assert "www-authenticate" in listed(no_secret.headers.get("Access-Control-Expose-Headers"))


@pytest.mark.parametrize("path", NOT_PUBLIC)
def test_the_admin_area_and_metrics_answer_no_other_origin(client, path):
    for response in (client.get(path, headers={"Origin": ORIGIN}), preflight(client, path, "GET"),
                     preflight(client, path, "POST", "Content-Type")):
        assert not [name for name in response.headers.keys() if name.lower().startswith("access-control-")], \
            response.headers


def test_no_answer_anywhere_allows_credentials(client):
    paths = PUBLIC_READS + NOT_PUBLIC + ["/v1/devices", "/v1/services/nope"]
    for path in paths:
        for response in (client.get(path, headers={"Origin": ORIGIN}), preflight(client, path, "GET", "Cookie")):
            assert "Access-Control-Allow-Credentials" not in response.headers, path
            assert "cookie" not in listed(response.headers.get("Access-Control-Allow-Headers")), path
