"""Admin area fixtures: the whole app (API + admin) with CSRF on, staff of each role in two organisations, a clock
tests can move, and helpers that fill in forms as a browser does (the CSRF token read from the page first)."""

import re
from datetime import timedelta
from itertools import count
from types import SimpleNamespace

import pytest
from argon2 import PasswordHasher, profiles

from api.cli.serving import build_app
from api.models.staff import StaffUser
from api.services import accounts
from tests import factories
from tests.conftest import NOW, make_config

PASSWORD = "correct horse battery staple"
CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
_serial = count(1)


class Clock:
    """The app's "now", pinned to NOW until a test moves it on."""

    def __init__(self):
        self.now = NOW

    def __call__(self):
        return self.now

    def advance(self, **delta):
        self.now += timedelta(**delta)


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch):
    """argon2id at its cheapest parameters: the same code path without ~0.1 s for every hash and check."""
    monkeypatch.setattr(accounts, "HASHER", PasswordHasher.from_parameters(profiles.CHEAPEST))


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def admin_app(storage, clock):
    """The product's app (API with the admin area mounted) on an empty database; CSRF stays on, as in production."""
    app = build_app(make_config())
    app.extensions["lantern"].clock = clock
    assert app.config.get("WTF_CSRF_ENABLED", True)
    return app


@pytest.fixture
def admin_client(admin_app):
    return admin_app.test_client()


@pytest.fixture
def orgs(admin_app):
    """Two partner organisations: tests sign in to a and try to reach b."""
    return SimpleNamespace(a=factories.organization("Northside Recovery"),
                           b=factories.organization("Southside Housing"))


@pytest.fixture
def staff(orgs):
    """One account of each role in organisation a, and an org admin and an editor of organisation b."""
    return SimpleNamespace(network_admin=make_staff("network_admin"),
                           org_admin=make_staff("org_admin", orgs.a), editor=make_staff("editor", orgs.a),
                           other_org_admin=make_staff("org_admin", orgs.b), other_editor=make_staff("editor", orgs.b))


def make_staff(role: str, organization=None, password: str = PASSWORD, email: str | None = None,
               name: str | None = None) -> StaffUser:
    """An active staff account with a password (through the accounts service, as the CLI makes one)."""
    number = next(_serial)
    return accounts.create_user(email or f"{role.replace('_', '-')}{number}@staff.example",
                                name or f"{role.replace('_', ' ').title()} {number}", role,
                                getattr(organization, "id", organization), password)


def csrf_token(client, page: str = "/admin/login") -> str:
    """The CSRF token a page's forms carry (any page of the session will do: the token is per session)."""
    html = client.get(page, follow_redirects=True).get_data(as_text=True)
    match = CSRF_FIELD.search(html)
    assert match, f"no CSRF token on {page}"
    return match.group(1)


def form_post(client, url: str, data: dict | None = None, page: str | None = None, **kwargs):
    """POST data as the form on page (url itself by default) would send it, CSRF token included."""
    token = csrf_token(client, page or url)
    return client.post(url, data={**(data or {}), "csrf_token": token}, **kwargs)


def sign_in(client, user, password: str = PASSWORD):
    """Sign in through the login form; user is a StaffUser or an email address."""
    return form_post(client, "/admin/login", {"email": getattr(user, "email", user), "password": password})


def signed_in_client(app, user, password: str = PASSWORD):
    """A fresh test client (its own cookie jar, like a second browser) signed in as user."""
    client = app.test_client()
    answer = sign_in(client, user, password)
    assert answer.status_code == 302, answer.get_data(as_text=True)
    return client


def page_text(response) -> str:
    return response.get_data(as_text=True)
