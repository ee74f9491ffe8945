"""The embedded default's data file: SQLite in WAL mode, its tables, and the lock that keeps it to one writer.

api/adapters/embedded_store.py writes it (and says why SQLite); api/adapters/replica.py follows it from other
processes; api/adapters/backup.py copies it.
"""

import sqlite3
from contextlib import closing
from pathlib import Path

import bson
from bson.binary import UuidRepresentation
from bson.codec_options import CodecOptions
from filelock import FileLock, Timeout
from mongomock_ng import helpers

from api.errors import ConfigurationError

# As mongomock-ng holds documents: plain dicts, naive UTC datetimes, UUIDs as the standard binary subtype.
CODEC = CodecOptions(document_class=dict, tz_aware=False, uuid_representation=UuidRepresentation.STANDARD)
FILE_NAME = "lantern.sqlite3"
LOCK_NAME = "lantern.lock"
# A server killed with kill -9 may leave its worker a moment behind it: wait that long before refusing to start.
LOCK_WAIT_S = 10.0
# Every row written takes the next `seq`, and a removal leaves its id and number in `removed`: processes that follow
# the file (api/adapters/replica.py) read just the rows numbered above what they hold.
SCHEMA = """CREATE TABLE IF NOT EXISTS documents (
    db TEXT NOT NULL, collection TEXT NOT NULL, id BLOB NOT NULL, body BLOB NOT NULL, seq INTEGER NOT NULL DEFAULT 0,
    UNIQUE (db, collection, id));
CREATE TABLE IF NOT EXISTS removed (
    db TEXT NOT NULL, collection TEXT NOT NULL, id BLOB NOT NULL, seq INTEGER NOT NULL, UNIQUE (db, collection, id));
CREATE TABLE IF NOT EXISTS horizon (seq INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS documents_seq ON documents (seq);
CREATE INDEX IF NOT EXISTS removed_seq ON removed (seq)"""
# Removals remembered for followers; the older ones are forgotten at start, and a follower behind them reloads.
KEEP_REMOVED = 100_000


def id_key(document_id) -> bytes:
    """The SQLite key of a document id, whatever its BSON type."""
    return bson.encode({"_id": document_id}, codec_options=CODEC)


def store_key(document: dict):
    """The key mongomock-ng files a document under (dict ids are hashed)."""
    key = document["_id"]
    return helpers.hashdict(key) if isinstance(key, dict) else key


def connect(path: Path) -> sqlite3.Connection:
    """The data file, created if missing, in WAL mode with an fsync on every commit."""
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    # Whatever is deleted or overwritten is zeroed in the file, not left in free space (erased referrals, say).
    db.execute("PRAGMA secure_delete=ON")
    if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'documents'").fetchone() and not any(
            column[1] == "seq" for column in db.execute("PRAGMA table_info(documents)")):
        db.execute("ALTER TABLE documents ADD COLUMN seq INTEGER NOT NULL DEFAULT 0")  # a file from before followers
    db.executescript(SCHEMA)
    return db


def followable(path: Path) -> bool:
    """Whether the file holds data in the layout replicas follow (else the writer must make or upgrade it first)."""
    if not path.exists():
        return False
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return {"documents", "removed", "horizon"} <= tables and bool(
            db.execute("SELECT 1 FROM documents LIMIT 1").fetchone())


def last_seq(db: sqlite3.Connection) -> int:
    """The highest row number in the file (0 when empty)."""
    return db.execute("SELECT max(coalesce((SELECT max(seq) FROM documents), 0), "
                      "coalesce((SELECT max(seq) FROM removed), 0), coalesce((SELECT max(seq) FROM horizon), 0))"
                      ).fetchone()[0]


def forget_old_removals(db: sqlite3.Connection) -> None:
    """Keep the newest KEEP_REMOVED removals; the horizon says below which number followers must reload instead."""
    cutoff = db.execute("SELECT seq FROM removed ORDER BY seq DESC LIMIT 1 OFFSET ?", (KEEP_REMOVED,)).fetchone()
    if cutoff is not None:
        with db:
            db.execute("DELETE FROM removed WHERE seq <= ?", cutoff)
            db.execute("DELETE FROM horizon")
            db.execute("INSERT INTO horizon (seq) VALUES (?)", cutoff)


def holder(data_dir: Path, wait_s: float = LOCK_WAIT_S) -> FileLock:
    """The data directory's lock, taken: one process writes there at a time (held until the process ends)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(data_dir / LOCK_NAME)
    try:
        lock.acquire(timeout=wait_s)
    except Timeout:
        raise ConfigurationError(f"another Lantern process is using {data_dir} (its lock {data_dir / LOCK_NAME} is "
                                 "held): stop it first, or give this one its own DATA_DIR (or --ephemeral)") from None
    return lock
