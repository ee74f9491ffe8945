"""Referrals through the admin pages, as the two sides use them on a phone: find, shortlist, print, send with
consent; answer in a tap; each side sees the other's step at once."""

import re
from datetime import timedelta

import pytest

from api.models import Service
from api.models.referral import Referral, ReferralView
from api.models.staff import StaffUser
from tests import factories as f
from tests.admin.conftest import csrf_token, make_staff, page_text, signed_in_client
from tests.conftest import NOW

HOUSE_POINT = (39.101, -94.581)


@pytest.fixture
def sides(admin_app, orgs):
    """A worker at organisation a who may refer; a recovery house of organisation b with its intake worker."""
    house = f.service("Maple House", category="housing", org=orgs.b,
                      places=[f.location(orgs.b, lat=HOUSE_POINT[0], lng=HOUSE_POINT[1], confidential=True,
                                         address_1="12 Hidden Lane", area="Northside")],
                      capacity=[f.unit(2, 6, code="bed-women", name="Bed – women")],
                      partner_note="Intake: ask for Dee before 3 pm")
    far = f.service("Faraway House", category="housing", org=orgs.b,
                    places=[f.location(orgs.b, lat=40.5, lng=-96.0)], capacity=[f.unit(3, 6)])
    worker = make_staff("editor", orgs.a, name="Wes Worker")
    worker.can_refer = True
    worker.save()
    intake = make_staff("editor", orgs.b, name="Ivy Intake")
    return house, far, signed_in_client(admin_app, worker), signed_in_client(admin_app, intake), worker, intake


def send_form(client, house, **overrides):
    data = {"name": "Marisol", "contact_method": "phone", "contact": "816 555 0147", "unit": "bed-women",
            "note": "Arriving by bus", "consent_purpose": "Referral to recovery housing",
            "consent_expires_on": (NOW + timedelta(days=30)).date().isoformat(), "consent_given_as": "verbal",
            "consent_revocable": "yes", "consent_attested": "yes"} | overrides
    token = csrf_token(client, f"/admin/referrals/new?service={house.id}")
    return client.post(f"/admin/referrals/new?service={house.id}", data={**data, "csrf_token": token})


def test_the_worker_finds_shortlists_prints_and_sends(sides):
    house, far, worker, _intake, *_ = sides
    found = page_text(worker.get(f"/admin/referrals/find?lat={HOUSE_POINT[0]}&lng={HOUSE_POINT[1]}&radius_km=5"
                                 "&accepting=1"))
    assert "Maple House" in found and "Faraway House" not in found
    assert "Intake: ask for Dee before 3 pm" in found  # partners see what the public does not
    assert "12 Hidden Lane" not in found  # a confidential address stays one, even for partners elsewhere

    token = csrf_token(worker, "/admin/referrals/find")
    worker.post("/admin/referrals/shortlist", data={"csrf_token": token, "service": house.id})
    sheet = page_text(worker.get("/admin/referrals/sheet"))
    assert "Maple House" in sheet and "Call for address" in sheet and "data:image/svg+xml" in sheet
    assert f"/v1/services/{house.id}" in sheet and "12 Hidden Lane" not in sheet

    answer = send_form(worker, house)
    assert answer.status_code == 303
    referral = Referral.objects.get()
    assert referral.status == "sent" and referral.sender_name == "Wes Worker"
    page = page_text(worker.get(answer.headers["Location"]))
    assert "Marisol" not in page  # hidden until asked for
    assert re.search(r"[A-Z2-9]{3}-[A-Z2-9]{3}", page)
    last_day = (NOW + timedelta(days=30)).date()
    assert f"ends {last_day:%b} {last_day.day}, {last_day.year}" in page  # the day the worker chose, not the next


def test_a_referral_without_consent_is_not_sent_and_says_why(sides):
    house, _far, worker, *_ = sides
    answer = send_form(worker, house, consent_attested="", name="")
    assert answer.status_code == 422
    text = page_text(answer)
    assert "Confirm that the client gave this consent." in text and "Enter the first name" in text
    assert Referral.objects.count() == 0


def test_the_receiver_accepts_holding_a_bed_and_the_worker_sees_it_at_once(admin_app, sides):
    house, _far, worker, intake, *_ = sides
    send_form(worker, house)
    referral = Referral.objects.get()
    inbox = page_text(intake.get("/admin/referrals"))
    assert "Maple House" in inbox and "Marisol" not in inbox

    page = page_text(intake.get(f"/admin/referrals/{referral.id}"))
    assert referral.reload().status == "seen"
    assert "Accept and hold a place: Bed – women (2 free)" in page
    token = csrf_token(intake, f"/admin/referrals/{referral.id}")
    intake.post(f"/admin/referrals/{referral.id}/step", data={"csrf_token": token, "step": "accepted",
                                                              "hold_unit": house.capacity[0].id})

    public = admin_app.test_client().get(f"/v1/services/{house.id}").json
    assert public["availability"]["available"] == 1
    assert "Accepted" in page_text(worker.get(f"/admin/referrals/{referral.id}"))
    intake.post(f"/admin/referrals/{referral.id}/step", data={"csrf_token": token, "step": "arrived"})
    assert "Arrived" in page_text(worker.get("/admin/referrals"))


def test_the_clients_details_show_only_when_asked_and_each_showing_is_recorded(sides):
    house, _far, worker, intake, *_ = sides
    send_form(worker, house)
    referral = Referral.objects.get()
    shown = page_text(intake.get(f"/admin/referrals/{referral.id}?details=1"))
    assert "Marisol" in shown and "816 555 0147" in shown and "Arriving by bus" in shown
    assert [view.viewer_name for view in ReferralView.objects] == ["Ivy Intake"]


def test_a_network_admin_sees_the_referral_but_never_the_client(admin_app, sides, staff):
    house, _far, worker, *_ = sides
    send_form(worker, house)
    referral = Referral.objects.get()
    admin = signed_in_client(admin_app, staff.network_admin)
    page = page_text(admin.get(f"/admin/referrals/{referral.id}?details=1"))
    assert "Maple House" in page and "Marisol" not in page
    assert ReferralView.objects.count() == 0
    assert referral.reload().status == "sent"  # looking is not answering


def test_the_workers_own_words_only_for_the_staff_involved_when_they_ask(admin_app, clock, sides, staff):
    # A programme typed and the consent's purpose can name the client: they are details like the name.
    house, _far, worker, _intake, _worker_account, intake_account = sides
    send_form(worker, house, unit="", requested="Detox bed for Marisol Diaz",
              consent_purpose="Refer Marisol Diaz for opioid detox")
    referral = Referral.objects.get()
    clock.advance(hours=25)  # past half its window, so it tops the receiver's "needs attention" too
    for outsider in (staff.network_admin, staff.org_admin):  # the network's admin; the worker's own admin
        viewer = signed_in_client(admin_app, outsider)
        for url in (f"/admin/referrals/{referral.id}?details=1", "/admin/referrals"):
            assert "Marisol" not in page_text(viewer.get(url))
        seen = viewer.get(f"/admin/api/referrals/{referral.id}").json
        assert "Marisol" not in str(seen) and seen["requested"] == "Maple House"
    intake = signed_in_client(admin_app, intake_account)
    for url in (f"/admin/referrals/{referral.id}", "/admin/referrals", "/admin/quality"):
        assert "Marisol" not in page_text(intake.get(url))  # involved, but nobody asked to see the details yet
    assert ReferralView.objects.count() == 0
    shown = page_text(intake.get(f"/admin/referrals/{referral.id}?details=1"))
    assert "Detox bed for Marisol Diaz" in shown and "Refer Marisol Diaz for opioid detox" in shown
    client = intake.get(f"/admin/api/referrals/{referral.id}/client").json
    assert (client["requested"], client["purpose"]) == ("Detox bed for Marisol Diaz",
                                                        "Refer Marisol Diaz for opioid detox")
    assert sorted((view.viewer_name, view.via) for view in ReferralView.objects) == [("Ivy Intake", "api"),
                                                                                    ("Ivy Intake", "page")]


def test_an_organisation_outside_the_referral_finds_nothing(admin_app, sides):
    house, _far, worker, *_ = sides
    send_form(worker, house)
    referral = Referral.objects.get()
    outsider = signed_in_client(admin_app, make_staff("org_admin", f.organization("Elsewhere")))
    for url in (f"/admin/referrals/{referral.id}", f"/admin/referrals/{referral.id}/card"):
        assert outsider.get(url).status_code == 404
    assert "Maple House" not in page_text(outsider.get("/admin/referrals"))
    assert page_text(outsider.get(f"/admin/referrals?code={referral.code}")).count(referral.service_name) == 0


def test_a_waiting_referral_tops_needs_attention_past_half_its_window(admin_app, clock, sides):
    house, _far, worker, _intake, worker_account, intake_account = sides
    send_form(worker, house)  # housing: 48 hours to answer
    clock.advance(hours=23)  # (sessions end after 30 idle minutes: each look is a fresh sign-in)
    assert "wait for an answer" not in page_text(signed_in_client(admin_app, intake_account).get("/admin/quality"))
    clock.advance(hours=2)
    attention = page_text(signed_in_client(admin_app, intake_account).get("/admin/quality"))
    assert "1 referral waits for an answer" in attention and "Maple House" in attention
    assert "Overdue" in page_text(signed_in_client(admin_app, worker_account).get("/admin/referrals"))


def test_the_receiver_finds_a_referral_by_the_clients_code(sides):
    house, _far, worker, intake, *_ = sides
    send_form(worker, house)
    referral = Referral.objects.get()
    typed = f"{referral.code[:3].lower()} {referral.code[3:].lower()}"
    assert f"/admin/referrals/{referral.id}" in page_text(intake.get(f"/admin/referrals?code={typed}"))


def test_the_hand_off_card_has_the_code_and_the_service_but_not_the_client(sides):
    house, _far, worker, *_ = sides
    send_form(worker, house)
    referral = Referral.objects.get()
    card = page_text(worker.get(f"/admin/referrals/{referral.id}/card"))
    assert f"{referral.code[:3]}-{referral.code[3:]}" in card and "Maple House" in card
    assert "Marisol" not in card and "816 555 0147" not in card


def test_only_referring_staff_reach_the_worker_pages(admin_app, sides, staff):
    editor = signed_in_client(admin_app, staff.editor)
    for url in ("/admin/referrals/find", "/admin/referrals/shortlist", "/admin/referrals/sheet",
                f"/admin/referrals/new?service={sides[0].id}"):
        assert editor.get(url).status_code == 404


def test_an_admin_grants_the_referring_permission(admin_app, staff):
    manager = signed_in_client(admin_app, staff.org_admin)
    token = csrf_token(manager, "/admin/staff")
    manager.post(f"/admin/staff/{staff.editor.id}/referring", data={"csrf_token": token, "can_refer": "1"})
    assert staff.editor.reload().can_refer
    assert signed_in_client(admin_app, staff.editor).get("/admin/referrals/find").status_code == 200


def test_figures_page_and_csv_suppress_small_counts(admin_app, clock, sides, staff):
    house, _far, worker, *_ = sides
    send_form(worker, house)
    clock.advance(days=8)  # December 2nd: November, the last month that has ended, is shown
    admin = signed_in_client(admin_app, staff.network_admin)
    assert "&lt;5" in page_text(admin.get("/admin/referrals/figures"))
    csv = page_text(admin.get("/admin/referrals/figures.csv"))
    assert csv.splitlines()[0].startswith("organisation,category,sent")
    assert "Southside Housing,housing,<5" in csv and "Marisol" not in csv
    assert signed_in_client(admin_app, staff.editor).get("/admin/referrals/figures").status_code == 404


def test_figures_come_only_for_whole_months_that_have_ended(admin_app, clock, sides, staff):
    # Six referrals one day and one the next: a table of the first day set against one of both days would give the
    # seventh away, however each table hides its small counts. No table covers less than a whole month.
    house, _far, worker, _intake, worker_account, _intake_account = sides
    for _ in range(6):
        send_form(worker, house)
    clock.advance(days=1)
    send_form(signed_in_client(admin_app, worker_account), house)
    clock.advance(days=7)  # December 2nd
    admin = signed_in_client(admin_app, staff.org_admin)
    whole = page_text(admin.get("/admin/referrals/figures.csv"))
    assert "Southside Housing,housing,7," in whole
    for asked in ("since=2026-11-24&until=2026-11-24", "since=2026-11-25&until=2026-11-25", "month=2026-12"):
        assert page_text(admin.get(f"/admin/referrals/figures.csv?{asked}")) == whole
    page = page_text(admin.get("/admin/referrals/figures"))
    assert 'value="2026-11" selected' in page and 'value="2026-12"' not in page
    assert admin.get("/admin/api/referrals/figures").json["month"] == "2026-11"
    refused = admin.get("/admin/api/referrals/figures?month=2026-12")
    assert refused.status_code == 422 and "month" in refused.json["errors"]["query"]
    assert admin.get("/admin/api/referrals/figures?month=2026-11-24").status_code == 422


def test_held_bed_counts_are_not_taken_twice_by_a_double_tap(sides):
    house, _far, worker, intake, *_ = sides
    send_form(worker, house)
    referral = Referral.objects.get()
    token = csrf_token(intake, f"/admin/referrals/{referral.id}")
    for _ in range(2):
        intake.post(f"/admin/referrals/{referral.id}/step", data={"csrf_token": token, "step": "accepted",
                                                                  "hold_unit": house.capacity[0].id})
    assert Service.objects.get(id=house.id).capacity[0].available == 1


def test_the_demo_has_an_outreach_worker_who_may_refer(admin_app):
    from seeds import staff as demo
    partner, outreach = f.organization("Harbor House"), f.organization("Street Team")
    f.service(org=partner, category="housing")
    f.service(org=outreach, category="peer_support")
    demo.seed_demo_staff()
    worker = StaffUser.objects.get(email=demo.WORKER_EMAIL)
    assert worker.can_refer and worker.organization == outreach.id
    client = signed_in_client(admin_app, demo.WORKER_EMAIL, demo.DEMO_PASSWORD)
    assert client.get("/admin/referrals/find").status_code == 200
