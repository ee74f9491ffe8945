"""The referral key: from configuration on the real stack (no start without it), made once and kept on the embedded
default, and a mistyped key stops start-up rather than a referral."""

from types import SimpleNamespace

import pytest

from api.adapters.sealing import SealBroken
from api.backends import referral_seal
from api.config import Config
from api.errors import ConfigurationError
from tests.conftest import TEST_REFERRAL_KEY

REAL = SimpleNamespace(embedded=False)


def test_a_real_database_will_not_start_without_a_key():
    with pytest.raises(ConfigurationError, match="REFERRAL_KEY is not set"):
        referral_seal(Config({"MONGODB_URI": "mongodb://db:27017"}), REAL)
    sealed = referral_seal(Config({"MONGODB_URI": "mongodb://db:27017", "REFERRAL_KEY": TEST_REFERRAL_KEY}), REAL)
    assert sealed.open(sealed.seal({"name": "Ana"})) == {"name": "Ana"}


def test_a_mistyped_key_stops_start_up_and_says_which():
    with pytest.raises(ConfigurationError, match="key number 2"):
        referral_seal(Config({"REFERRAL_KEY": f"{TEST_REFERRAL_KEY},not-a-key"}), REAL)


def test_the_embedded_default_keeps_its_key_in_a_file_beside_the_data(tmp_path):
    embedded = SimpleNamespace(embedded=True, data_dir=tmp_path)
    token = referral_seal(Config({}), embedded).seal({"name": "Ana"})
    assert referral_seal(Config({}), embedded).open(token) == {"name": "Ana"}  # the next start opens it
    key_file = tmp_path / "referral.key"
    assert key_file.stat().st_mode & 0o777 == 0o600  # this user's alone


def test_a_throwaway_embedded_default_keeps_its_key_in_memory_only():
    ephemeral = SimpleNamespace(embedded=True, data_dir=None)
    token = referral_seal(Config({}), ephemeral).seal({"name": "Ana"})
    with pytest.raises(SealBroken):
        referral_seal(Config({}), ephemeral).open(token)


def test_response_windows_are_configurable_per_category():
    hours = Config({"REFERRAL_RESPONSE_HOURS": "clinical=2,default=12"}).REFERRAL_RESPONSE_HOURS
    assert hours["clinical"] == 2 and hours["housing"] == 12
    assert Config({}).REFERRAL_RESPONSE_HOURS["clinical"] == 4 and Config({}).REFERRAL_RESPONSE_HOURS["housing"] == 48
    with pytest.raises(ValueError, match="REFERRAL_RESPONSE_HOURS"):
        Config({"REFERRAL_RESPONSE_HOURS": "detox=4"})
