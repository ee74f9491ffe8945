"""What every indexer scenario needs: the fake Meilisearch apart, the embedded directory loaded, timed batches."""

import gc
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import meilisearch

from api.adapters.meili.writer import admin_client
from api.adapters.storage import MongoStorage
from api.models import Service
from bench.server import METRO_LISTINGS, ROOT
from seeds.generate import load_generated
from seeds.loader import seed_database

MASTER_KEY = "bench-master-key"
INDEX_UID = "services"


def log(message: str) -> None:
    """A progress line on stderr, so stdout stays one JSON document."""
    print(message, file=sys.stderr, flush=True)


@dataclass
class FakeServer:
    """The running fake: the admin client that writes to it, and its process id (for its memory)."""

    client: meilisearch.Client
    pid: int


@contextmanager
def fake_meilisearch() -> Iterator[FakeServer]:
    """Start `bench.indexing.fake_server` as a subprocess, yield it, always stop it."""
    process = subprocess.Popen([sys.executable, "-m", "bench.indexing.fake_server", MASTER_KEY], cwd=ROOT,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        url = process.stdout.readline().strip()
        if not url:
            raise RuntimeError(f"the fake Meilisearch exited with status {process.wait()} before listening")
        yield FakeServer(admin_client(url, MASTER_KEY), process.pid)
    finally:
        process.stdin.close()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def load_directory(listings: int) -> float:
    """Connect the embedded database and fill it with the metro topped up to `listings`; returns the seconds.

    The loaded data is then frozen out of the garbage collector, as `lantern run` does after seeding, so the
    collector's passes over the embedded database do not count against the code measured.
    """
    started = time.perf_counter()
    MongoStorage(None, "lantern_bench")
    seed_database(progress=False)
    if listings > METRO_LISTINGS:
        load_generated(listings - METRO_LISTINGS, progress=False)
    gc.collect()
    gc.freeze()
    return time.perf_counter() - started


@contextmanager
def timed_reads() -> Iterator[list[float]]:
    """Add up the seconds spent inside the database's cursors (mongomock-ng here) while the block runs: [seconds]."""
    cursor_class = type(Service._get_collection().find())
    original, spent = cursor_class.__next__, [0.0]

    def timed_next(cursor):
        started = time.perf_counter()
        try:
            return original(cursor)
        finally:
            spent[0] += time.perf_counter() - started

    cursor_class.__next__ = timed_next
    try:
        yield spent
    finally:
        cursor_class.__next__ = original


class TimedBatches:
    """Wraps a batch generator and adds up the time spent producing batches (building), apart from the consumer's."""

    def __init__(self, batches: Iterable[list[dict]]):
        self._batches = iter(batches)
        self.seconds = 0.0
        self.documents = 0

    def __iter__(self) -> Iterator[list[dict]]:
        while True:
            started = time.perf_counter()
            batch = next(self._batches, None)
            self.seconds += time.perf_counter() - started
            if batch is None:
                return
            self.documents += len(batch)
            yield batch
