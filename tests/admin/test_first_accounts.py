"""The first accounts: `lantern admin create-user` on a real database, demo sign-ins on the embedded default."""

import os

import pytest
from click.testing import CliRunner

from api.app import _seed, create_app
from api.cli import EMBEDDED_BANNER, main
from api.config import Config
from api.models.staff import StaffUser
from seeds import staff as demo
from tests import factories
from tests.admin.conftest import sign_in
from tests.conftest import TEST_DB, make_config


def test_create_user_refuses_the_embedded_default_before_asking_for_a_password(monkeypatch):
    monkeypatch.delenv("MONGODB_URI", raising=False)
    result = CliRunner().invoke(main, ["admin", "create-user", "--email", "me@example.org", "--name", "Me",
                                       "--role", "network_admin"], input="")
    assert result.exit_code == 2
    assert "lives inside the `make run` process" in result.output and "demo admin sign-in" in result.output
    assert "Password" not in result.output


def test_create_user_asks_twice_and_creates_an_active_network_admin(storage, monkeypatch):
    # The command connects to MONGODB_URI; here that connection is the test database (mongomock-ng or real).
    monkeypatch.setenv("MONGODB_URI", "mongodb://db.example:27017")
    monkeypatch.setenv("MONGODB_DB", TEST_DB)
    monkeypatch.setattr("api.adapters.storage.MongoStorage", lambda uri, db: storage)
    result = CliRunner().invoke(main, ["admin", "create-user", "--email", "Me@Example.org", "--name", "Me"],
                                input="a good long password\na good long password\n")
    assert result.exit_code == 0, result.output
    user = StaffUser.objects.get(email="me@example.org")
    assert user.role == "network_admin" and user.active and user.password_hash.startswith("$argon2id$")


def test_create_user_explains_a_refused_password(storage, monkeypatch):
    monkeypatch.setenv("MONGODB_URI", "mongodb://db.example:27017")
    monkeypatch.setattr("api.adapters.storage.MongoStorage", lambda uri, db: storage)
    result = CliRunner().invoke(main, ["admin", "create-user", "--email", "me@example.org", "--name", "Me"],
                                input="too short\ntoo short\n")
    assert result.exit_code == 1 and "at least 12 characters" in result.output
    assert StaffUser.objects.count() == 0


def test_the_demo_partner_is_the_organisation_with_the_most_housing(storage):
    small, large = factories.organization("Small House"), factories.organization("Large House")
    factories.service(org=small, category="housing")
    for _ in range(2):
        factories.service(org=large, category="housing")
    factories.service(org=small, category="peer_support")
    factories.service(org=small, category="peer_support")
    assert demo.demo_partner().id == large.id


def test_demo_sign_ins_are_created_once_and_open_the_admin_area(admin_app):
    partner = factories.organization("Harbor House")
    factories.service(org=partner, category="housing")
    first = demo.seed_demo_staff()
    second = demo.seed_demo_staff()
    assert [user.id for user in first] == [user.id for user in second] and StaffUser.objects.count() == 2
    admin, org_admin = first
    assert (admin.email, admin.role) == (demo.NETWORK_ADMIN_EMAIL, "network_admin")
    assert (org_admin.email, org_admin.role, org_admin.organization) == (demo.PARTNER_EMAIL, "org_admin", partner.id)
    for email in (demo.NETWORK_ADMIN_EMAIL, demo.PARTNER_EMAIL):
        assert sign_in(admin_app.test_client(), email, demo.DEMO_PASSWORD).status_code == 302


def test_the_embedded_default_seeds_demo_sign_ins_and_a_real_database_never_does(storage, monkeypatch):
    monkeypatch.setattr("seeds.loader.seed_database", lambda progress: None)
    _seed(Config({"MONGODB_URI": "mongodb://db.example:27017", "SEED_ON_START": "1"}))
    assert StaffUser.objects.count() == 0
    _seed(Config({"SEED_ON_START": "1"}))
    assert StaffUser.objects(email=demo.NETWORK_ADMIN_EMAIL).count() == 1


@pytest.mark.skipif(bool(os.environ.get("MONGODB_URI")), reason="demo sign-ins exist on the embedded default only")
def test_the_seeded_embedded_default_has_a_demo_partner_with_beds(storage):
    create_app(make_config(SEED_ON_START="1"))
    partner = StaffUser.objects.get(email=demo.PARTNER_EMAIL)
    assert partner.organization == demo.demo_partner().id


def test_the_start_up_banner_prints_the_demo_sign_ins():
    banner = EMBEDDED_BANNER.format(host="127.0.0.1", port=8000, demo_password=demo.DEMO_PASSWORD)
    line = next(line for line in banner.splitlines() if line.strip().startswith("Admin"))
    assert "http://127.0.0.1:8000/admin" in line
    assert f"{demo.PARTNER_EMAIL} / {demo.DEMO_PASSWORD}" in line
    assert f"{demo.NETWORK_ADMIN_EMAIL} / {demo.DEMO_PASSWORD}" in line
