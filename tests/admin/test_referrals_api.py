"""The referrals' JSON API under the admin session: the same scoping as the pages, the client only to the staff
involved (each read recorded), CSRF on every change, and all of it in the OpenAPI document."""

from datetime import timedelta

import pytest
from openapi_spec_validator import validate

from api.models.referral import Referral, ReferralAlert, ReferralView
from api.models.staff import StaffSession, StaffUser
from tests import factories as f
from tests.admin.conftest import csrf_token, form_post, make_staff, page_text, sign_in, signed_in_client
from tests.admin.referral_samples import referral_between
from tests.admin.test_staff import NEW_PASSWORD, choose_password, one_time_link
from tests.conftest import NOW

API = "/admin/api/referrals"


class Session:
    """A signed-in client that sends the CSRF header as an app would."""

    def __init__(self, app, user):
        self.client = signed_in_client(app, user)
        self.token = self.client.get(f"{API}/csrf-token").json["csrf_token"]

    def get(self, url, **kwargs):
        return self.client.get(url, **kwargs)

    def send(self, method, url, json=None):
        return self.client.open(url, method=method, json=json, headers={"X-CSRFToken": self.token})


@pytest.fixture
def people(admin_app, orgs):
    worker = make_staff("editor", orgs.a, name="Wes Worker")
    worker.can_refer = True
    worker.save()
    house = f.service("Maple House", category="housing", org=orgs.b, capacity=[f.unit(2, 6, code="bed-women")])
    return house, Session(admin_app, worker), Session(admin_app, make_staff("editor", orgs.b, name="Ivy Intake"))


def new_referral(house, **overrides):
    return {"service": house.id, "unit": "bed-women", "name": "Marisol", "contact_method": "phone",
            "contact": "816 555 0147", "note": "Arriving by bus", "consent_given_as": "verbal",
            "consent_purpose": "Referral to recovery housing",
            "consent_expires_on": (NOW + timedelta(days=30)).date().isoformat(), "consent_revocable": True,
            "consent_attested": True} | overrides


def test_send_answer_and_follow_through_the_api(admin_app, people):
    house, worker, intake = people
    created = worker.send("POST", API, new_referral(house))
    assert created.status_code == 201, created.json
    body = created.json
    assert body["status"] == "sent" and body["fhir_task_status"] == "requested" and "Marisol" not in str(body)

    inbox = intake.get(f"{API}?box=inbox").json["items"]
    assert [item["id"] for item in inbox] == [body["id"]]
    assert intake.get(f"{API}/{body['id']}").json["status"] == "seen"
    accepted = intake.send("POST", f"{API}/{body['id']}/steps",
                           {"step": "accepted", "hold_unit": house.capacity[0].id})
    assert accepted.json["status"] == "accepted" and accepted.json["fhir_task_status"] == "accepted"
    assert admin_app.test_client().get(f"/v1/services/{house.id}").json["availability"]["available"] == 1
    assert worker.get(f"{API}/{body['id']}").json["status"] == "accepted"
    again = intake.send("POST", f"{API}/{body['id']}/steps", {"step": "accepted"})
    assert again.status_code == 409


def test_the_client_only_to_the_staff_involved_and_each_read_recorded(admin_app, people, staff):
    house, worker, intake = people
    referral_id = worker.send("POST", API, new_referral(house)).json["id"]
    assert intake.get(f"{API}/{referral_id}/client").json["name"] == "Marisol"
    network = Session(admin_app, staff.network_admin)
    assert network.get(f"{API}/{referral_id}").status_code == 200
    assert network.get(f"{API}/{referral_id}/client").status_code == 403
    assert [(view.viewer_name, view.via) for view in ReferralView.objects] == [("Ivy Intake", "api")]
    worker.send("POST", f"{API}/{referral_id}/consent/revoke")
    assert intake.get(f"{API}/{referral_id}/client").status_code == 410


def test_a_session_a_one_time_link_started_opens_no_client_until_a_password_sign_in(admin_app, people, staff):
    # The worker's own admin, not involved, issues them a reset link and uses it: signed in as the worker, they
    # would otherwise read the worker's clients, recorded under the worker's name.
    house, worker, _intake = people
    referral_id = worker.send("POST", API, new_referral(house)).json["id"]
    account = StaffUser.objects.get(name="Wes Worker")
    boss = signed_in_client(admin_app, staff.org_admin)
    link = one_time_link(form_post(boss, f"/admin/staff/{account.id}/reset", page="/admin/staff"))
    browser = admin_app.test_client()
    assert choose_password(browser, link).status_code == 302
    refused = browser.get(f"{API}/{referral_id}/client")
    assert refused.status_code == 403 and "Marisol" not in page_text(refused)
    page = page_text(browser.get(f"/admin/referrals/{referral_id}?details=1"))
    assert "Marisol" not in page and "sign in with your email and password" in page
    assert ReferralView.objects.count() == 0
    (started,) = StaffSession.objects(user=account.id, through_link=True)
    assert started.link_issued_by == staff.org_admin.id  # who issued the link, on the session it started

    browser.post("/admin/logout", data={"csrf_token": csrf_token(browser, "/admin/")})
    sign_in(browser, account, NEW_PASSWORD)  # the worker, with the password only they should know
    assert browser.get(f"{API}/{referral_id}/client").json["name"] == "Marisol"


def test_another_organisation_gets_404_for_every_referral_route(admin_app, orgs, people):
    theirs = referral_between(admin_app, orgs.b, f.organization("Third Org"))
    outsider = Session(admin_app, make_staff("org_admin", orgs.a))
    routes = [rule for rule in admin_app.url_map.iter_rules()
              if rule.endpoint.startswith("admin_api.") and "referral_id" in rule.arguments]
    assert len(routes) >= 5
    for rule in routes:
        url = rule.build({"referral_id": theirs.id}, append_unknown=False)[1]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            assert outsider.send(method, url, {"step": "accepted"}).status_code == 404, (method, url)
    assert Referral.objects.get(id=theirs.id).status == "sent" and ReferralView.objects.count() == 0


def test_changes_need_the_csrf_header_and_a_session(admin_app, people):
    house, worker, _intake = people
    refused = worker.client.post(API, json=new_referral(house))
    assert refused.status_code == 400 and Referral.objects.count() == 0
    assert admin_app.test_client().get(API).status_code == 401
    assert admin_app.test_client().get(f"{API}/csrf-token").status_code == 401


def test_bad_input_is_a_422_naming_the_fields(people):
    house, worker, _intake = people
    answer = worker.send("POST", API, new_referral(house, name="", consent_attested=False, contact_method="fax"))
    assert answer.status_code == 422
    assert "contact_method" in answer.json["errors"]["json"]
    answer = worker.send("POST", API, new_referral(house, name="", consent_attested=False))
    assert answer.status_code == 422 and {"name", "consent_attested"} <= set(answer.json["errors"]["json"])


def test_staff_register_a_phone_for_alerts(people):
    _house, _worker, intake = people
    assert intake.send("PUT", f"{API}/alerts", {"token": "fcm-token-1", "platform": "android"}).json["phones"] == 1
    assert ReferralAlert.objects.get().token == "fcm-token-1"
    assert intake.send("DELETE", f"{API}/alerts", {}).json["phones"] == 0


def test_the_api_is_in_the_openapi_document_with_its_security(admin_app):
    spec = admin_app.test_client().get("/openapi.json").json
    validate(spec)
    assert f"{API}/{{referral_id}}/client" in spec["paths"]
    assert spec["components"]["securitySchemes"]["csrfToken"]["name"] == "X-CSRFToken"
    assert spec["paths"][API]["post"]["security"] == [{"adminSession": [], "csrfToken": []}]
    assert "Marisol" not in str(spec)
