"""Erased means erased in the embedded default's files too: neither the SQLite data file nor its write-ahead log
keeps a copy of the sealed details or the hand-off code once the sweep has passed."""

from datetime import timedelta

import pytest

from api.adapters.storage import MongoStorage
from api.services.referrals import sending
from indexer.referrals import ReferralRunner
from tests.conftest import NOW, TEST_DB
from tests.services.referrals.conftest import send


@pytest.fixture
def storage(tmp_path):
    """The embedded database kept in a data directory, as `lantern run` keeps it."""
    kept = MongoStorage(None, TEST_DB, tmp_path)
    yield kept
    kept.close()


def on_disk(data_dir, secret: str) -> list[str]:
    """The files of the data directory that hold `secret`."""
    return [path.name for path in sorted(data_dir.iterdir()) if path.is_file() and secret.encode() in path.read_bytes()]


def test_a_revoked_referral_leaves_nothing_readable_in_the_data_files(network, seal, storage, tmp_path):
    referral = send(network, seal)
    token, code = referral.sealed[:60], referral.code
    storage.store.forget_erased()  # the referral is in the data file itself now, not only in the log
    assert on_disk(tmp_path, token) == ["lantern.sqlite3"] and on_disk(tmp_path, code) == ["lantern.sqlite3"]

    sending.revoke_consent(referral, network.worker, NOW)
    storage.sync()
    assert on_disk(tmp_path, token)  # committed, but the old page is still there to read
    ReferralRunner(None, 30, clock=lambda: NOW + timedelta(seconds=30), store=storage.store).run_once()
    assert on_disk(tmp_path, token) == [] and on_disk(tmp_path, code) == []
