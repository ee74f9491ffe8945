"""Signing in and out: one answer for every refusal, lockout, throttling, safe redirects, cookies, CSRF, headers."""

import re
from datetime import timedelta

import pytest
from argon2 import PasswordHasher

from admin.sessions import KNOWN_BROWSER_COOKIE
from api.cli.serving import build_app
from api.models.staff import StaffUser
from api.services import accounts, invitations
from tests.admin.conftest import PASSWORD, csrf_token, form_post, make_staff, page_text, sign_in, signed_in_client
from tests.conftest import make_config
from tests.factories import organization, service


def test_signing_in_opens_the_admin_area(admin_client, staff):
    answer = sign_in(admin_client, staff.editor)
    assert answer.status_code == 302 and answer.headers["Location"] == "/admin/"
    home = admin_client.get("/admin/")
    assert home.status_code == 200 and f"Hello, {staff.editor.name}" in page_text(home)


def test_the_admin_area_sends_a_stranger_to_sign_in(admin_client):
    answer = admin_client.get("/admin/staff")
    assert answer.status_code == 302 and answer.headers["Location"].startswith("/admin/login?next=")


def test_the_email_is_not_case_sensitive(admin_client, staff):
    assert sign_in(admin_client, staff.editor.email.upper()).status_code == 302


def test_an_unknown_email_and_a_wrong_password_get_the_same_answer(admin_client, staff):
    unknown = sign_in(admin_client, "nobody@staff.example")
    wrong = sign_in(admin_client, staff.editor, "not the password at all")
    assert unknown.status_code == wrong.status_code == 200
    assert refusal(unknown) == refusal(wrong) == accounts.sign_in_refused()
    assert admin_client.get("/admin/").status_code == 302  # still signed out


def test_an_invited_person_who_has_not_chosen_a_password_cannot_sign_in(admin_client, staff, orgs, clock):
    invitations.invite("invited@staff.example", "Invited", "editor", orgs.a.id, None, clock())
    invited = "invited@staff.example"
    assert refusal(sign_in(admin_client, invited, "")) is None  # the form asks for a password first
    assert refusal(sign_in(admin_client, invited, "anything at all")) == accounts.sign_in_refused()


def test_wrong_passwords_make_each_next_try_wait_longer(admin_client, staff, clock):
    for _ in range(accounts.FREE_FAILURES):
        assert refusal(sign_in(admin_client, staff.editor, "wrong password!")) == accounts.sign_in_refused()
    waiting = sign_in(admin_client, staff.editor)  # the right password, during the wait
    assert waiting.status_code == 200 and refusal(waiting) == accounts.sign_in_refused()
    clock.advance(seconds=31)
    assert refusal(sign_in(admin_client, staff.editor, "wrong again!")) == accounts.sign_in_refused()
    clock.advance(seconds=31)
    assert refusal(sign_in(admin_client, staff.editor)) == accounts.sign_in_refused()  # now a minute's wait
    clock.advance(seconds=30)
    assert sign_in(admin_client, staff.editor).status_code == 302
    assert StaffUser.objects.get(id=staff.editor.id).failed_logins == 0


def test_a_stranger_guessing_cannot_keep_the_owner_out(admin_app, staff, clock):
    owners_phone = signed_in_client(admin_app, staff.editor)
    form_post(owners_phone, "/admin/logout", page="/admin/")
    stranger = admin_app.test_client()
    for _ in range(accounts.FREE_FAILURES + 2):  # and again as soon as each wait is over: the account never rests
        sign_in(stranger, staff.editor, "a guess at it")
        clock.advance(minutes=1, seconds=1)
    assert refusal(sign_in(admin_app.test_client(), staff.editor)) == accounts.sign_in_refused()  # a new browser waits

    assert sign_in(owners_phone, staff.editor).status_code == 302  # the owner's own browser does not
    stored = StaffUser.objects.get(id=staff.editor.id)
    assert stored.failed_logins == accounts.FREE_FAILURES + 2 and stored.throttled_until is not None


def test_the_owners_browser_waits_after_wrong_tries_of_its_own(admin_app, staff):
    phone = signed_in_client(admin_app, staff.editor)
    form_post(phone, "/admin/logout", page="/admin/")
    for _ in range(accounts.FREE_FAILURES):
        sign_in(phone, staff.editor, "my old password?")
    assert refusal(sign_in(phone, staff.editor)) == accounts.sign_in_refused()
    assert sign_in(admin_app.test_client(), staff.editor).status_code == 302  # its count is its own


def test_a_forged_known_browser_cookie_counts_for_nothing(admin_app, staff):
    stranger = admin_app.test_client()
    stranger.set_cookie(KNOWN_BROWSER_COOKIE, staff.editor.id, path="/admin")
    for _ in range(accounts.FREE_FAILURES):
        sign_in(stranger, staff.editor, "a guess at it")
    assert StaffUser.objects.get(id=staff.editor.id).failed_logins == accounts.FREE_FAILURES


def test_a_success_before_the_fifth_failure_starts_the_count_again(admin_client, staff):
    for _ in range(accounts.FREE_FAILURES - 1):
        sign_in(admin_client, staff.editor, "wrong password!")
    assert sign_in(admin_client, staff.editor).status_code == 302
    assert StaffUser.objects.get(id=staff.editor.id).failed_logins == 0


def test_brute_force_from_one_address_is_throttled_with_an_html_page(admin_client, staff):
    # Spread over many accounts, so no lockout is reached: the address limit must stop it.
    others = [make_staff("editor", staff.editor.organization) for _ in range(3)]
    answers = [sign_in(admin_client, others[attempt % 3], "guess number %d" % attempt) for attempt in range(10)]
    assert all(answer.status_code == 200 for answer in answers)
    throttled = sign_in(admin_client, staff.editor)  # even the right password waits
    assert throttled.status_code == 429
    assert throttled.mimetype == "text/html" and "Too many tries" in page_text(throttled)
    assert admin_client.get("/admin/login").status_code == 200  # reading the form is not limited


def test_signing_out_ends_the_session(admin_client, staff):
    sign_in(admin_client, staff.editor)
    answer = form_post(admin_client, "/admin/logout", page="/admin/")
    assert answer.status_code == 302 and answer.headers["Location"] == "/admin/login"
    assert admin_client.get("/admin/").status_code == 302


def copy_of(app, client):
    """A second browser holding a copy of client's session cookie (as anyone who saw it could make)."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def test_a_cookie_copied_before_signing_out_stops_working(admin_app, staff):
    editor = signed_in_client(admin_app, staff.editor)
    thief = copy_of(admin_app, editor)
    assert thief.get("/admin/").status_code == 200

    form_post(editor, "/admin/logout", page="/admin/")

    assert thief.get("/admin/").status_code == 302
    assert editor.get("/admin/").status_code == 302


def test_signing_out_ends_only_that_browsers_session(admin_app, staff):
    phone, laptop = signed_in_client(admin_app, staff.editor), signed_in_client(admin_app, staff.editor)
    form_post(phone, "/admin/logout", page="/admin/")
    assert laptop.get("/admin/").status_code == 200


def test_a_session_ends_after_the_idle_timeout_and_use_keeps_it_alive(admin_app, staff, clock):
    idle = admin_app.config["ADMIN_SESSION_IDLE_MINUTES"]
    busy, quiet = signed_in_client(admin_app, staff.editor), signed_in_client(admin_app, staff.editor)
    for _ in range(3):
        clock.advance(minutes=idle - 1)
        assert busy.get("/admin/").status_code == 200
    assert quiet.get("/admin/").status_code == 302  # idle for 3 × (idle - 1) minutes
    clock.advance(minutes=idle)
    answer = busy.get("/admin/staff")
    assert answer.status_code == 302 and answer.headers["Location"].startswith("/admin/login")


def test_a_session_ends_after_its_lifetime_however_busy(admin_app, staff, clock):
    editor = signed_in_client(admin_app, staff.editor)
    for _ in range(int(admin_app.config["ADMIN_SESSION_MAX_HOURS"] * 4) - 1):
        clock.advance(minutes=15)
        assert editor.get("/admin/").status_code == 200
    clock.advance(minutes=15)
    assert editor.get("/admin/").status_code == 302
    assert sign_in(editor, staff.editor).status_code == 302  # signing in again opens a new one


def test_session_lengths_come_from_configuration(storage, clock):
    app = build_app(make_config(ADMIN_SESSION_IDLE_MINUTES="5", ADMIN_SESSION_MAX_HOURS="1"))
    app.extensions["lantern"].clock = clock
    editor = signed_in_client(app, make_staff("editor", organization("Northside Recovery")))
    clock.advance(minutes=5)
    assert editor.get("/admin/").status_code == 302
    assert app.permanent_session_lifetime == timedelta(hours=1)  # Flask refuses older cookies too


def test_signing_out_is_a_post(admin_client, staff):
    sign_in(admin_client, staff.editor)
    assert admin_client.get("/admin/logout").status_code == 405
    assert admin_client.get("/admin/").status_code == 200


@pytest.mark.parametrize("url", ["/admin/login", "/admin/logout", "/admin/staff/invite"])
def test_a_form_without_its_csrf_token_is_refused(admin_client, staff, url):
    sign_in(admin_client, staff.org_admin)
    answer = admin_client.post(url, data={"email": staff.editor.email, "password": PASSWORD, "name": "X",
                                          "role": "editor", "organization": staff.org_admin.organization})
    assert answer.status_code == 400 and answer.mimetype == "text/html"
    assert admin_client.get("/admin/").status_code == 200  # the logout did not happen
    assert StaffUser.objects(name="X").count() == 0


def test_a_csrf_token_from_another_session_is_refused(admin_app, staff):
    token = csrf_token(admin_app.test_client())
    answer = admin_app.test_client().post("/admin/login", data={"email": staff.editor.email, "password": PASSWORD,
                                                                 "csrf_token": token})
    assert answer.status_code == 400


@pytest.mark.parametrize("target, lands", [
    ("/admin/staff", "/admin/staff"),
    ("/admin/staff?x=1", "/admin/staff?x=1"),
    ("https://evil.example/admin/", "/admin/"),
    ("//evil.example/admin/", "/admin/"),
    ("/\\evil.example", "/admin/"),
    ("/v1/services", "/admin/"),
    ("javascript:alert(1)", "/admin/"),
    ("/admin/staff\r\nSet-Cookie: x=1", "/admin/"),
    ("/admin/staff\nLocation: //evil.example", "/admin/"),
    ("/admin/\x00staff", "/admin/"),
    ("/admin/ staff", "/admin/"),
])
def test_after_signing_in_only_admin_paths_on_this_site_are_followed(admin_client, staff, target, lands):
    token = csrf_token(admin_client)
    answer = admin_client.post("/admin/login", data={"email": staff.editor.email, "password": PASSWORD,
                                                     "next": target, "csrf_token": token})
    assert answer.headers["Location"] == lands


def test_the_cookies_are_httponly_and_samesite(admin_client, staff):
    cookies = {header.split("=", 1)[0]: header for header in sign_in(admin_client, staff.editor).headers.getlist(
        "Set-Cookie")}
    assert "HttpOnly" in cookies["session"] and "SameSite=Lax" in cookies["session"]
    known = cookies[KNOWN_BROWSER_COOKIE]
    assert "HttpOnly" in known and "SameSite=Strict" in known and "Path=/admin" in known
    assert staff.editor.email not in known and "Secure" not in known  # plain http on the embedded default


@pytest.mark.parametrize("path", ["/admin/login", "/admin/", "/admin/staff", "/admin/nothing-here"])
def test_admin_pages_carry_security_headers_and_load_nothing_from_elsewhere(admin_app, staff, path):
    answer = signed_in_client(admin_app, staff.network_admin).get(path)
    csp = answer.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert not re.search(r"https?:|\*", csp)  # no third-party origins, no wildcards
    assert answer.headers["X-Frame-Options"] == "DENY"
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert answer.headers["Cache-Control"] == "no-store"
    assert not re.search(r'(src|href)="(https?:)?//', page_text(answer))


def test_a_hash_made_with_older_parameters_is_upgraded_at_sign_in(admin_client, staff, monkeypatch):
    stronger = PasswordHasher(time_cost=2, memory_cost=16, parallelism=1)
    monkeypatch.setattr(accounts, "HASHER", stronger)
    assert sign_in(admin_client, staff.editor).status_code == 302
    stored = StaffUser.objects.get(id=staff.editor.id).password_hash
    assert stored.startswith("$argon2id$") and not stronger.check_needs_rehash(stored)


def test_a_deactivated_persons_session_ends_at_the_next_request(admin_app, staff):
    editor = signed_in_client(admin_app, staff.editor)
    StaffUser.objects(id=staff.editor.id).update_one(set__active=False)
    assert editor.get("/admin/").status_code == 302


def refusal(response) -> str | None:
    """The sign-in refusal a page shows beside the form, if any."""
    match = re.search(r'<p class="field-error" role="alert">([^<]+)</p>\s*<p class="row">', page_text(response))
    return match and match.group(1).replace("&#39;", "'")


def test_on_the_real_stack_cookies_are_https_only_and_answers_carry_hsts(storage, clock):
    # The real stack's settings (MONGODB_URI turns both on by default) behind its TLS proxy.
    app = build_app(make_config(ADMIN_SECURE_COOKIES="1", HSTS_MAX_AGE_S="31536000", TRUSTED_PROXIES="1"))
    app.extensions["lantern"].clock = clock
    editor = make_staff("editor", organization("Northside Recovery"))
    client = app.test_client()
    client.environ_base.update(HTTP_X_FORWARDED_PROTO="https", HTTP_REFERER="https://localhost/admin/login")

    answer = sign_in(client, editor)

    assert answer.status_code == 302, page_text(answer)
    assert answer.headers["Strict-Transport-Security"] == "max-age=31536000"
    cookies = {header.split("=", 1)[0]: header for header in answer.headers.getlist("Set-Cookie")}
    assert "; Secure" in cookies["session"] and "; Secure" in cookies[KNOWN_BROWSER_COOKIE]
    assert client.get("/admin/").headers["Strict-Transport-Security"] == "max-age=31536000"


def test_the_embedded_default_sends_no_hsts_over_plain_http(admin_client, staff):
    answer = sign_in(admin_client, staff.editor)
    assert "Strict-Transport-Security" not in answer.headers
    assert all("Secure" not in header for header in answer.headers.getlist("Set-Cookie"))


@pytest.fixture
def shared_browser(admin_app, staff):
    """A phone two workers share: the first signs in on it and shortlists a listing for a client."""
    house = service("Maple House", category="housing", org=organization("Southside Housing"))
    first, second = (make_staff("editor", staff.editor.organization, name=name) for name in ("Wes", "Ada"))
    for person in (first, second):
        person.can_refer = True
        person.save()
    browser = signed_in_client(admin_app, first)
    form_post(browser, "/admin/referrals/shortlist", {"service": house.id}, page="/admin/referrals/find")
    assert "Maple House" in page_text(browser.get("/admin/referrals/shortlist"))
    return browser, second


def test_signing_out_leaves_nothing_of_the_person_in_the_browser_session(admin_app, shared_browser):
    browser, _next_person = shared_browser
    browser.post("/admin/logout", data={"csrf_token": csrf_token(browser, "/admin/")})
    kept = admin_app.session_interface.get_signing_serializer(admin_app).loads(browser.get_cookie("session").value)
    assert set(kept) == {"_flashes"}  # "You are signed out.", and no shortlist, token or earlier messages


def test_the_next_person_to_sign_in_starts_afresh_with_a_new_csrf_token(shared_browser, clock):
    browser, next_person = shared_browser
    token = csrf_token(browser, "/admin/")
    clock.advance(minutes=31)  # the first worker walked away without signing out
    sign_in(browser, next_person)
    assert "Maple House" not in page_text(browser.get("/admin/referrals/shortlist"))
    assert csrf_token(browser, "/admin/") != token
