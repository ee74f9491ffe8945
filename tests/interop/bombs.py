"""Upload bombs built in memory (small files that unpack or parse into something huge), and a memory meter."""

import io
import json
import struct
import tracemalloc
import zipfile
from contextlib import contextmanager
from types import SimpleNamespace

MB = 1024 * 1024
GOOD_SERVICE = {"id": "s1", "name": "Drop-in", "status": "active", "organization_id": "o1"}


@contextmanager
def memory_peak():
    """Measures the peak of Python allocations inside the block: `with memory_peak() as used: ...; used.mb`."""
    used = SimpleNamespace(mb=0.0)
    tracemalloc.start()
    try:
        yield used
    finally:
        used.mb = tracemalloc.get_traced_memory()[1] / MB
        tracemalloc.stop()


def zip_of(*files: tuple[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in files:
            archive.writestr(name, data)
    return buffer.getvalue()


def million_row_services() -> bytes:
    """~2 KB: services.csv of a million one-character rows."""
    return zip_of(("services.csv", b"id\n" + b"x\n" * 1_000_000))


def junk_ndjson(lines: int = 1_000_000) -> bytes:
    """One good service, then lines that are not JSON (2 MB for a million)."""
    return json.dumps(GOOD_SERVICE).encode() + b"\n" + b"x\n" * lines


def many_files(count: int = 20_000) -> bytes:
    """A datapackage with thousands of other files beside it."""
    return zip_of(("services.csv", b"id,name\ns1,Drop-in\n"), *((f"extra/t{i}.csv", b"a\n") for i in range(count)))


def declared_size(data: bytes, size: int) -> bytes:
    """The zip with its first file's unpacked size rewritten, in the directory and the local header alike."""
    forged = bytearray(data)
    struct.pack_into("<I", forged, 22, size)  # local file header: uncompressed size
    struct.pack_into("<I", forged, forged.rfind(b"PK\x01\x02") + 24, size)  # central directory entry
    return bytes(forged)
