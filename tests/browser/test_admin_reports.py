"""A partner on a phone answers reports from the public: sees what people said and what accepting would change,
accepts one (the public listing follows), rejects another with a reason."""

import re

from playwright.sync_api import expect

from api.models.contact import Phone
from tests import factories as f
from tests.admin.conftest import make_staff
from tests.browser.sign_in import sign_in


def test_a_partner_answers_reports_on_a_phone(live_server, phone, browser_log):
    live_server.app.config["RATE_LIMIT_REPORTS"] = "100 per minute"
    # Created after the live server started: building the app resets the embedded database.
    organization = f.organization("Bluestem Recovery Homes")
    house = f.service("Maple House", category="housing", org=organization, capacity=[f.unit(2, 6)],
                      phones=[Phone(number="816-555-0100")])
    partner = make_staff("org_admin", organization, name="Rosa Partner")
    reports = f"{live_server.url}/v1/services/{house.id}/reports"
    for body in ({"kind": "phone_wrong", "phone": "816-555-0199", "note": "The old number rings out"},
                 {"kind": "phone_wrong", "phone": "816 555 0199"}, {"kind": "full", "note": "No beds, they said"}):
        assert phone.request.post(reports, data=body).status in (200, 201)

    sign_in(phone, live_server, partner)
    phone.get_by_role("link", name="Reports", exact=True).last.click()

    expect(phone.get_by_role("heading", name="Reports · Bluestem Recovery Homes")).to_be_visible()
    cards = phone.locator("section.card")
    expect(cards).to_have_count(2)
    phone_card = cards.filter(has_text="Phone number wrong")
    expect(phone_card.get_by_text("reported by 2 people")).to_be_visible()
    expect(phone_card.get_by_text("The old number rings out")).to_be_visible()
    expect(phone_card.locator("table.diff")).to_contain_text("816-555-0100")
    expect(phone_card.locator("table.diff")).to_contain_text("816-555-0199")
    fits = phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert fits, "the queue scrolls sideways on a phone"

    phone_card.get_by_role("button", name="Accept").click()
    expect(phone.get_by_text("Report accepted: the listing is updated.")).to_be_visible()
    public = phone.request.get(f"{live_server.url}/v1/services/{house.id}").json()
    assert public["phones"][0]["number"] == "816-555-0199"

    full_card = phone.locator("section.card").filter(has_text="Full when shown open")
    full_card.get_by_text("Reject…").click()
    full_card.get_by_label("Why").fill("Checked this morning: two beds are free")
    full_card.get_by_role("button", name="Reject the report").click()
    expect(phone.get_by_text("Report rejected.")).to_be_visible()
    expect(phone.get_by_text("No reports waiting. Thank you.")).to_be_visible()

    phone.goto(f"{live_server.url}/admin/services/{house.id}/history")
    expect(phone.get_by_text(re.compile("from a public report"))).to_be_visible()
    assert browser_log.blocked == [] and browser_log.console_errors == []
