"""Meilisearch finds listings by their Spanish texts and the vocabulary's Spanish words, as the database backends do."""

import pytest

from api.models.translations import ServiceTexts
from tests import factories as f


@pytest.fixture
def directory(meili_app):
    f.service("Eastside Recovery Clinic", category="clinical", description="Counselling and buprenorphine.",
              translations={"es": ServiceTexts(name="Clínica Eastside", description="Consejería para madres.")})
    f.service("Northside Detox", category="clinical", description="Medically monitored withdrawal.")
    f.service("Maple Sober Living", category="housing", description="A house for men in recovery.")
    f.meeting("Grupo Nueva Vida", types=("O", "S"), languages=["es"])
    f.meeting("Downtown Big Book", types=("O", "B"))
    return meili_app.reindex()


@pytest.mark.parametrize(("query", "found"), [
    ("madres", "Clínica Eastside"),  # only the Spanish description has it
    ("desintoxicación", "Northside Detox"),
    ("vivienda de recuperación", "Maple Sober Living"),
    ("AA en español", "Grupo Nueva Vida"),
])
def test_spanish_queries_find_what_they_mean(directory, query, found):
    response = directory.client.get("/v1/services", query_string={"q": query, "lang": "es"})

    assert response.headers["X-Search-Backend"] == "meilisearch"
    assert [hit["name"] for hit in response.json["items"]] == [found]


def test_documents_carry_each_text_beside_its_spanish(directory):
    index = directory.admin.index(directory.index_uid)
    clinic = index.search("Eastside", {"limit": 1})["hits"][0]
    group = index.search("Nueva Vida", {"limit": 1})["hits"][0]

    assert (clinic["name"], clinic["name_es"]) == ("Eastside Recovery Clinic", "Clínica Eastside")
    assert clinic["description_es"] == "Consejería para madres."
    assert clinic["category_label_es"] == "Tratamiento y medicamentos para opioides (MOUD)"
    assert group["name_es"] is None and "Español" in group["meeting_type_labels_es"]
    assert group["fellowship_name_es"] == "Alcohólicos Anónimos"
