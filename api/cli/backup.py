"""`lantern backup` / `lantern restore` at work: every collection to one file and back, on either way to run."""

from pathlib import Path

from api.adapters import archive
from api.adapters.backup import EmbeddedBackup, MongoBackup
from api.config import Config


def side(config: Config):
    """What this configuration backs up and restores: MONGODB_URI's database, or the embedded default's DATA_DIR."""
    if config.MONGODB_URI is None:
        if config.EPHEMERAL:
            raise ValueError("EPHEMERAL=1 keeps the embedded database in memory only: there is no data file to back "
                             "up or restore (unset EPHEMERAL)")
        return EmbeddedBackup(config.DATA_DIR, config.MONGODB_DB)
    from pymongo import MongoClient
    client = MongoClient(config.MONGODB_URI, serverSelectionTimeoutMS=3000, uuidRepresentation="standard")
    return MongoBackup(client[config.MONGODB_DB])


def backup(config: Config, path: str) -> str:
    """Write every collection to path; returns the summary line."""
    counts = archive.write(Path(path), config.MONGODB_DB, side(config).collections())
    return f"backed up {sum(counts.values())} documents in {len(counts)} collections to {path}"


def restore(config: Config, path: str, force: bool) -> str:
    """Put a backup's collections back (replacing what is there only with force); returns the summary line."""
    counts = side(config).restore(archive.read(Path(path)), replace=force)
    return (f"restored {sum(counts.values())} documents in {len(counts)} collections from {path}; "
            "start Lantern to serve them")
