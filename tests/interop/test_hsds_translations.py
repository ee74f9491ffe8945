"""HSDS 3.0 has no place for a text in a second language (its `languages` name the languages a service is
delivered in), so an HSDS import sets no Spanish texts, keeps those a partner gave, and /hsds serves the
directory's own words."""

import json

from api.models import Service
from api.models.translations import ServiceTexts
from api.services.editing import Actor, save_edit
from tests.interop.test_hsds_import import example, import_file


def give_spanish(service: Service) -> None:
    def change(listing):
        listing.translations = {"es": ServiceTexts(name="Consejería Comunitaria", description="Consejería gratuita.")}
    save_edit(service.id, service.version, change, Actor("u-ana", "Ana"))


def test_a_re_import_updates_the_english_and_keeps_the_partners_spanish(storage):
    import_file(example("service_full.json"))
    give_spanish(Service.objects.get())
    record = json.loads(example("service_full.json")) | {"name": "Community Counselling (renamed)"}

    plan, _ = import_file(json.dumps(record).encode())

    assert "translations" not in plan.rows[0].changes
    service = Service.objects.get()
    assert service.name == "Community Counselling (renamed)" and service.languages == ["ur"]
    assert service.translations["es"].name == "Consejería Comunitaria"


def test_hsds_serves_the_directorys_own_words_whatever_the_reader_asks(storage, client):
    import_file(example("service_full.json"))
    service = Service.objects.get()
    give_spanish(service)

    body = client.get(f"/hsds/services/{service.id}?lang=es", headers={"Accept-Language": "es"}).get_json()

    assert body["name"] == "Community Counselling" and "Consejería" not in json.dumps(body)
