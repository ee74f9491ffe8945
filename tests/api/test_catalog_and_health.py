"""Vocabularies a client builds its filters from, and the health check an operator watches."""

from tests import factories as f


def test_categories_count_only_what_the_public_can_find(client):
    f.service(category="housing")
    f.service(category="housing")
    f.service(category="housing", status="inactive")
    f.meeting()

    counts = {c["code"]: c["count"] for c in client.get("/v1/categories").json}

    assert counts["housing"] == 2 and counts["meeting"] == 1 and counts["employment"] == 0


def test_meeting_types_are_the_specs_codes_with_translations(client):
    body = client.get("/v1/meeting-types?lang=es").json
    by_code = {t["code"]: t for t in body}
    assert len(body) == 87
    assert by_code["W"]["label"] == "Mujeres" and by_code["W"]["translations"]["en"] == "Women"
    assert client.get("/v1/meeting-types?lang=xx").json[0]["label"] == "11th Step Meditation"  # English fallback


def test_health_reports_storage_and_search(client, app):
    body = client.get("/v1/health").json
    assert body["status"] == "ok"
    assert body["storage"] == {"backend": "mongomock-ng (embedded)", "ok": True} or app.config["MONGODB_URI"]
    assert body["search"] == {"backend": app.config["SEARCH_BACKEND"], "ok": True}


def test_health_is_503_when_storage_cannot_answer(client, app):
    app.extensions["lantern"].storage.ping = lambda: False
    response = client.get("/v1/health")
    assert response.status_code == 503 and response.json["storage"]["ok"] is False


def test_the_root_links_to_docs_and_resources(client):
    body = client.get("/").json
    assert body["openapi_url"] == "/openapi.json" and body["docs_url"] == "/docs"
    assert client.get(body["links"]["services"]).status_code == 200
