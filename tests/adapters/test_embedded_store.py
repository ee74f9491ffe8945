"""The embedded default keeps its data: every acknowledged write survives kill -9, backups restore, and the
ephemeral mode keeps nothing."""

import os
import signal
import subprocess
import sys
import uuid
from datetime import datetime

import pytest
from bson import ObjectId

from api import create_app
from api.adapters.backup import EmbeddedBackup, NotEmpty
from api.adapters.storage import MongoStorage
from api.cli import data_line
from api.cli.backup import backup, restore
from api.config import Config
from api.errors import ConfigurationError
from api.models import Service
from tests.conftest import TEST_DB, make_config
from tests.test_run import lantern_run, output_after_stop

pytestmark = pytest.mark.skipif(bool(os.environ.get("MONGODB_URI")),
                                reason="the embedded default's own store; a real MongoDB keeps its data itself")

# Writes one document a step (inserts, then every third one edited, then every fifth removed) to a collection that
# no model declares, printing each step's number once sync() returned: what the app does before it answers.
WRITER = """
import sys
from pathlib import Path
from api.adapters.storage import MongoStorage
storage = MongoStorage(None, sys.argv[2], Path(sys.argv[1]))
notes = storage.client[sys.argv[2]]["notes_nobody_declared"]
for step in range(100_000):
    notes.insert_one({"_id": step, "text": "é" * 200})
    if step % 3 == 0:
        notes.update_one({"_id": step}, {"$set": {"edited": True}})
    if step % 5 == 0:
        notes.delete_one({"_id": step - 1})
    storage.sync()
    print(step, flush=True)
"""


def test_every_acknowledged_write_survives_kill_9(tmp_path):
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), TEST_DB], stdout=subprocess.PIPE,
                              text=True)
    acknowledged = -1
    for line in writer.stdout:
        acknowledged = int(line)
        if acknowledged == 300:
            writer.send_signal(signal.SIGKILL)
            break
    writer.wait()
    assert writer.returncode == -signal.SIGKILL

    storage = MongoStorage(None, TEST_DB, tmp_path)
    try:
        notes = {row["_id"]: row for row in storage.client[TEST_DB]["notes_nobody_declared"].find()}
        removed = {step - 1 for step in range(0, acknowledged + 1, 5)}
        expected = set(range(acknowledged + 1)) - removed
        assert expected <= set(notes) <= expected | {acknowledged + 1}  # at most the step under way when killed
        assert all(bool(notes[step].get("edited")) == (step % 3 == 0) for step in expected)
        assert notes[acknowledged]["text"] == "é" * 200
    finally:
        storage.close()


def test_a_second_process_cannot_open_the_same_data(tmp_path):
    storage = MongoStorage(None, TEST_DB, tmp_path)
    try:
        other = subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; "
                                "from api.adapters import data_file as s; s.holder(Path(sys.argv[1]), 0)",
                                str(tmp_path)], capture_output=True, text=True)
        assert other.returncode == 1 and "another Lantern process is using" in other.stderr
    finally:
        storage.close()


def _keep(tmp_path, documents: list[dict]) -> None:
    storage = MongoStorage(None, TEST_DB, tmp_path)
    storage.client[TEST_DB]["kinds"].insert_many(documents)
    storage.close()


def _kept(tmp_path) -> list[dict]:
    storage = MongoStorage(None, TEST_DB, tmp_path)
    try:
        return list(storage.client[TEST_DB]["kinds"].find())
    finally:
        storage.close()


def test_backup_and_restore_round_trip_every_kind_of_value(tmp_path):
    documents = [{"_id": "text", "value": "Sesión, 24/7 ☎", "nested": {"list": [1, 2.5, None, True]}},
                 {"_id": ObjectId(), "at": datetime(2026, 11, 24, 16, 0, 0, 123000), "id": uuid.uuid4()},
                 {"_id": {"compound": 1}, "bytes": b"\x00\x01"}]
    _keep(tmp_path / "first", documents)
    config = make_config(EPHEMERAL="0", DATA_DIR=str(tmp_path / "first"))
    assert backup(config, str(tmp_path / "backup.tar.gz")).startswith("backed up 3 documents in 1 collections")

    again = make_config(EPHEMERAL="0", DATA_DIR=str(tmp_path / "second"))
    assert restore(again, str(tmp_path / "backup.tar.gz"), force=False).startswith("restored 3 documents")
    assert _kept(tmp_path / "second") == documents


def test_restore_refuses_a_store_that_holds_data_unless_forced(tmp_path):
    _keep(tmp_path / "data", [{"_id": "kept", "value": 1}])
    _keep(tmp_path / "other", [{"_id": "backed up", "value": 2}])
    backup(make_config(EPHEMERAL="0", DATA_DIR=str(tmp_path / "other")), str(tmp_path / "backup.tar.gz"))
    config = make_config(EPHEMERAL="0", DATA_DIR=str(tmp_path / "data"))
    with pytest.raises(NotEmpty):
        restore(config, str(tmp_path / "backup.tar.gz"), force=False)
    assert _kept(tmp_path / "data") == [{"_id": "kept", "value": 1}]
    restore(config, str(tmp_path / "backup.tar.gz"), force=True)
    assert _kept(tmp_path / "data") == [{"_id": "backed up", "value": 2}]


def test_restore_waits_for_no_one_while_lantern_runs_on_the_data(tmp_path):
    _keep(tmp_path, [{"_id": "kept"}])
    storage = MongoStorage(None, TEST_DB, tmp_path)
    try:
        with pytest.raises(ConfigurationError, match="another Lantern process is using"):
            EmbeddedBackup(tmp_path, TEST_DB).restore([], replace=True)
    finally:
        storage.close()


def test_a_restart_keeps_edits_and_never_seeds_over_them(tmp_path):
    settings = {"EPHEMERAL": "0", "DATA_DIR": str(tmp_path), "SEED_GENERATED_LISTINGS": "40"}
    app = create_app(make_config(**settings))
    seeded = Service.objects.count()
    gone = Service.objects.first()
    gone.delete()
    app.extensions["lantern"].storage.close()

    app = create_app(make_config(**settings))
    try:
        assert Service.objects.count() == seeded - 1 and Service.objects(id=gone.id).first() is None
        assert app.test_client().get(f"/v1/services/{gone.id}").status_code == 404
    finally:
        app.extensions["lantern"].storage.close()


def test_ephemeral_keeps_nothing_and_says_so(tmp_path):
    config = make_config(EPHEMERAL="1", DATA_DIR=str(tmp_path))
    app = create_app(config)
    assert app.test_client().post("/v1/devices", json={"token": "t-1", "platform": "android"}).status_code == 201
    assert list(tmp_path.iterdir()) == []
    assert "in memory only" in data_line(config)
    kept = Config({"DATA_DIR": str(tmp_path)})
    assert str(tmp_path / "lantern.sqlite3") in data_line(kept) and "DATA_DIR" in data_line(kept)


def test_lantern_run_says_where_its_data_lives(tmp_path):
    with lantern_run(EPHEMERAL="0", DATA_DIR=str(tmp_path), SEED_ON_START="0") as (_, process):
        stderr = output_after_stop(process)
    assert f"Data: {tmp_path / 'lantern.sqlite3'} (DATA_DIR;" in stderr
    assert (tmp_path / "lantern.sqlite3").is_file()
