"""Reading an HSDS file into records: JSON (one object, a list or an HSDS Page), ndjson, or the CSV datapackage.

Whatever the shape, the result is the same Bundle: the organizations by id, the services (fully nested, each
knowing its organization's id), and each record's position for the error report. A record that cannot be read at
all (not an object, a line that is not JSON) is a per-record error here; only a file that cannot be read as a
whole (too large, not UTF-8, not JSON at all, a zip without services.csv) raises HsdsFileError.
"""

import io
import json
import zipfile
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path

from api.errors import LanternError
from api.interop.hsds.tables import MAX_TABLE_BYTES, all_terms, nest_tables

MAX_BYTES = 20 * 1024 * 1024
MAX_RECORDS = 10_000
# Keys only a service has (status is required of every HSDS service; organizations have none of these).
SERVICE_KEYS = ("organization_id", "organization", "status", "service_at_locations", "schedules", "capacities")


class HsdsFileError(LanternError):
    """The file as a whole cannot be read: none of its records was looked at."""

    http_status = HTTPStatus.UNPROCESSABLE_ENTITY


@dataclass
class Bundle:
    """An HSDS file's records: organizations by id, services as (position, nested object), unreadable records."""

    organizations: dict[str, dict] = field(default_factory=dict)
    services: list[tuple[int, dict]] = field(default_factory=list)
    unreadable: list[tuple[int, str]] = field(default_factory=list)
    terms: list[dict] = field(default_factory=list)  # taxonomy_term objects given on their own (CSV)

    def add(self, position: int, record, organization_id: str | None = None) -> None:
        """One top-level record: a service, or an organization with its services nested."""
        if not isinstance(record, dict):
            self.unreadable.append((position, f"a record must be a JSON object, not {type(record).__name__}"))
        elif any(key in record for key in SERVICE_KEYS):
            if organization_id and not record.get("organization_id"):
                record = record | {"organization_id": organization_id}
            self.services.append((position, record))
        else:
            org_id = record.get("id")
            if isinstance(org_id, str) and org_id:
                self.organizations.setdefault(org_id, record)
            services = record.get("services") or []
            if not isinstance(services, list):
                self.unreadable.append((position, "services must be a list"))
                return
            if not services and not (isinstance(org_id, str) and org_id):
                self.unreadable.append((position, "neither a service nor an organization (no id, no status)"))
            for service in services:
                self.add(position, service, org_id if isinstance(org_id, str) else None)
        if len(self.services) > MAX_RECORDS:
            raise HsdsFileError(f"The file has more than {MAX_RECORDS:,} services: split it into smaller files.")


def read_path(path: Path) -> Bundle:
    """A file (.json, .ndjson, .zip) or a directory holding the CSV datapackage."""
    if path.is_dir():
        tables = {item.name: item.read_bytes() for item in path.iterdir()
                  if item.suffix == ".csv" and item.stat().st_size <= MAX_TABLE_BYTES}
        return _from_tables(tables)
    if path.stat().st_size > MAX_BYTES:
        raise HsdsFileError(_too_large())
    return read_bytes(path.read_bytes(), path.name)


def read_bytes(data: bytes, filename: str = "") -> Bundle:
    """An uploaded file: a zip of the CSV datapackage, else JSON or ndjson (told apart by their content)."""
    if len(data) > MAX_BYTES:
        raise HsdsFileError(_too_large())
    if data[:4] == b"PK\x03\x04" or filename.lower().endswith(".zip"):
        return _from_zip(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise HsdsFileError(f"The file is not UTF-8 text (byte {error.start + 1}).") from None
    if not text.strip():
        raise HsdsFileError("The file is empty.")
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return _from_ndjson(text)
    bundle = Bundle()
    records = document.get("contents") if isinstance(document, dict) and "contents" in document else document
    if isinstance(records, dict):
        records = [records]
    if not isinstance(records, list):
        raise HsdsFileError("The file holds neither HSDS objects nor a list of them.")
    for position, record in enumerate(records, start=1):
        bundle.add(position, record)
    return bundle


def _from_ndjson(text: str) -> Bundle:
    bundle, lines = Bundle(), text.splitlines()
    good = 0
    for position, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as error:
            bundle.unreadable.append((position, f"not JSON ({getattr(error, 'msg', 'nested too deeply')})"))
            continue
        good += 1
        bundle.add(position, record)
    if not good:
        raise HsdsFileError("The file is neither JSON nor newline-delimited JSON (ndjson).")
    return bundle


def _from_zip(data: bytes) -> Bundle:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        tables = {}
        for info in archive.infolist():
            name = info.filename.rsplit("/", 1)[-1]
            if name.endswith(".csv"):
                if info.file_size > MAX_TABLE_BYTES:  # the size it claims unpacked: no zip bomb is opened
                    raise HsdsFileError(f"{name} is larger than {MAX_TABLE_BYTES // (1024 * 1024)} MB unpacked.")
                tables[name] = archive.read(info)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as error:
        raise HsdsFileError(f"The file is not a readable zip archive ({error}).") from None
    return _from_tables(tables)


def _from_tables(tables: dict[str, bytes]) -> Bundle:
    if "services.csv" not in tables:
        raise HsdsFileError("The datapackage has no services.csv.")
    try:
        organizations, services, unreadable = nest_tables(tables)
    except ValueError as error:
        raise HsdsFileError(str(error)) from None
    bundle = Bundle(organizations, services, unreadable, all_terms(tables))
    if len(bundle.services) > MAX_RECORDS:
        raise HsdsFileError(f"The file has more than {MAX_RECORDS:,} services: split it into smaller files.")
    return bundle


def _too_large() -> str:
    return f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB: split it into smaller files."
