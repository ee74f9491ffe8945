"""Backup and restore for both ways to run: the embedded default's data file, or a real MongoDB database.

Each side gives its collections as BSON (`collections()`) and takes them back (`restore()`), so a backup of one
restores into the other. The file format is api/adapters/archive.py.
"""

import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

import bson
from bson.raw_bson import RawBSONDocument

from api.adapters.data_file import CODEC, FILE_NAME, connect, holder, id_key

ID_INDEX = {"v": 2, "key": {"_id": 1}, "name": "_id_"}
BATCH = 1000


class NotEmpty(Exception):
    """The store holds data, and restoring would replace it: refused unless asked (--force)."""


Collections = Iterable[tuple[str, Iterable[bytes]]]


class MongoBackup:
    """A real MongoDB database (MONGODB_URI, MONGODB_DB)."""

    def __init__(self, database):
        self.database = database

    def collections(self) -> Iterator[tuple[str, Iterable[bytes], list[dict]]]:
        for name in sorted(self.database.list_collection_names()):
            if not name.startswith("system."):
                collection = self.database[name]
                yield name, collection.find_raw_batches(), [dict(index) for index in collection.list_indexes()]

    def restore(self, collections: Collections, replace: bool) -> dict[str, int]:
        """Insert every document of collections; refuses (NotEmpty) over existing data unless `replace`."""
        names = [name for name in self.database.list_collection_names() if not name.startswith("system.")]
        if any(self.database[name].estimated_document_count() for name in names):
            if not replace:
                raise NotEmpty(f"MongoDB database {self.database.name!r}")
            for name in names:
                self.database.drop_collection(name)
        counts = {}
        for name, documents in collections:
            counts[name] = 0
            for batch in _batches(RawBSONDocument(raw) for raw in documents):
                self.database[name].insert_many(batch, ordered=False)
                counts[name] += len(batch)
        return counts


class EmbeddedBackup:
    """The embedded default's data file in DATA_DIR; read while the server runs, written only while it does not."""

    def __init__(self, data_dir: Path, db_name: str):
        self.path, self.data_dir, self.db_name = data_dir / FILE_NAME, data_dir, db_name

    def collections(self) -> Iterator[tuple[str, Iterable[bytes], list[dict]]]:
        if not self.path.is_file():
            raise FileNotFoundError(f"no data at {self.path} (DATA_DIR): nothing to back up")
        db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, isolation_level=None)
        try:
            db.execute("BEGIN")  # one read transaction: a consistent copy even while the server writes
            names = [row[0] for row in db.execute(
                "SELECT DISTINCT collection FROM documents WHERE db = ? ORDER BY collection", (self.db_name,))]
            for name in names:
                rows = db.execute("SELECT body FROM documents WHERE db = ? AND collection = ? ORDER BY rowid",
                                  (self.db_name, name))
                # Only the _id index: the models declare the others and make them at every start.
                yield name, (body for (body,) in rows), [ID_INDEX]
        finally:
            db.close()

    def restore(self, collections: Collections, replace: bool) -> dict[str, int]:
        """Write every document into the data file, in one transaction; the server must be stopped (its lock)."""
        lock = holder(self.data_dir, wait_s=0)
        db = connect(self.path)
        try:
            if db.execute("SELECT 1 FROM documents WHERE db = ? LIMIT 1", (self.db_name,)).fetchone():
                if not replace:
                    raise NotEmpty(str(self.path))
            db.execute("BEGIN")
            db.execute("DELETE FROM documents WHERE db = ?", (self.db_name,))
            counts = {}
            for name, documents in collections:
                rows = ((self.db_name, name, id_key(bson.decode(raw, codec_options=CODEC)["_id"]), raw)
                        for raw in documents)
                before = db.total_changes
                db.executemany("INSERT OR REPLACE INTO documents (db, collection, id, body) VALUES (?, ?, ?, ?)", rows)
                counts[name] = db.total_changes - before
            db.execute("COMMIT")
            return counts
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        finally:
            db.close()
            lock.release()


def _batches(items: Iterable, size: int = BATCH) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
