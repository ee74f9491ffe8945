"""Listing content in Spanish: served in the reader's language with the original where a text has no translation,
each text's language said beside it, and found by Spanish words (the database backends; Meilisearch in tests/meili)."""

from datetime import UTC, datetime, timedelta

import pytest
from mongoengine import ValidationError

from api.models.service import Eligibility
from api.models.translations import PlaceTexts, ServiceTexts
from tests import factories as f


def clinic():
    """A bilingual clinic whose partner translated its name and description, not its status note or eligibility."""
    place = f.location(name="Eastside Health Center")
    place.description, place.transit = "Second floor, lift by the pharmacy.", "Bus 12 stops at the door."
    place.translations = {"es": PlaceTexts(transit="El autobús 12 para en la puerta.")}
    place.save()
    return f.service(
        "Eastside Recovery Clinic", category="clinical", places=[place], languages=["en", "es"],
        description="Same-week buprenorphine starts and counselling.",
        status_note="Closed early on Friday for training.",
        eligibility=Eligibility(description="Adults 18 and over."),
        translations={"es": ServiceTexts(name="Clínica de Recuperación Eastside",
                                         description="Inicio de buprenorfina en la misma semana y consejería para "
                                                     "madres con hijos.")})


def search(client, q, lang="es"):
    return client.get("/v1/services", query_string={"q": q, "lang": lang}).json["items"]


def test_a_listing_is_shown_in_spanish_with_english_where_it_has_no_spanish(client):
    service = clinic()

    body = client.get(f"/v1/services/{service.id}?lang=es").json

    assert body["name"] == "Clínica de Recuperación Eastside"
    assert body["description"].startswith("Inicio de buprenorfina")
    assert body["status_note"] == "Closed early on Friday for training."  # not translated: the original
    assert body["eligibility"]["description"] == "Adults 18 and over."
    assert body["content_language"] == {"name": "es", "description": "es", "status_note": "en",
                                        "eligibility.description": "en"}
    place = body["locations"][0]
    assert place["transit"] == "El autobús 12 para en la puerta."
    assert place["description"] == "Second floor, lift by the pharmacy."
    assert place["content_language"] == {"transit": "es", "description": "en"}


def test_an_english_reader_gets_the_original_and_accept_language_chooses_spanish_too(client):
    service = clinic()

    english = client.get(f"/v1/services/{service.id}").json
    spanish = client.get(f"/v1/services/{service.id}", headers={"Accept-Language": "es-MX,es;q=0.9"})

    assert english["name"] == "Eastside Recovery Clinic"
    assert set(english["content_language"].values()) == {"en"}
    assert english["locations"][0]["transit"] == "Bus 12 stops at the door."
    assert spanish.json["name"] == "Clínica de Recuperación Eastside"
    assert spanish.headers["Content-Language"] == "es" and "Accept-Language" in spanish.headers["Vary"]


def test_search_results_and_meeting_lists_speak_spanish_too(client):
    clinic()
    f.meeting("Tuesday Night Hope", types=("O", "S"), languages=["es"],
              translations={"es": ServiceTexts(name="Esperanza del martes")})

    [hit] = search(client, "buprenorfina")
    [listed] = client.get("/v1/meetings?lang=es").json["items"]

    assert hit["name"] == "Clínica de Recuperación Eastside" and hit["content_language"]["name"] == "es"
    assert hit["location"]["content_language"]["transit"] == "es"
    assert listed["name"] == "Esperanza del martes" and listed["content_language"] == {"name": "es"}


def test_the_change_feed_keeps_an_offline_copy_in_the_readers_language(client, app):
    app.extensions["lantern"].clock = lambda: datetime.now(UTC) + timedelta(seconds=5)  # past every write
    service = clinic()

    spanish = client.get("/v1/changes?since=0&lang=es").json["changes"]
    english = client.get("/v1/changes?since=0").json["changes"]

    assert [change["service"]["name"] for change in spanish] == ["Clínica de Recuperación Eastside"]
    assert spanish[0]["id"] == service.id and spanish[0]["service"]["content_language"]["name"] == "es"
    assert [change["service"]["name"] for change in english] == ["Eastside Recovery Clinic"]


def test_a_spanish_word_only_the_translation_has_finds_the_listing(client):
    clinic()
    f.service("Other Clinic", category="clinical", description="Counselling for adults.")

    assert [hit["name"] for hit in search(client, "madres hijos")] == ["Clínica de Recuperación Eastside"]
    assert [hit["name"] for hit in search(client, "madres hijos", lang="en")] == ["Eastside Recovery Clinic"]


@pytest.mark.parametrize(("query", "found"), [
    ("desintoxicación", "Northside Detox"),  # a synonym of detox
    ("vivienda de recuperación", "Maple Sober Living"),  # the category's Spanish label, and a synonym
    ("recovery housing", "Maple Sober Living"),
    ("anexo", "Maple Sober Living"),  # said for a live-in recovery house
    ("AA en español", "Grupo Nueva Vida"),  # a Spanish-speaking AA meeting (type S), not the English one
    ("reunión NA", "Clean Tuesdays"),
])
def test_spanish_and_english_words_for_the_same_thing_find_it(client, query, found):
    f.service("Northside Detox", category="clinical", description="Medically monitored withdrawal.")
    f.service("Maple Sober Living", category="housing", description="A recovery residence for men.")
    f.meeting("Grupo Nueva Vida", types=("O", "S"), languages=["es"])
    f.meeting("Downtown Big Book", types=("O", "B"))
    f.meeting("Clean Tuesdays", types=("O",), fellowship="na")

    assert [hit["name"] for hit in search(client, query)] == [found]


def test_a_blank_translation_stores_nothing_and_an_unknown_language_is_refused(storage):
    service = f.service("Hope", translations={"es": ServiceTexts(name="  ", description="")})
    assert "es" not in service.reload().translations

    service.translations = {"fr": ServiceTexts(name="Espoir")}
    with pytest.raises(ValidationError, match=r"fr: texts can be given in es besides the original \(en\)"):
        service.save()


def test_a_confidential_place_gives_no_directions_in_any_language(client):
    house = f.location(confidential=True)
    house.transit = "Bus 4 to Elm St."
    house.translations = {"es": PlaceTexts(transit="Autobús 4 hasta Elm St.", description="La casa azul.")}
    house.save()
    service = f.service("Safe House", category="housing", places=[house])

    body = client.get(f"/v1/services/{service.id}?lang=es").json
    hit = search(client, "Safe House")[0]

    for place in (body["locations"][0], hit["location"]):
        assert place["transit"] is None and place["description"] is None and place["content_language"] == {}
    assert "Autobús" not in str(body) and "azul" not in str(body)


def test_the_openapi_says_which_language_each_text_is_in(client):
    schemas = client.get("/openapi.json").json["components"]["schemas"]

    for name in ("ServiceSummary", "ServiceDetail", "MeetingSummary", "Location"):
        field = schemas[name]["properties"]["content_language"]
        assert field["type"] == "object" and "partner gave" in field["description"]
