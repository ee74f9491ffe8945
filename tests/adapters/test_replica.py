"""A replica of the embedded default follows the writer in another process: it sees every acknowledged write at
its next read, holds only the public directory, and can write nothing."""

import os
import sqlite3
import subprocess
import sys
import threading

import pytest

from api.adapters.data_file import FILE_NAME
from api.adapters.snapshot import DirectorySnapshot
from api.adapters.storage import MongoStorage
from api.models import Service, changes
from tests.conftest import TEST_DB

pytestmark = pytest.mark.skipif(bool(os.environ.get("MONGODB_URI")),
                                reason="replicas follow the embedded default's data file; a real MongoDB has none")

# The writer: seeds Riverton and its demo accounts into its data file, then renames or removes listings as told on
# stdin, answering "ok" once each change is on disk, as the app does before it answers.
WRITER = """
import sys
from pathlib import Path
from api.adapters.storage import MongoStorage
from api.models import Service, changes
from seeds.loader import seed_database
from seeds.staff import seed_demo_staff
storage = MongoStorage(None, sys.argv[2], Path(sys.argv[1]))
seed_database(progress=False)
seed_demo_staff()
storage.sync()
print("ok", flush=True)
for line in sys.stdin:
    command, service_id, *name = line.split(maxsplit=2)
    service = Service.objects.get(id=service_id)
    if command == "rename":
        service.name = name[0].strip()
        service.save()
    else:
        service.delete()
    storage.sync()
    print("ok", flush=True)
"""


class Writer:
    def __init__(self, data_dir):
        self.process = subprocess.Popen([sys.executable, "-c", WRITER, str(data_dir), TEST_DB], text=True,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.acknowledged()

    def tell(self, *words: str) -> None:
        self.process.stdin.write(" ".join(words) + "\n")
        self.process.stdin.flush()
        self.acknowledged()

    def acknowledged(self) -> None:
        assert self.process.stdout.readline() == "ok\n"

    def stop(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


@pytest.fixture
def writer_and_replica(tmp_path):
    writer = Writer(tmp_path)
    replica = MongoStorage(None, TEST_DB, tmp_path, replica=True)
    try:
        yield writer, replica
    finally:
        writer.stop()
        replica.close()


def test_a_replica_sees_each_acknowledged_write_at_its_next_read(writer_and_replica):
    writer, replica = writer_and_replica
    snapshot = DirectorySnapshot()
    listings = {row.service.id: row.service.name for row in snapshot.current().rows.values()}
    assert len(listings) == Service.objects.count() > 100
    renamed, removed = sorted(listings)[:2]

    writer.tell("rename", renamed, "Casa Esperanza (renamed)")
    assert snapshot.current().services[renamed].name == listings[renamed]  # not caught up: no read began since
    replica.catch_up()  # what a replica does before every read
    assert snapshot.current().services[renamed].name == "Casa Esperanza (renamed)"
    assert Service.objects.get(id=renamed).name == "Casa Esperanza (renamed)"

    writer.tell("remove", removed)
    replica.catch_up()
    assert removed not in snapshot.current().services and not Service.objects(id=removed).first()
    assert len(snapshot.current().rows) == len(listings) - 1


def test_a_replica_holds_only_the_public_directory(writer_and_replica):
    _, replica = writer_and_replica
    with sqlite3.connect(replica.replica.path) as db:
        kept = {name for (name,) in db.execute("SELECT DISTINCT collection FROM documents")}
    database = replica.client[TEST_DB]
    held = {name for name in database.list_collection_names() if database[name].estimated_document_count()}
    assert {"services", "locations", "organizations"} <= held
    assert "staff_users" in kept and "staff_users" not in held  # the demo accounts stay with the writer


def test_a_replica_cannot_write(writer_and_replica):
    _, replica = writer_and_replica
    service = Service.objects.first()
    service.name = "Written by a replica"
    with pytest.raises(PermissionError, match="writes go to the writer"):
        service.save()
    assert Service.objects.get(id=service.id).name != "Written by a replica"


def test_a_replica_behind_what_the_file_remembers_loads_it_again(writer_and_replica, tmp_path):
    writer, replica = writer_and_replica
    snapshot = DirectorySnapshot()
    gone = sorted(snapshot.current().services)[0]
    writer.tell("remove", gone)
    # As a writer restarting with more removals on file than it keeps does: the removal is forgotten.
    with sqlite3.connect(tmp_path / FILE_NAME) as db:
        db.execute("DELETE FROM removed")
        db.execute("INSERT INTO horizon (seq) SELECT max(seq) FROM documents")
    replica.catch_up()
    assert gone not in snapshot.current().services and Service.objects(id=gone).first() is None


def test_a_read_that_overlaps_a_catch_up_waits_for_all_of_it(writer_and_replica, monkeypatch):
    writer, replica = writer_and_replica
    snapshot = DirectorySnapshot()
    renamed = sorted(snapshot.current().services)[0]
    writer.tell("rename", renamed, "Renamed while another read catches up")
    applying, finish = threading.Event(), threading.Event()
    replay = changes.RECENT.replay

    def held(news):  # the first read stops halfway through applying the edit
        applying.set()
        finish.wait(10)
        replay(news)

    monkeypatch.setattr(changes.RECENT, "replay", held)
    first, second = threading.Thread(target=replica.catch_up), threading.Thread(target=replica.catch_up)
    first.start()
    assert applying.wait(10)
    second.start()  # a second read, begun after the edit was acknowledged
    second.join(0.3)
    assert second.is_alive()  # it waits for the first read's catch-up to be done ...
    finish.set()
    first.join(10)
    second.join(10)
    assert snapshot.current().services[renamed].name == "Renamed while another read catches up"  # ... and sees it
