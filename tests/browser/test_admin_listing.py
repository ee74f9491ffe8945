"""A partner on a phone creates a listing (weekly hours, a bed count), edits it, and the public API shows it."""


from playwright.sync_api import expect

from api.models import Service
from tests import factories as f
from tests.admin.conftest import make_staff
from tests.browser.sign_in import sign_in


def test_create_and_edit_a_listing_on_a_phone(live_server, phone, browser_log):
    # Created after the live server started: building the app resets the embedded database.
    organization = f.organization("Bluestem Recovery Homes")
    f.location(organization, name="Elm House")
    partner = make_staff("org_admin", organization, name="Rosa Partner")

    sign_in(phone, live_server, partner)

    phone.goto(f"{live_server.url}/admin/organizations/{organization.id}/listings")
    phone.get_by_role("link", name="New listing").click()
    phone.get_by_role("link", name="Recovery housing").click()
    phone.get_by_label("Name", exact=True).fill("Maple House")
    phone.get_by_label("Elm House").check()
    phone.get_by_label("Time zone").fill("America/Chicago")
    phone.locator("#schedules-0-byday").fill("MO, TU, WE, TH, FR")
    phone.locator("#schedules-0-opens_at").fill("09:00")
    phone.locator("#schedules-0-closes_at").fill("17:00")
    phone.locator("#capacity-0-name").fill("Bed – women")
    phone.locator("#capacity-0-available").fill("2")
    phone.locator("#capacity-0-maximum").fill("6")
    phone.get_by_role("button", name="Create listing").click()
    expect(phone.get_by_text("Maple House is listed.")).to_be_visible()

    phone.get_by_role("link", name="Edit Maple House").click()
    expect(phone.locator("#capacity-0-available")).to_have_value("2")
    phone.locator("#capacity-0-available").fill("3")
    phone.get_by_role("button", name="Save changes").click()
    expect(phone.get_by_text("Maple House: saved.")).to_be_visible()

    listing = Service.objects.get(name="Maple House")
    public = phone.request.get(f"{live_server.url}/v1/services/{listing.id}").json()
    assert public["availability"]["available"] == 3
    assert public["availability"]["units"][0]["confirmed_by"] == "Rosa Partner"
    assert public["schedules"][0]["byday"] == ["MO", "TU", "WE", "TH", "FR"]
    assert (public["schedules"][0]["opens_at"], public["schedules"][0]["closes_at"]) == ("09:00", "17:00")
    assert public["locations"][0]["name"] == "Elm House"
    assert browser_log.blocked == [] and browser_log.console_errors == []
