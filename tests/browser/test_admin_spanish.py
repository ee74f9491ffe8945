"""A partner who chose Spanish, on a phone whose browser asks for English: the sign-in page follows the browser, and
once signed in the partner area speaks Spanish (quick update, its message, the history, signing out)."""

import re

from playwright.sync_api import expect

from api.services import accounts
from tests.admin.conftest import PASSWORD
from tests.browser.test_admin_quick_update import partner_with_a_house


def test_a_partner_who_chose_spanish_updates_a_bed_count_in_spanish_on_a_phone(live_server, phone, browser_log):
    organization, house, partner = partner_with_a_house(live_server)
    accounts.choose_language(partner, "es")

    phone.goto(live_server.url + "/admin/")
    expect(phone.locator("html")).to_have_attribute("lang", "en")  # nobody is signed in: the browser's language
    phone.get_by_label("Email").fill(partner.email)
    phone.get_by_label("Password").fill(PASSWORD)
    phone.get_by_role("button", name="Sign in").click()

    expect(phone.get_by_role("heading", name="Hola, Rosa Partner")).to_be_visible()
    expect(phone.locator("html")).to_have_attribute("lang", "es")
    phone.get_by_role("link", name="Actualización rápida").click()
    card = phone.locator(f"#s-{house.id}")
    expect(card.get_by_text("Sin confirmar desde hace 4 días")).to_be_visible()
    card.get_by_role("button", name="Uno más – Bed – women").click()
    expect(phone.get_by_text("Maple House: Un lugar libre más.")).to_be_visible()
    expect(phone.locator(f"#s-{house.id} .count")).to_have_text("2")
    expect(phone.get_by_role("button", name="Sigue vigente")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # Spanish is longer

    card.get_by_role("link", name="Historial").click()
    expect(phone.get_by_text(re.compile(r"Rosa Partner actualizó Maple House"))).to_be_visible()

    phone.get_by_role("button", name="Cerrar sesión").click()
    expect(phone.get_by_text("Cerró sesión.")).to_be_visible()  # said in the language of the one leaving
    expect(phone.get_by_label("Password")).to_be_visible()  # and the sign-in page is the browser's again
    assert browser_log.blocked == [] and browser_log.console_errors == []
