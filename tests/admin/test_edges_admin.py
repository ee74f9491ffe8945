"""The admin area at the edge: a huge form is refused before it is read or spooled, and behind the trusted proxy
the one-time links it hands out are https://."""

import re

from api.cli.serving import build_app
from tests import factories
from tests.admin.conftest import form_post, make_staff, page_text, sign_in
from tests.admin.test_staff import invite
from tests.api.test_edges import MB, CountingBody
from tests.conftest import make_config


def test_a_300_mb_sign_in_form_is_refused_unread_with_a_page(admin_client):
    body = CountingBody(300 * MB)
    answer = admin_client.post("/admin/login", input_stream=body,
                               content_type="multipart/form-data; boundary=lantern")
    assert answer.status_code == 413 and answer.mimetype == "text/html"
    assert body.read_bytes == 0  # nothing parsed, nothing spooled to disk before CSRF could refuse it


def test_an_ordinary_sign_in_still_fits(admin_client, staff):
    assert sign_in(admin_client, staff.org_admin).status_code == 302


def test_invitation_links_are_https_behind_a_proxy_that_says_so(storage, clock):
    app = build_app(make_config(TRUSTED_PROXIES="1"))
    app.extensions["lantern"].clock = clock
    organization = factories.organization("Northside Recovery")
    org_admin = make_staff("org_admin", organization)
    client = app.test_client()
    # What the TLS proxy adds to every request it passes on; and the Referer a browser sends under the admin
    # pages' Referrer-Policy (Flask-WTF checks it on every HTTPS form).
    client.environ_base.update(HTTP_X_FORWARDED_PROTO="https", HTTP_X_FORWARDED_FOR="198.51.100.7",
                               HTTP_REFERER="https://localhost/admin/login")
    assert client.get("/admin/login").headers["Referrer-Policy"] == "same-origin"
    signed_in = sign_in(client, org_admin)
    assert signed_in.status_code == 302, page_text(signed_in)
    answer = invite(client, organization=organization.id)
    link = re.search(r'id="one-time-link" value="([^"]+)"', page_text(answer)).group(1)
    assert link.startswith("https://localhost/admin/invitations/")


def test_without_a_trusted_proxy_a_forged_scheme_changes_nothing(admin_app, staff, orgs):
    client = admin_app.test_client()
    client.environ_base.update(HTTP_X_FORWARDED_PROTO="https")
    assert sign_in(client, staff.org_admin).status_code == 302
    answer = form_post(client, "/admin/staff/invite", {"name": "Robin Reyes", "email": "robin@partner.example",
                                                       "role": "editor", "organization": orgs.a.id},
                       page="/admin/staff")
    assert 'value="http://localhost/admin/invitations/' in page_text(answer)
