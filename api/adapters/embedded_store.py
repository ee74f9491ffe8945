"""The embedded default's database: mongomock-ng's collections, kept in memory and written through to SQLite.

Why SQLite in WAL mode (synchronous=FULL) rather than a journal of our own: it is the same fsync'd append (its
write-ahead log) with the crash recovery, torn-write detection and compaction (checkpoints) already written and
tested by others, in the standard library, one file a person can copy or open. Measured on these machines: an
fsync'd append costs 2.5 ms, an SQLite commit 3.9 ms, 10,000 upserts in one commit 0.4 s. mongomock-ng still
answers every query from memory (SQLite is never read after start), so reads cost what they did.

How: mongomock-ng keeps each collection in a CollectionStore; the subclasses here encode every document written or
deleted, in whatever collection (present or future: there is no list of models), as BSON into a pending batch, in
the order the writes happened. `sync()` commits everything written so far in one transaction (one fsync: writers
arriving meanwhile share the next one) and returns once it is on disk. The app calls it before every response
leaves, so nothing is acknowledged before it would survive kill -9 or a power cut; a flusher thread commits what
background work writes within FLUSH_S. The file therefore always holds a prefix of the write history.

Indexes are not kept: the models declare them and `ensure_indexes` makes them again at every start.
"""

import atexit
import logging
import threading
import time
from pathlib import Path

import bson
from filelock import FileLock
from mongomock_ng.store import CollectionStore, DatabaseStore, ServerStore

from api.adapters.data_file import CODEC, FILE_NAME, connect, forget_old_removals, holder, id_key, last_seq, store_key

log = logging.getLogger(__name__)
# How soon writes made outside a request (the notifier, feed imports, seeding) reach the disk.
FLUSH_S = 0.05
_DROP = object()  # a pending entry's key meaning "the whole collection was dropped here"
_REMOVED_AGAIN = "ON CONFLICT (db, collection, id) DO UPDATE SET seq = excluded.seq"


def open_store(data_dir: Path) -> "EmbeddedStore":
    """The store kept in data_dir, loaded; the directory stays locked to this process."""
    started = time.perf_counter()
    journal = Journal(data_dir / FILE_NAME, holder(data_dir))
    store = EmbeddedStore(journal)
    count = journal.load(store)
    log.info("storage: %d documents loaded from %s in %.1f s", count, journal.path, time.perf_counter() - started)
    return store


class Journal:
    """The data file and the writes not in it yet."""

    def __init__(self, path: Path, lock: FileLock):
        self.path, self._lock_file = path, lock
        self._db = connect(path)
        forget_old_removals(self._db)
        self._seq = last_seq(self._db)
        self.lock = threading.Lock()  # held while a write changes memory and queues its record, so both agree
        self._commit_lock = threading.Lock()
        self._pending: dict = {}  # (db, collection, key) -> BSON body, None for a removal; in write order
        self._queued = self._committed = 0
        self._dirty = threading.Event()
        threading.Thread(target=self._flush_forever, name="storage-flush", daemon=True).start()
        atexit.register(self.close)

    def load(self, server: ServerStore) -> int:
        """Fill the server's collections from the file, in insertion order; returns how many documents."""
        count = 0
        for db, collection, body in self._db.execute("SELECT db, collection, body FROM documents ORDER BY rowid"):
            document = bson.decode(body, codec_options=CODEC)
            server[db][collection]._documents[store_key(document)] = document
            count += 1
        return count

    def record(self, db: str, collection: str, key, body: bytes | None) -> None:
        """Queue a document's new body (None: removed); the caller holds `lock`."""
        entry = (db, collection, id_key(key))
        self._pending.pop(entry, None)  # re-queued at the end, after any drop of its collection queued before
        self._pending[entry] = body
        self._queued += 1
        self._dirty.set()

    def record_drop(self, db: str, collection: str) -> None:
        """Queue the removal of a whole collection; the caller holds `lock`."""
        for entry in [entry for entry in self._pending if entry[:2] == (db, collection)]:
            del self._pending[entry]
        self._pending[(db, collection, _DROP)] = None
        self._queued += 1
        self._dirty.set()

    def sync(self) -> None:
        """Return once every write made so far is on disk (committing them, or waiting for who is)."""
        target = self._queued
        if self._committed >= target:
            return
        with self._commit_lock:
            if self._committed >= target:
                return  # another thread's commit took ours along
            with self.lock:
                batch, self._pending = self._pending, {}
                upto = self._queued
            try:
                self._write(batch)
            except BaseException:
                with self.lock:  # keep the batch, ahead of what was written since, for the next attempt
                    later, self._pending = self._pending, batch
                    for (db, collection, key), body in later.items():
                        if key is _DROP:
                            self.record_drop(db, collection)
                        else:
                            self._pending.pop((db, collection, key), None)
                            self._pending[(db, collection, key)] = body
                raise
            self._committed = upto

    def _write(self, batch: dict) -> None:
        db, seq = self._db, self._seq
        db.execute("BEGIN")
        try:
            for (name, collection, key), body in batch.items():
                seq += 1
                if key is _DROP:
                    db.execute("INSERT INTO removed (db, collection, id, seq) SELECT db, collection, id, ? "
                               "FROM documents WHERE db = ? AND collection = ? " + _REMOVED_AGAIN,
                               (seq, name, collection))
                    db.execute("DELETE FROM documents WHERE db = ? AND collection = ?", (name, collection))
                elif body is None:
                    db.execute("DELETE FROM documents WHERE db = ? AND collection = ? AND id = ?",
                               (name, collection, key))
                    db.execute("INSERT INTO removed (db, collection, id, seq) VALUES (?, ?, ?, ?) " + _REMOVED_AGAIN,
                               (name, collection, key, seq))
                else:
                    db.execute("INSERT INTO documents (db, collection, id, body, seq) VALUES (?, ?, ?, ?, ?) "
                               "ON CONFLICT (db, collection, id) DO UPDATE SET body = excluded.body, "
                               "seq = excluded.seq",
                               (name, collection, key, body, seq))
                    db.execute("DELETE FROM removed WHERE db = ? AND collection = ? AND id = ?",
                               (name, collection, key))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        self._seq = seq

    def checkpoint(self) -> None:
        """Commit what is pending, copy the write-ahead log into the data file and empty the log: the log's older
        page images (erased referrals' bodies among them) are then nowhere on disk."""
        self.sync()
        with self._commit_lock:
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def _flush_forever(self) -> None:
        while True:
            self._dirty.wait()
            time.sleep(FLUSH_S)  # let a burst of writes gather into one commit
            self._dirty.clear()
            try:
                self.sync()
            except Exception:  # a full disk must not end the flusher: the writes stay queued and it tries again
                log.exception("could not write to %s; retrying", self.path)
                time.sleep(1)

    def close(self) -> None:
        """Commit what is pending (a clean stop loses nothing) and close the file."""
        try:
            self.sync()
        finally:
            self._db.close()
            self._lock_file.release()


class EmbeddedStore(ServerStore):
    """mongomock-ng's server store, its writes journalled when `journal` is given (else memory only)."""

    def __init__(self, journal: Journal | None = None):
        super().__init__()
        self.journal = journal

    def __getitem__(self, db_name):
        if db_name not in self._databases:
            self._databases[db_name] = _Database(db_name, self.journal)
        return self._databases[db_name]

    def sync(self) -> None:
        """Every write so far on disk (nothing to do in memory only)."""
        if self.journal is not None:
            self.journal.sync()

    def forget_erased(self) -> None:
        """What was erased so far is unreadable in the files too (the referral sweep asks after each pass; what a real
        MongoDB keeps regardless is listed in api/services/referrals/sweep.py)."""
        if self.journal is not None:
            self.journal.checkpoint()


class _Database(DatabaseStore):
    def __init__(self, name: str, journal: Journal | None):
        super().__init__()
        self.name, self.journal = name, journal

    def __getitem__(self, col_name):
        if col_name not in self._collections:
            self._collections[col_name] = _Collection(col_name, self.name, self.journal)
        return self._collections[col_name]

    def rename(self, name, new_name):
        super().rename(name, new_name)
        if self.journal is None:
            return
        renamed = self._collections[new_name]
        with self.journal.lock:
            self.journal.record_drop(self.name, name)
            self.journal.record_drop(self.name, new_name)
            for key, document in renamed._documents.items():
                self.journal.record(self.name, new_name, key, bson.encode(document, codec_options=CODEC))


class _Collection(CollectionStore):
    def __init__(self, name: str, db_name: str, journal: Journal | None):
        super().__init__(name)
        self.db_name, self.journal = db_name, journal

    def __setitem__(self, key, val):
        if self.journal is None:
            return super().__setitem__(key, val)
        body = bson.encode(val, codec_options=CODEC)  # before memory changes: what cannot be stored is refused
        with self.journal.lock:
            super().__setitem__(key, val)
            self.journal.record(self.db_name, self.name, key, body)

    def __delitem__(self, key):
        if self.journal is None:
            return super().__delitem__(key)
        with self.journal.lock:
            super().__delitem__(key)
            self.journal.record(self.db_name, self.name, key, None)

    def drop(self):
        if self.journal is None:
            return super().drop()
        with self.journal.lock:
            super().drop()
            self.journal.record_drop(self.db_name, self.name)

    def abort_transaction(self):
        # mongomock-ng puts the collection back as it was wholesale: journal it wholesale too.
        super().abort_transaction()
        if self.journal is None:
            return
        with self.journal.lock:
            self.journal.record_drop(self.db_name, self.name)
            for key, document in self._documents.items():
                self.journal.record(self.db_name, self.name, key, bson.encode(document, codec_options=CODEC))
