"""CSV import of a listing's notes and Spanish texts: name_es, description_es, status_note_es, eligibility_notes_es
beside the English columns, audited like every import edit, and served to Spanish readers."""

import pytest

from api.interop.csv import importer
from api.models import Service
from api.models.audit import AuditEntry
from api.services.editing import Actor
from tests import factories as f
from tests.interop.test_csv_import import HOUSE, csv_bytes

ANN = Actor("u-ann", "CSV import by Ann")
SPANISH = {"name_es": "Casa Esperanza", "description_es": "Vivienda de recuperación para mujeres.",
           "status_note": "Closed Friday for training.", "eligibility_notes": "Women 18 and over.",
           "eligibility_notes_es": "Mujeres mayores de 18 años."}


@pytest.fixture
def org(storage):
    return f.organization("Northside Recovery")


def plan_of(org, *rows):
    return importer.plan(org, importer.read_csv(csv_bytes(*rows)), who=ANN.name)


def test_spanish_columns_give_the_listing_its_spanish_texts_and_the_import_is_audited(org):
    report = importer.apply(plan_of(org, HOUSE | {"description": "Recovery residence for women."} | SPANISH), ANN)

    service = Service.objects.get(source_id="H1")
    spanish = service.translations["es"]
    assert (spanish.name, spanish.description, spanish.eligibility_description, spanish.status_note) == (
        "Casa Esperanza", "Vivienda de recuperación para mujeres.", "Mujeres mayores de 18 años.", None)
    assert service.status_note == "Closed Friday for training."
    assert service.eligibility.description == "Women 18 and over."
    assert len(report.created) == 1
    [entry] = AuditEntry.objects(object_id=service.id)
    assert entry.actor_name == "CSV import by Ann"
    assert entry.changes["translations"][1]["es"]["name"] == "Casa Esperanza"


def test_an_empty_cell_clears_that_translation_only_and_the_same_file_twice_changes_nothing(org):
    importer.apply(plan_of(org, HOUSE | SPANISH), ANN)
    assert plan_of(org, HOUSE | SPANISH).counts["unchanged"] == 1

    cleared = plan_of(org, HOUSE | SPANISH | {"name_es": ""})
    [row] = cleared.writes
    assert row.changes["translations"][0]["es"]["name"] == "Casa Esperanza"
    assert "name" not in row.changes["translations"][1]["es"]
    importer.apply(cleared, ANN)

    spanish = Service.objects.get(source_id="H1").translations["es"]
    assert spanish.name is None and spanish.description == "Vivienda de recuperación para mujeres."


def test_a_file_without_the_spanish_columns_leaves_the_spanish_texts_alone(org):
    importer.apply(plan_of(org, HOUSE | SPANISH), ANN)

    assert plan_of(org, HOUSE | {"name": "Hope House (Elm St)"}).counts["update"] == 1
    importer.apply(plan_of(org, HOUSE | {"name": "Hope House (Elm St)"}), ANN)

    assert Service.objects.get(source_id="H1").translations["es"].name == "Casa Esperanza"


@pytest.mark.parametrize(("cells", "column"), [
    ({"name_es": "n" * 201}, "name_es"),
    ({"status_note_es": "s" * 301}, "status_note_es"),
    ({"eligibility_notes": "e" * 1001}, "eligibility_notes"),
])
def test_a_text_too_long_is_an_error_of_its_own_column(org, cells, column):
    plan = plan_of(org, HOUSE | cells)

    assert set(plan.errors) == {2} and set(plan.errors[2]) == {column}
    assert "longer than" in plan.errors[2][column]


def test_spanish_readers_see_the_imported_spanish(client, org):  # the app (and its database) first
    importer.apply(plan_of(org, HOUSE | SPANISH), ANN)
    service = Service.objects.get(source_id="H1")

    body = client.get(f"/v1/services/{service.id}?lang=es").json

    assert body["name"] == "Casa Esperanza" and body["status_note"] == "Closed Friday for training."
    assert body["content_language"]["status_note"] == "en" and body["content_language"]["name"] == "es"


def test_the_format_describes_every_spanish_column():
    described = {column.name: column.meaning for column in importer.COLUMNS}

    for name in ("name_es", "description_es", "status_note_es", "eligibility_notes_es"):
        assert "in the language the column's name ends with" in described[name]
    assert "(_es: Spanish)" in described["name_es"]
