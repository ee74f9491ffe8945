"""A partner on a phone gives a listing its Spanish name and description in the editor's "Español" section, and a
Spanish reader of the public API gets them (with the English where none was given)."""

from playwright.sync_api import expect

from api.models import Service
from api.services import accounts
from tests import factories as f
from tests.admin.conftest import make_staff
from tests.browser.sign_in import sign_in


def test_a_partner_gives_a_listing_its_spanish_on_a_phone(live_server, phone, browser_log):
    # Created after the live server started: building the app resets the embedded database.
    organization = f.organization("Eastside Health")
    listing = f.service("Eastside Recovery Clinic", category="clinical", org=organization,
                        description="Same-week buprenorphine starts.", status_note="Closed Friday for training.")
    partner = make_staff("org_admin", organization, name="Rosa Partner")
    sign_in(phone, live_server, partner)
    accounts.choose_language(partner, "es")  # the partner area in Spanish from the next page: the labels too
    phone.goto(f"{live_server.url}/admin/services/{listing.id}/edit")
    section = phone.locator("#translations-es")
    expect(section.locator("#translations-es-name")).to_be_hidden()  # closed: one line on a phone
    section.get_by_text("Español", exact=True).click()
    phone.get_by_label("Nombre – Español").fill("Clínica de Recuperación Eastside")
    phone.get_by_label("Qué ofrece – Español").fill("Inicio de buprenorfina en la misma semana.")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    phone.get_by_role("button", name="Guardar cambios").click()
    expect(phone.locator(".flash, [role=status]").first).to_be_visible()

    saved = Service.objects.get(id=listing.id)
    assert saved.translations["es"].name == "Clínica de Recuperación Eastside"
    public = phone.request.get(f"{live_server.url}/v1/services/{listing.id}?lang=es").json()
    assert public["name"] == "Clínica de Recuperación Eastside"
    assert public["status_note"] == "Closed Friday for training."
    assert public["content_language"] == {"name": "es", "description": "es", "status_note": "en"}
    assert browser_log.blocked == [] and browser_log.console_errors == []
