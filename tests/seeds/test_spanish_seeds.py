"""The seed city in Spanish too: a Spanish-speaking AA group, bilingual clinics, recovery houses described in
Spanish, so `make run` shows listing content in both languages (and the English where a text has no Spanish)."""

from datetime import UTC, datetime

import pytest

from api import create_app
from api.adapters.storage import MongoStorage
from api.models.translations import TRANSLATED
from seeds.metro import build_metro
from tests.conftest import make_config

NOW = datetime(2026, 3, 2, 15, 30)


@pytest.fixture(scope="module")
def metro():
    return build_metro(NOW)


@pytest.fixture(scope="module")
def client():
    """The seeded app, read only by these tests."""
    MongoStorage(make_config().MONGODB_URI, make_config().MONGODB_DB).drop_all()
    app = create_app(make_config(SEED_ON_START="1"))
    app.extensions["lantern"].clock = lambda: datetime.now(UTC)
    return app.test_client()


def test_the_metro_has_a_spanish_aa_group_a_bilingual_clinic_and_a_house_described_in_spanish(metro):
    by_name = {service.name: service for service in metro.services}
    group = by_name["Grupo Nueva Vida"]
    assert group.meeting.fellowship == "aa" and "S" in group.meeting.types and group.languages == ["es"]
    assert group.translations["es"].description.startswith("Reunión de Alcohólicos Anónimos")
    clinics = [service for service in metro.services if service.category == "clinical" and service.translations]
    assert any({"en", "es"} <= set(clinic.languages) and clinic.translations["es"].name for clinic in clinics)
    houses = [service for service in metro.services if service.category == "housing" and service.translations]
    assert houses and all("es" in house.languages for house in houses)
    assert houses[0].translations["es"].description.startswith("Vivienda de recuperación NARR")


def test_every_seed_translation_is_in_a_language_the_api_speaks_and_validates(metro):
    translated = [service for service in metro.services if service.translations]
    assert len(translated) > 20
    for service in translated:
        assert set(service.translations) <= set(TRANSLATED)
        service.validate()


def test_the_seeded_directory_answers_spanish_readers_in_spanish(client):
    found = client.get("/v1/services", query_string={"q": "AA en español", "lang": "es"}).json["items"]
    clinic = client.get("/v1/services", query_string={"q": "buprenorfina sin cita", "lang": "es"}).json["items"]
    feed = client.get("/v1/meeting-guide.json").json

    assert "Grupo Nueva Vida" in [item["name"] for item in found]
    assert clinic and clinic[0]["name"].startswith("Clínica de buprenorfina sin cita")
    assert clinic[0]["content_language"] == {"name": "es"}
    assert all("S" in entry["types"] for entry in feed if entry["name"] == "Grupo Nueva Vida")
    detail = client.get(f"/v1/services/{clinic[0]['id']}?lang=es").json
    assert detail["content_language"]["description"] == "es"
    # The clinic's place has no Spanish directions: a Spanish reader gets the English ones, marked so.
    assert set(detail["locations"][0]["content_language"].values()) <= {"en"}
