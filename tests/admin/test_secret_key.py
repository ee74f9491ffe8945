"""The key that signs admin sessions: from configuration on the real stack (no start without it), made once and kept
beside the data on the embedded default, so restarting it signs no one out."""

from types import SimpleNamespace

import pytest

from api.backends import secret_key
from api.cli.serving import build_app
from api.config import Config
from api.errors import ConfigurationError
from tests.admin.conftest import make_staff, signed_in_client
from tests.conftest import make_config
from tests.factories import organization


def test_a_restart_of_the_embedded_default_signs_no_one_out(tmp_path):
    settings = {"EPHEMERAL": "0", "DATA_DIR": str(tmp_path)}
    app = build_app(make_config(**settings))
    browser = signed_in_client(app, make_staff("editor", organization("Northside Recovery")))
    app.extensions["lantern"].storage.close()

    app = build_app(make_config(**settings))
    try:
        again = app.test_client()
        again.set_cookie("session", browser.get_cookie("session").value)
        assert again.get("/admin/").status_code == 200  # the same key signs: still signed in
    finally:
        app.extensions["lantern"].storage.close()
    assert (tmp_path / "secret.key").stat().st_mode & 0o777 == 0o600  # this user's alone, beside the data


def test_a_real_database_will_not_start_without_one():
    real = SimpleNamespace(embedded=False)
    with pytest.raises(ConfigurationError, match="SECRET_KEY is not set"):
        secret_key(Config({"MONGODB_URI": "mongodb://db:27017"}), real)
    assert secret_key(Config({"MONGODB_URI": "mongodb://db:27017", "SECRET_KEY": "from-.env"}), real) == "from-.env"


def test_a_throwaway_embedded_default_keeps_its_key_in_memory_only():
    ephemeral = SimpleNamespace(embedded=True, data_dir=None)
    assert secret_key(Config({}), ephemeral) != secret_key(Config({}), ephemeral)
