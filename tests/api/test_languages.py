"""The public API in the reader's language: lang= or Accept-Language gives Spanish labels, summaries, hours and
errors, says so in Content-Language and Vary, and anything else gets English."""

from datetime import UTC, datetime, timedelta

import pytest

from api import create_app
from api.models.schedule import Schedule
from tests import factories as f
from tests.conftest import make_config

ES = {"Accept-Language": "es-MX,es;q=0.9,en;q=0.5"}


@pytest.fixture
def house():
    """Open now (10:00 in Riverton), one confirmed free bed."""
    return f.service("Casa Esperanza", category="housing", capacity=[f.unit(1, 8, hours_ago=2)])


def item(body, service):
    return next(entry for entry in body["items"] if entry["id"] == service.id)


@pytest.mark.parametrize("how", [{"query_string": {"lang": "es"}}, {"headers": ES}])
def test_search_answers_in_spanish_by_lang_or_by_header(client, house, how):
    response = client.get("/v1/services", **how)

    found = item(response.json, house)
    assert found["category_label"] == "Vivienda de recuperación"
    assert found["availability"]["summary"] == "1 lugar libre · confirmado hace 2 horas"
    assert found["hours"]["summary"] == "Abierto hasta las 17:00"
    assert response.headers["Content-Language"] == "es"
    assert "Accept-Language" in response.vary


def test_plural_forms_follow_the_count_of_free_places(client):
    one = f.service(category="housing", capacity=[f.unit(1, 8, hours_ago=1)])
    three = f.service(category="housing", capacity=[f.unit(3, 8, hours_ago=30)])

    body = client.get("/v1/services?lang=es").json

    assert item(body, one)["availability"]["summary"] == "1 lugar libre · confirmado hace 1 hora"
    assert item(body, three)["availability"]["summary"] == "3 lugares libres · confirmado hace 1 día"
    english = client.get("/v1/services").json
    assert item(english, three)["availability"]["summary"] == "3 open · confirmed 1 day ago"


def test_a_full_house_is_full_in_the_words_used_everywhere_else(client):
    # "Lleno", as the quick update's button, the reports and the admin say it (it read "Completo" here alone).
    full = f.service(category="housing", capacity=[f.unit(0, 8, hours_ago=1)])
    body = client.get("/v1/services?lang=es").json
    assert item(body, full)["availability"]["summary"] == "Lleno · confirmado hace 1 hora"


def test_a_listing_in_spanish_with_hours_in_its_own_time_zone(client):
    # 08:00 in Los Angeles while it is 10:00 in Riverton: the hours are the listing's, not the server's or ours.
    west = f.service("Clínica Oeste", category="clinical", timezone="America/Los_Angeles",
                     capacity=[f.unit(0, 4, hours_ago=24 * 4, code="intake", name="Intake")],
                     places=[f.location(confidential=True)])
    west.schedules = [f.weekdays(), Schedule(freq="MONTHLY", byday=["1SA"], opens_at="10:00", closes_at="14:00")]
    west.save()

    body = client.get(f"/v1/services/{west.id}?lang=es").json

    assert body["hours"]["summary"] == "Cerrado · abre hoy a las 9:00"
    assert [schedule["text"] for schedule in body["schedules"]] == [
        "De lunes a viernes, 9:00–17:00", "Primer sábado del mes, 10:00–14:00"]
    assert body["availability"]["summary"] == "Sin confirmar desde hace 4 días"
    assert body["clinical"]["levels_of_care"] == [] and body["category_label"].startswith("Tratamiento")
    assert body["locations"][0]["address_note"] == "Llame para obtener la dirección"
    english = client.get(f"/v1/services/{west.id}").json
    assert english["hours"]["summary"] == "Closed · opens today at 9:00\u202fAM"  # CLDR's narrow space before AM
    assert english["schedules"][1]["text"] == "First Saturday of the month, 10:00\u202fAM\u2009–\u20092:00\u202fPM"


def test_closed_listings_say_when_they_open_next(client):
    tomorrow = f.service(schedules=[f.weekdays(days=("WE",))])
    later = f.service(schedules=[f.weekdays(days=("SA",))])
    paused = f.service(status="temporarily_closed")

    body = client.get("/v1/services?lang=es").json

    assert item(body, tomorrow)["hours"]["summary"] == "Cerrado · abre mañana a las 9:00"
    assert item(body, later)["hours"]["summary"] == "Cerrado · abre el sábado a las 9:00"
    assert client.get(f"/v1/services/{paused.id}?lang=es").json["hours"]["summary"] == "Cerrado temporalmente"


def test_meetings_in_spanish(client):
    tonight = f.meeting("Grupo Esperanza", types=("W", "O"))
    thursday = f.meeting("Grupo Jueves", day="TH")
    on_now = f.meeting("Grupo Mañana", opens="09:30", closes="11:00")

    items = {item["id"]: item for item in client.get("/v1/meetings", headers=ES).json["items"]}

    assert items[tonight.id]["meeting"]["fellowship_name"] == "Alcohólicos Anónimos"
    assert items[tonight.id]["meeting"]["types"] == [{"code": "W", "label": "Mujeres"},
                                                     {"code": "O", "label": "Abierta"}]
    assert items[tonight.id]["next_occurrence"]["summary"] == "Hoy a las 19:00"
    assert items[thursday.id]["next_occurrence"]["summary"] == "El jueves a las 19:00"
    assert items[on_now.id]["next_occurrence"]["summary"] == "Ahora · hasta las 11:00"
    detail = client.get(f"/v1/services/{tonight.id}?lang=es").json
    assert detail["hours"]["summary"] == "Próxima reunión hoy a las 19:00"
    assert detail["schedules"][0]["text"] == "Martes, 19:00–20:00"
    assert client.get(f"/v1/services/{on_now.id}?lang=es").json["hours"]["summary"] == \
        "Reunión en curso · hasta las 11:00"


def test_categories_and_the_change_feed_in_spanish(client, app, house):
    categories = {c["code"]: c["label"] for c in client.get("/v1/categories?lang=es").json}
    assert categories["meeting"] == "Reunión de ayuda mutua"
    app.extensions["lantern"].clock = lambda: datetime.now(UTC) + timedelta(seconds=5)  # changes list once settled
    [change] = client.get("/v1/changes?lang=es").json["changes"]
    assert change["service"]["category_label"] == "Vivienda de recuperación"


def test_errors_in_spanish_with_field_names_as_they_are(client):
    response = client.get("/v1/services?lat=95&lng=0&gender=robot&lang=es")
    assert response.status_code == 422 and response.headers["Content-Language"] == "es"
    assert response.json["errors"]["query"] == {
        "lat": ["Debe ser mayor o igual que -90 y menor o igual que 90."],
        "gender": ["Debe ser uno de estos valores: women, men, nonbinary."]}

    ours = client.get("/v1/services?lat=1", headers=ES).json["errors"]["query"]
    assert ours == {"lng": ["lat y lng deben indicarse juntos."]}
    assert client.get("/v1/meetings?types=ZZZ&lang=es").json["errors"]["query"]["types"] == {
        "0": ["'ZZZ' no es un código de tipo de Meeting Guide (vea /v1/meeting-types)."]}
    missing = client.get("/v1/services/nope", headers=ES)
    assert missing.status_code == 404 and missing.json["message"] == "No hay ningún servicio con el id 'nope'."
    body = client.post("/v1/devices", json={"platform": "android"}, headers=ES).json
    assert body["errors"]["json"] == {"token": ["Falta un dato obligatorio."]}
    unknown_device = client.get("/v1/devices/nope", headers=ES | {"Authorization": "Bearer x"})
    assert unknown_device.json["message"] == "No hay ningún dispositivo con el id 'nope'."


def test_refusals_before_the_view_speak_the_language_too(storage, client):
    too_large = client.post("/v1/devices", data=b"x" * 9000, content_type="application/json", headers=ES)
    assert too_large.status_code == 413 and too_large.headers["Content-Language"] == "es"
    assert too_large.json["message"] == "El cuerpo de la solicitud supera los 8192 bytes que admite esta ruta."

    limited = create_app(make_config(RATE_LIMIT_READS="1 per minute")).test_client()
    stranger = {"REMOTE_ADDR": "203.0.113.77"}
    limited.get("/v1/categories", environ_base=stranger)
    refused = limited.get("/v1/categories", headers=ES, environ_base=stranger)
    assert refused.status_code == 429 and refused.headers["Content-Language"] == "es"
    assert refused.json["message"].startswith("Demasiadas solicitudes desde su dirección (1 per 1 minute)")


def test_lang_wins_over_the_header(client, house):
    response = client.get("/v1/services?lang=en", headers=ES)
    assert response.headers["Content-Language"] == "en"
    assert item(response.json, house)["category_label"] == "Recovery housing"


@pytest.mark.parametrize("how", [{"query_string": {"lang": "fr"}}, {"headers": {"Accept-Language": "fr-CA, de"}},
                                 {"headers": {"Accept-Language": "es;q=0, en"}}, {}])
def test_any_other_language_gets_english(client, house, how):
    response = client.get("/v1/services", **how)
    assert response.headers["Content-Language"] == "en" and "Accept-Language" in response.vary
    found = item(response.json, house)
    assert found["category_label"] == "Recovery housing"
    assert found["availability"]["summary"] == "1 open · confirmed 2 hours ago"
    assert found["hours"]["summary"] == "Open until 5:00\u202fPM"


def test_a_compressed_listing_varies_by_language_and_encoding_in_one_header(client, house):
    # A shared cache keys its copies on every name Vary lists: a Spanish or a gzipped page must not reach the others.
    for headers in ({"Accept-Encoding": "gzip"}, {"Accept-Encoding": "gzip", **ES}):
        response = client.get(f"/v1/services/{house.id}", headers=headers)
        assert response.headers["Content-Encoding"] == "gzip"
        assert response.headers.getlist("Vary") == ["Accept-Encoding, Accept-Language"]


def test_a_malformed_lang_is_a_422_naming_it(client):
    response = client.get("/v1/services?lang=english!")
    assert response.status_code == 422 and "lang" in response.json["errors"]["query"]


def test_the_openapi_documents_lang_accept_language_and_the_answer_headers(client):
    spec = client.get("/openapi.json").json
    for path in ("/v1/services", "/v1/services/{service_id}", "/v1/meetings", "/v1/categories", "/v1/changes"):
        operation = spec["paths"][path]["get"]
        names = {parameter.get("name") or parameter["$ref"].rsplit("/", 1)[-1]
                 for parameter in operation["parameters"]}
        assert {"lang", "AcceptLanguage"} <= names, path
        assert set(operation["responses"]["200"]["headers"]) >= {"Content-Language", "Vary"}, path
    assert spec["components"]["parameters"]["AcceptLanguage"]["name"] == "Accept-Language"
    assert set(spec["components"]["responses"]["DEFAULT_ERROR"]["headers"]) >= {"Content-Language", "Vary"}


@pytest.mark.parametrize("path", ["/hsds/services", "/v1/meeting-guide.json"])
def test_exchange_formats_answer_in_the_directorys_own_words(client, house, path):
    # Other software reads these in the standard's terms: they neither negotiate nor claim a language.
    response = client.get(path, headers=ES)
    assert response.status_code == 200
    assert "Content-Language" not in response.headers and "Accept-Language" not in response.vary
