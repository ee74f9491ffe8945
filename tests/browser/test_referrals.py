"""A warm referral on two phones: the worker finds a bed near a point, shortlists it, prints the sheet and sends the
referral with verbal consent; the receiver accepts it holding the bed (the public API shows one fewer free place at
once); the worker sees accepted, then arrived; after the retention period the client's details are gone and the
network figures still count the referral."""

import re

from playwright.sync_api import expect

from indexer.referrals import ReferralRunner
from tests import factories as f
from tests.admin.conftest import Clock, make_staff
from tests.browser.conftest import PHONE, _context
from tests.browser.sign_in import sign_in

POINT = (39.101, -94.581)


def test_a_warm_referral_from_search_to_arrival_and_nothing_left_over(live_server, browser, phone, browser_log):
    clock = Clock()
    live_server.app.extensions["lantern"].clock = clock
    outreach, bluestem = f.organization("Riverton Outreach"), f.organization("Bluestem Recovery Homes")
    house = f.service("Maple House", category="housing", org=bluestem,
                      places=[f.location(bluestem, lat=POINT[0], lng=POINT[1], confidential=True, area="Northside")],
                      capacity=[f.unit(2, 6, code="bed-women", name="Bed – women")],
                      partner_note="Intake: ask for Dee before 3 pm")
    worker = make_staff("editor", outreach, name="Wes Worker")
    worker.can_refer = True
    worker.save()
    intake = make_staff("editor", bluestem, name="Ivy Intake")
    admin = make_staff("network_admin", name="Nia Network")

    # The worker, with the client beside them: near where they stand, with room now.
    sign_in(phone, live_server, worker)
    phone.get_by_role("link", name="Referrals").click()
    phone.get_by_role("link", name="Find a place").click()
    phone.context.grant_permissions(["geolocation"], origin=live_server.url)
    phone.context.set_geolocation({"latitude": POINT[0], "longitude": POINT[1]})
    phone.get_by_role("button", name="Use my location").click()
    expect(phone.get_by_label("Latitude")).to_have_value("39.10100")
    expect(phone.get_by_label("Longitude")).to_have_value("-94.58100")
    phone.get_by_label("Has room now").check()
    phone.get_by_role("button", name="Search").click()
    card = phone.locator(f"#s-{house.id}")
    expect(card.get_by_text("Intake: ask for Dee before 3 pm")).to_be_visible()
    card.get_by_role("button", name="Add Maple House to the shortlist").click()
    expect(phone.get_by_text("Added to the shortlist.")).to_be_visible()

    phone.goto(f"{live_server.url}/admin/referrals/shortlist")
    phone.get_by_role("link", name="Sheet to print").click()
    phone.emulate_media(media="print")
    expect(phone.get_by_role("img", name="QR code for Maple House")).to_be_visible()
    expect(phone.get_by_text("Call for address")).to_be_visible()
    expect(phone.get_by_role("button", name="Sign out")).to_be_hidden()  # the sheet prints without the admin bar
    assert phone.pdf()[:4] == b"%PDF"
    phone.emulate_media(media="screen")

    phone.get_by_role("link", name="Back to the shortlist").click()
    phone.get_by_role("link", name="Refer to Maple House").click()
    phone.get_by_label("First name or chosen name").fill("Marisol")
    phone.get_by_label("Call the client").check()
    phone.get_by_label("Their phone, only if they want to be contacted").fill("816 555 0147")
    phone.get_by_label("Short note (optional)").fill("Arriving by bus")
    phone.get_by_label("Aloud (verbal)").check()
    phone.get_by_label("I told the client they can withdraw consent at any time").check()
    phone.get_by_label("I attest that the client gave this consent, as recorded here").check()
    phone.get_by_role("button", name="Send the referral").click()
    expect(phone.get_by_text("Sent to Maple House.")).to_be_visible()
    expect(phone.locator(".badge", has_text="Sent")).to_be_visible()
    referral_page = phone.url
    code = phone.locator("strong.code").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{3}-[A-Z2-9]{3}", code)

    # The receiver, on their own phone: the code the client gives finds it; one tap accepts and holds a bed.
    receiver = _context(browser, browser_log, **PHONE).new_page()
    sign_in(receiver, live_server, intake)
    receiver.get_by_role("link", name="Referrals").click()
    receiver.get_by_label("A client says they were sent? Their hand-off code").fill(code.lower())
    receiver.get_by_role("button", name="Look up").click()
    receiver.get_by_role("link", name=re.compile("Maple House")).first.click()
    expect(receiver.get_by_text("Marisol")).to_have_count(0)  # not shown until asked for
    receiver.get_by_role("button", name="Accept and hold a place: Bed – women (2 free)").click()
    expect(receiver.get_by_text("Accepted.")).to_be_visible()
    public = receiver.request.get(f"{live_server.url}/v1/services/{house.id}").json()
    assert public["availability"]["available"] == 1

    phone.goto(referral_page)
    expect(phone.locator(".badge", has_text="Accepted")).to_be_visible()
    receiver.get_by_role("button", name="Arrived").click()
    phone.reload()
    expect(phone.locator(".badge", has_text="Arrived")).to_be_visible()
    phone.get_by_role("link", name="Show the client's details").click()
    expect(phone.get_by_text("Marisol")).to_be_visible()

    # Thirty-one days on, the background sweep has erased the client; the figures still count the referral.
    clock.advance(days=31)
    ReferralRunner(None, live_server.app.config["REFERRAL_RETENTION_DAYS"], clock=clock).run_once()
    sign_in(phone, live_server, worker)  # the old session ended long ago
    phone.goto(referral_page)
    expect(phone.get_by_text("The client's details were erased")).to_be_visible()
    expect(phone.get_by_text("Marisol")).to_have_count(0)
    expect(phone.get_by_role("link", name="Show the client's details")).to_have_count(0)

    sign_in(receiver, live_server, admin)
    receiver.goto(f"{live_server.url}/admin/referrals/figures")
    row = receiver.locator("tr", has_text="Bluestem Recovery Homes")
    expect(row).to_contain_text("<5")  # counted, and a count this small is not shown
    assert browser_log.blocked == [] and browser_log.console_errors == []
