"""kill -9 during a partner's edits through the admin area: after a restart, every acknowledged edit is there."""

import os

import pytest

from bench import durability


@pytest.mark.skipif(bool(os.environ.get("MONGODB_URI")), reason="the embedded default's own store is under test")
def test_kill_9_during_admin_edits_loses_no_acknowledged_edit(tmp_path):
    report = durability.run(edits=60, kill_after=40, clients=3, data_dir=str(tmp_path))

    assert report["edits_acknowledged"] >= 40
    assert report["missing"] == 0
