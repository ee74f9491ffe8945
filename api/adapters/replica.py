"""A read-only copy of the embedded default's public directory, for serving processes beside its one writer.

A follower process loads the directory's collections from the data file (api/adapters/data_file.py) into its own
mongomock-ng. Before each request it asks SQLite whether another connection committed since it last looked
(`PRAGMA data_version`: microseconds) and, when one did, applies the rows numbered above what it holds. The writer
commits before it answers, so a read that starts after a write was acknowledged sees that write, whichever process
serves it: no stale read after a partner's own edit.

Only the collections public reads need are copied: accounts, devices and referrals stay in the writer alone.
"""

import json
import logging
import sqlite3
import threading
import time
from pathlib import Path

import bson
from mongomock_ng.store import CollectionStore

from api.adapters.data_file import CODEC, last_seq, store_key
from api.adapters.embedded_store import EmbeddedStore
from api.models import changes

log = logging.getLogger(__name__)
# Rows numbered in (?1, ?2] of the collections named in the JSON array ?3: bodies, and ids of removals.
_ROWS = """SELECT seq, db, collection, body, 0 FROM documents WHERE seq > ?1 AND seq <= ?2
               AND collection IN (SELECT value FROM json_each(?3))
           UNION ALL SELECT seq, db, collection, id, 1 FROM removed WHERE seq > ?1 AND seq <= ?2
               AND collection IN (SELECT value FROM json_each(?3))
           ORDER BY seq"""


class Replica:
    """mongomock-ng's store, filled from the data file at `path` and kept up with it by `catch_up()`."""

    def __init__(self, path: Path, collections: frozenset[str]):
        self.path, self._collections = path, collections
        self._names = json.dumps(sorted(collections))
        self.store = EmbeddedStore(ReadOnly())
        self.reopen()
        self.position = 0  # the highest row number applied

    def reopen(self) -> None:
        """Its own connection to the file: at start, and in each process forked from one that loaded the copy
        (SQLite connections must not cross a fork)."""
        # Read-only: this process can never write the file, whatever a bug in it tries.
        self._db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, isolation_level=None,
                                   check_same_thread=False)
        self._lock = threading.Lock()
        self._version = None  # data_version counts per connection: the next catch_up reads what is new

    def load(self) -> None:
        """Everything in the file, read in one transaction."""
        with self._lock:
            self._load()

    def close(self) -> None:
        """Let go of the file."""
        self._db.close()

    def catch_up(self) -> None:
        """Apply whatever the writer committed since the last call (nothing to read when it committed nothing).
        All of it happens under the lock: a read that finds nothing new to apply finds the last catch-up done."""
        with self._lock:
            version = self._data_version()
            if version == self._version:
                return
            if self.position < self._horizon():
                # Further behind than the file remembers removals (the writer restarted meanwhile): start over.
                log.warning("replica: behind what %s remembers; loading it again", self.path)
                self._empty()
                self._load()
                return
            with self._reading():
                upto = last_seq(self._db)
                applied = [self._apply(*row) for row in self._db.execute(_ROWS, (self.position, upto, self._names))]
            self.position = upto  # what lies between is other collections', which a replica does not hold
            self._version = version
            news = [change for change in applied if change is not None]
            if news:
                changes.RECENT.replay(news)
                changes.SIGNAL.notify()

    def _load(self) -> None:
        started = time.perf_counter()
        with self._reading():
            self._version = self._data_version()
            self.position = last_seq(self._db)
            count, newest = 0, 0
            for db, collection, body in self._db.execute("SELECT db, collection, body FROM documents ORDER BY rowid"):
                if collection in self._collections:
                    document = bson.decode(body, codec_options=CODEC)
                    CollectionStore.__setitem__(self.store[db][collection], store_key(document), document)
                    newest = max(newest, document.get("change_seq", 0))
                    count += 1
        changes.RECENT.mirror(newest)
        log.info("replica: %d documents loaded from %s in %.1f s", count, self.path, time.perf_counter() - started)

    def _apply(self, _seq: int, db: str, collection: str, body: bytes, removal: int) -> changes.Change | None:
        """One row: a document's new body, or (from `removed`) its id; the change it makes to the directory."""
        store = self.store[db][collection]
        document = bson.decode(body, codec_options=CODEC)
        if removal:  # the directory's removals also arrive as tombstones, numbered: nothing to announce here
            try:
                CollectionStore.__delitem__(store, store_key(document))
            except KeyError:
                pass  # removed before this replica loaded it
            return None
        CollectionStore.__setitem__(store, store_key(document), document)
        if collection == changes.Tombstone._get_collection_name():
            return changes.Change(document["change_seq"], document["collection"], document["document_id"], True)
        if "change_seq" in document:
            return changes.Change(document["change_seq"], collection, str(document["_id"]), False)
        return None

    def _empty(self) -> None:
        for database in self.store._databases.values():
            for collection in database._collections.values():
                with collection._rwlock.writer():
                    collection._documents.clear()

    def _data_version(self) -> int:
        return self._db.execute("PRAGMA data_version").fetchone()[0]

    def _horizon(self) -> int:
        row = self._db.execute("SELECT max(seq) FROM horizon").fetchone()
        return row[0] or 0

    def _reading(self):
        """One read transaction: every row read in it is from the same commit."""
        return _Transaction(self._db)


class ReadOnly:
    """Where the writer's journal would be in a follower's store: a write through mongomock-ng here is a bug (the
    one writer is another process), refused before memory changes."""

    @property
    def lock(self):
        """What every write through mongomock-ng takes first: here, the refusal."""
        raise PermissionError("this process serves reads only; writes go to the writer")

    def sync(self) -> None:
        """Nothing is ever pending here."""

    def close(self) -> None:
        """Nothing to let go of here (the replica closes its connection to the file)."""


class _Transaction:
    def __init__(self, db: sqlite3.Connection):
        self._db = db

    def __enter__(self):
        self._db.execute("BEGIN")

    def __exit__(self, *exc):
        self._db.execute("COMMIT")
