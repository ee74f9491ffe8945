"""A partner on a phone: signs in, changes a bed count in a few taps, meets a conflict, signs out."""


from playwright.sync_api import expect

from tests import factories as f
from tests.admin.conftest import make_staff
from tests.browser.sign_in import sign_in


def partner_with_a_house(live_server):
    """Created after the live server started (building the app resets the embedded database)."""
    organization = f.organization("Bluestem Recovery Homes")
    house = f.service("Maple House", category="housing", org=organization,
                      capacity=[f.unit(1, 6, hours_ago=100, name="Bed – women")])
    return organization, house, make_staff("org_admin", organization, name="Rosa Partner")


def test_a_bed_count_in_a_few_taps_on_a_phone(live_server, phone, browser_log):
    organization, house, partner = partner_with_a_house(live_server)
    sign_in(phone, live_server, partner)

    phone.get_by_role("link", name="Quick update").click()
    card = phone.locator(f"#s-{house.id}")
    expect(card.get_by_text("Unconfirmed for 4 days")).to_be_visible()
    card.get_by_role("button", name="One more – Bed – women").click()
    expect(phone.get_by_text("Maple House: One more place free.")).to_be_visible()
    expect(phone.locator(f"#s-{house.id} .count")).to_have_text("2")

    public = phone.request.get(f"{live_server.url}/v1/services/{house.id}").json()
    assert public["availability"]["available"] == 2 and public["availability"]["state"] == "available"
    phone.goto(f"{live_server.url}/admin/services/{house.id}/history")
    expect(phone.get_by_text("Rosa Partner").first).to_be_visible()

    phone.get_by_role("button", name="Sign out").click()
    expect(phone.get_by_label("Password")).to_be_visible()
    assert browser_log.blocked == [] and browser_log.console_errors == []


def test_a_stale_page_shows_the_conflict_not_an_overwrite(live_server, browser, phone, page, browser_log):
    organization, house, partner = partner_with_a_house(live_server)
    colleague = make_staff("editor", organization, name="Sam Colleague")
    sign_in(phone, live_server, partner)
    sign_in(page, live_server, colleague)
    for screen in (phone, page):
        screen.goto(f"{live_server.url}/admin/organizations/{organization.id}/quick")

    page.locator(f"#s-{house.id}").get_by_role("button", name="Full – Bed – women").click()
    phone.locator(f"#s-{house.id}").get_by_role("button", name="One more – Bed – women").click()

    expect(phone.get_by_role("heading", name="Maple House was changed while you had it open")).to_be_visible()
    expect(phone.get_by_text("changed by Sam Colleague")).to_be_visible()
    phone.get_by_role("link", name="Keep theirs").click()
    expect(phone.locator(f"#s-{house.id} .count")).to_have_text("0")
    assert browser_log.blocked == []
