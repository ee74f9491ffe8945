"""A partner gives a listing's and a place's texts in Spanish in their editors: a collapsible "Español" section on a
phone-sized form, saved through the editing path (versioned, audited), served to Spanish readers."""

import re

import pytest

from api.models import Location, Service
from api.models.audit import AuditEntry
from api.models.translations import ServiceTexts
from tests import factories as f
from tests.admin.conftest import page_text, signed_in_client
from tests.admin.html_forms import form_fields


@pytest.fixture
def editor(admin_app, staff):
    return signed_in_client(admin_app, staff.editor)


def edit_page(client, url):
    page = page_text(client.get(url))
    return page, form_fields(page, url)


def spanish_section(html: str) -> str:
    """The opening tag of the Spanish section (a <details>: open or closed)."""
    return re.search(r'<details class="section" id="translations-es"[^>]*>', html).group(0)


def test_the_spanish_section_is_closed_until_it_holds_something(orgs, editor):
    service = f.service("Hope House", org=orgs.a)
    url = f"/admin/services/{service.id}/edit"

    page, fields = edit_page(editor, url)

    assert " open" not in spanish_section(page) and "<summary>Español</summary>" in page
    assert {"translations-es-name", "translations-es-description", "translations-es-status_note",
            "translations-es-eligibility_description"} <= set(fields)
    assert 'lang="es"' in page  # a phone's keyboard and spelling check follow the language typed


def test_spanish_texts_saved_from_the_editor_are_audited_and_public(admin_app, staff, orgs, editor):
    service = f.service("Hope House", org=orgs.a, description="A home for women in recovery.")
    url = f"/admin/services/{service.id}/edit"
    _, fields = edit_page(editor, url)

    answer = editor.post(url, data=fields | {"translations-es-name": "Casa Esperanza",
                                             "translations-es-description": "  Un hogar para mujeres.  "})

    assert answer.status_code == 303, page_text(answer)
    saved = Service.objects.get(id=service.id)
    assert (saved.translations["es"].name, saved.translations["es"].description) == (
        "Casa Esperanza", "Un hogar para mujeres.")
    assert saved.version == service.version + 1
    [entry] = AuditEntry.objects(object_id=service.id)
    assert entry.actor_name == staff.editor.name and entry.action == "updated"
    assert entry.changes["translations"] == [{}, {"es": {"name": "Casa Esperanza",
                                                         "description": "Un hogar para mujeres."}}]
    public = admin_app.test_client().get(f"/v1/services/{service.id}?lang=es").json
    assert public["name"] == "Casa Esperanza" and public["content_language"]["name"] == "es"
    page, _ = edit_page(editor, url)
    assert " open" in spanish_section(page) and "Casa Esperanza" in page
    history = page_text(editor.get(f"/admin/services/{service.id}/history"))
    assert 'Name: <span lang="es">Casa Esperanza</span>' in history


def test_clearing_a_spanish_text_shows_the_english_again(admin_app, orgs, editor):
    service = f.service("Hope House", org=orgs.a, translations={"es": ServiceTexts(name="Casa Esperanza")})
    url = f"/admin/services/{service.id}/edit"
    _, fields = edit_page(editor, url)
    assert fields["translations-es-name"] == ["Casa Esperanza"]

    editor.post(url, data=fields | {"translations-es-name": ""})

    assert Service.objects.get(id=service.id).translations == {}
    public = admin_app.test_client().get(f"/v1/services/{service.id}?lang=es").json
    assert public["name"] == "Hope House" and public["content_language"]["name"] == "en"


def test_a_spanish_text_too_long_comes_back_beside_its_field_and_nothing_is_saved(orgs, editor):
    service = f.service("Hope House", org=orgs.a)
    url = f"/admin/services/{service.id}/edit"
    _, fields = edit_page(editor, url)

    answer = editor.post(url, data=fields | {"translations-es-status_note": "x" * 301})

    page = page_text(answer)
    assert answer.status_code == 422
    assert " open" in spanish_section(page)
    assert re.search(r'id="translations-es-status_note-errors">.*?field-error', page, re.S)
    assert Service.objects.get(id=service.id).version == service.version


def test_a_places_directions_in_spanish_are_audited_and_public(admin_app, orgs, editor):
    place = f.location(orgs.a, name="Eastside Health Center")
    service = f.service("Eastside Clinic", org=orgs.a, places=[place])
    url = f"/admin/locations/{place.id}/edit"
    _, fields = edit_page(editor, url)

    answer = editor.post(url, data=fields | {"transit": "Bus 12 stops at the door.",
                                             "translations-es-transit": "El autobús 12 para en la puerta."})

    assert answer.status_code == 303, page_text(answer)
    saved = Location.objects.get(id=place.id)
    assert saved.transit == "Bus 12 stops at the door."
    assert saved.translations["es"].transit == "El autobús 12 para en la puerta."
    [entry] = AuditEntry.objects(object_id=place.id)
    assert entry.changes["translations"][1] == {"es": {"transit": "El autobús 12 para en la puerta."}}
    shown = admin_app.test_client().get(f"/v1/services/{service.id}?lang=es").json["locations"][0]
    assert shown["transit"] == "El autobús 12 para en la puerta." and shown["content_language"]["transit"] == "es"
