"""Lantern's backup file: mongodump's directory layout in a gzipped tar, so MongoDB's own tools can read it too.

Inside: dump/<db>/<collection>.bson (the documents as concatenated BSON, exactly what mongodump writes) and
dump/<db>/<collection>.metadata.json (its indexes, in canonical extended JSON). Extracted, the folder restores with
`mongorestore dump/`; `lantern restore` reads the tar itself, into either way to run.
"""

import struct
import tarfile
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from bson import json_util

PREFIX = "dump"
SPOOL_BYTES = 16 * 1024 * 1024  # a collection's BSON is kept in memory up to this, then in a temporary file


def split_documents(raw: bytes) -> Iterator[bytes]:
    """Each document of concatenated BSON (every document starts with its own int32 length)."""
    offset = 0
    while offset < len(raw):
        (length,) = struct.unpack_from("<i", raw, offset)
        yield raw[offset:offset + length]
        offset += length


def write(path: Path, db_name: str, collections: Iterable[tuple[str, Iterable[bytes], list[dict]]]) -> dict[str, int]:
    """Write (collection name, BSON chunks, indexes) to a new backup file; returns the documents per collection."""
    counts = {}
    with tarfile.open(path, "w:gz") as tar:
        for name, chunks, indexes in collections:
            with tempfile.SpooledTemporaryFile(SPOOL_BYTES) as spool:
                count = 0
                for chunk in chunks:
                    spool.write(chunk)
                    count += sum(1 for _ in split_documents(chunk))
                _add(tar, f"{PREFIX}/{db_name}/{name}.bson", spool)
            metadata = {"indexes": indexes, "uuid": "", "collectionName": name, "type": "collection"}
            with tempfile.SpooledTemporaryFile(SPOOL_BYTES) as spool:
                spool.write(json_util.dumps(metadata, json_options=json_util.CANONICAL_JSON_OPTIONS).encode())
                _add(tar, f"{PREFIX}/{db_name}/{name}.metadata.json", spool)
            counts[name] = count
    return counts


def _add(tar: tarfile.TarFile, name: str, spool) -> None:
    info = tarfile.TarInfo(name)
    info.size = spool.tell()
    spool.seek(0)
    tar.addfile(info, spool)


def read(path: Path) -> Iterator[tuple[str, Iterator[bytes]]]:
    """(collection name, its documents as BSON) for every collection in a backup file, one at a time."""
    try:
        tar = tarfile.open(path, "r:*")
    except (tarfile.TarError, OSError) as error:
        raise ValueError(f"{path} is not a Lantern backup (a tar of mongodump's layout): {error}") from None
    with tar:
        for member in tar:
            parts = member.name.split("/")
            if not (member.isfile() and len(parts) == 3 and parts[0] == PREFIX and parts[2].endswith(".bson")):
                continue  # metadata: the models declare their indexes and make them at start
            yield parts[2].removesuffix(".bson"), _documents(tar.extractfile(member))


def _documents(stream) -> Iterator[bytes]:
    """Each BSON document of a stream, read one at a time rather than the collection at once."""
    while head := stream.read(4):
        (length,) = struct.unpack("<i", head)
        body = stream.read(length - 4)
        if len(head) < 4 or length < 5 or len(body) < length - 4:
            raise ValueError("the backup file is cut short (a document ends before its length says)")
        yield head + body
