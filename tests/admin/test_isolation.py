"""Tenant isolation: every admin route with an object in its URL refuses another organisation's object.

The routes are read from the app itself, so a route added later is covered (or fails here for want of a sample).
"""

import pytest

from api.interop.imports import pending as pending_imports
from api.interop.meeting_guide import subscriptions as feed_subscriptions
from api.models import Service
from api.models.audit import AuditEntry
from api.models.referral import Referral
from api.models.report import Report
from api.models.staff import StaffUser
from tests import factories as f
from tests.admin.conftest import csrf_token, signed_in_client
from tests.admin.referral_samples import referral_between
from tests.conftest import NOW

# Routes anyone may open: a one-time token is their only key.
PUBLIC = {"admin.login", "admin.logout", "admin.accept_invitation", "admin.reset_password", "admin.static"}


@pytest.fixture
def theirs(admin_app, orgs, staff):
    """Organisation b's objects, one for each kind of id an admin URL can carry."""
    house = f.service("Their house", category="housing", org=orgs.b, capacity=[f.unit(1, 4)])
    their_upload = pending_imports.keep("csv", orgs.b.id, staff.other_org_admin.id, "theirs.csv",
                                        b"id,name,category\nT1,Theirs,crisis\n", "-", NOW, NOW)
    their_feed = feed_subscriptions.register(orgs.b.id, "https://b.example/feed.json", "b", 24, None, "aa",
                                             staff.other_org_admin.id)
    their_report = Report(service=house.id, organization=orgs.b.id, kind="full", key="full").save()
    # A referral between b and a third organisation: a's staff have no part in it.
    their_referral = referral_between(admin_app, orgs.b, f.organization("Third Org"))
    return {"organization_id": orgs.b.id, "service_id": house.id, "user_id": staff.other_editor.id,
            "plan_id": their_upload, "location_id": f.location(orgs.b, name="Their place").id,
            "referral_id": their_referral.id,
            "feed_id": their_feed.id, "report_id": their_report.id}


def admin_routes(app):
    return [rule for rule in app.url_map.iter_rules()
            if rule.endpoint.startswith(("admin.", "admin_api.")) and rule.endpoint not in PUBLIC]


@pytest.mark.parametrize("role", ["org_admin", "editor"])
def test_no_route_reaches_another_organisations_objects(admin_app, staff, theirs, role):
    client = signed_in_client(admin_app, getattr(staff, role))
    token = csrf_token(client, "/admin/")
    service_before = Service.objects.get(id=theirs["service_id"]).version
    audited_before = AuditEntry.objects.count()
    checked = 0
    for rule in admin_routes(admin_app):
        if not rule.arguments:
            continue
        assert rule.arguments <= set(theirs), f"{rule.endpoint}: no sample for {rule.arguments - set(theirs)}"
        url = rule.build(theirs, append_unknown=False)[1]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            data = {"csrf_token": token, "version": service_before, "action": "inc", "unit": "x",
                    "name": "Mallory", "email": "m@example.org", "role": "editor"}
            answer = client.open(url, method=method, data=data if method == "POST" else None)
            assert answer.status_code == 404, f"{method} {url} ({rule.endpoint}) answered {answer.status_code}"
            checked += 1
    assert checked >= 6
    assert Service.objects.get(id=theirs["service_id"]).version == service_before
    assert AuditEntry.objects.count() == audited_before
    assert StaffUser.objects.get(id=theirs["user_id"]).active
    referral = Referral.objects.get(id=theirs["referral_id"])
    assert referral.status == "sent" and referral.sealed and not referral.consent.revoked_at
    assert Report.objects.get(id=theirs["report_id"]).state == "open"


def test_tampering_with_a_form_cannot_move_an_edit_to_another_organisation(admin_app, staff, orgs, theirs):
    ours = f.service("Our house", category="housing", org=orgs.a, capacity=[f.unit(1, 4)])
    client = signed_in_client(admin_app, staff.editor)
    token = csrf_token(client, "/admin/")
    # Our listing's version and our unit's id, posted to their listing's URL.
    answer = client.post(f"/admin/services/{theirs['service_id']}/quick",
                         data={"csrf_token": token, "version": ours.version, "action": "inc",
                               "unit": ours.capacity[0].id})
    assert answer.status_code == 404
    assert Service.objects.get(id=theirs["service_id"]).capacity[0].available == 1


def test_a_network_admin_reaches_every_organisation(admin_app, staff, theirs):
    client = signed_in_client(admin_app, staff.network_admin)
    assert client.get(f"/admin/organizations/{theirs['organization_id']}/quick").status_code == 200
    assert client.get(f"/admin/services/{theirs['service_id']}/history").status_code == 200


def test_signed_out_every_route_asks_to_sign_in(admin_app, theirs):
    client = admin_app.test_client()
    for rule in admin_routes(admin_app):
        url = rule.build(theirs, append_unknown=False)[1]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            answer = client.open(url, method=method)
            if rule.endpoint.startswith("admin_api."):  # the JSON API says so rather than redirecting
                assert answer.status_code == 401, (method, url)
                continue
            # A POST without a session has no CSRF token either: refused before anything else.
            assert answer.status_code in ((302,) if method == "GET" else (302, 400)), (method, url)
            if answer.status_code == 302:
                assert "/admin/login" in answer.headers["Location"]
