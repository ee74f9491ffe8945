"""A partner imports a spreadsheet: the dry run shows a bad row's error, the fixed file applies, the API lists it."""


from playwright.sync_api import expect

from tests import factories as f
from tests.admin.conftest import make_staff
from tests.browser.sign_in import sign_in

HEADER = "id,name,category,timezone,address_1,city,latitude,longitude,hours,capacity_code,capacity_name,available\n"
GOOD_ROW = "OAK-1,Oak Street House,housing,America/Chicago,40 Oak St,Riverton,39.102,-94.583,MO-FR 09:00-17:00," \
           "bed-men,Bed – men,3\n"
PEER_ROW = "LINE-1,Evening Peer Line,peer_support,America/Chicago,,,,,MO-SU 17:00-22:00,,,\n"


def upload(page, content: str) -> None:
    page.get_by_label("CSV file").set_input_files(
        files=[{"name": "listings.csv", "mimeType": "text/csv", "buffer": content.encode()}])
    page.get_by_role("button", name="Dry run").click()


def test_a_bad_row_is_shown_then_the_fixed_file_is_applied_and_public(live_server, page, browser_log):
    # Created after the live server started (building the app resets the embedded database).
    organization = f.organization("Bluestem Recovery Homes")
    admin = make_staff("org_admin", organization, name="Rosa Partner")
    sign_in(page, live_server, admin)

    page.goto(f"{live_server.url}/admin/organizations/{organization.id}/import")
    upload(page, HEADER + GOOD_ROW.replace("39.102", "north") + PEER_ROW)

    expect(page.locator("#row-2-latitude")).to_contain_text("'north' is not a number in decimal degrees")
    expect(page.get_by_role("button", name="Apply these changes")).to_have_count(0)

    upload(page, HEADER + GOOD_ROW + PEER_ROW)
    expect(page.locator("#plan-counts")).to_contain_text("2 new")
    expect(page.locator("#row-2")).to_contain_text("40 Oak St, Riverton (new place)")
    page.get_by_role("button", name="Apply these changes").click()

    expect(page.locator("#import-summary")).to_have_text("Imported: 2 created, 0 updated, 0 unchanged, 0 errors.")
    listed = page.request.get(f"{live_server.url}/v1/services?q=Oak Street House").json()
    [house] = [item for item in listed["items"] if item["name"] == "Oak Street House"]
    detail = page.request.get(f"{live_server.url}/v1/services/{house['id']}").json()
    assert detail["availability"]["available"] == 3

    page.goto(f"{live_server.url}/admin/organizations/{organization.id}/import")
    upload(page, HEADER + GOOD_ROW + PEER_ROW)  # the same file again
    expect(page.locator("#nothing-to-change")).to_be_visible()
    assert browser_log.blocked == [] and browser_log.console_errors == []
