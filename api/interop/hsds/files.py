"""Reading an HSDS file into records: JSON (one object, a list or an HSDS Page), ndjson, or the CSV datapackage.

Whatever the shape, the result is the same Bundle: the organizations by id, the services (fully nested, each
knowing its organization's id), and each record's position for the error report. A record that cannot be read at
all (not an object, a line that is not JSON) is a per-record error here; only a file that cannot be read as a
whole (too large, not UTF-8, not JSON at all, a zip without services.csv, past a limit) raises HsdsFileError.
Records (services and records that cannot be read) are counted as they are read, and reading stops at the first
one past the record limit.
"""

import io
import json
import zipfile
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path

from api.errors import LanternError
from api.i18n.text import gettext as _
from api.i18n.text import number as figure  # (a number in the current language)
from api.interop.hsds.datapackage import TablesError, from_folder, from_zip
from api.interop.hsds.links import joined
from api.interop.hsds.tables import all_terms, nest_tables
from api.interop.json_items import array_items, starts_array
from api.interop.limits import ImportLimits, megabytes

DEFAULTS = ImportLimits()
MAX_BYTES, MAX_RECORDS = DEFAULTS.hsds_bytes, DEFAULTS.hsds_records
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
    limits: ImportLimits = field(default=DEFAULTS, repr=False)
    linked: dict = field(default_factory=dict, repr=False)  # services read from service_at_locations, by id

    def add(self, position: int, record, organization_id: str | None = None) -> None:
        """One top-level record: a service, or an organization with its services nested."""
        if not isinstance(record, dict):
            self.unread(position, _("a record must be a JSON object, not {kind}", kind=type(record).__name__))
        elif isinstance(record.get("service"), dict):  # a service_at_location: read as its service (links.py)
            if (service := joined(record, self.linked)) is not None:
                self.add(position, service, organization_id)
        elif any(key in record for key in SERVICE_KEYS):
            if organization_id and not record.get("organization_id"):
                record = record | {"organization_id": organization_id}
            self.services.append((position, record))
        else:
            org_id = record.get("id")
            if isinstance(org_id, str) and org_id:
                self.organizations.setdefault(org_id, record)
                if len(self.organizations) > self.limits.hsds_records:
                    raise HsdsFileError(_("The file has more than {count} organizations.",
                                                          count=figure(self.limits.hsds_records)))
            services = record.get("services") or []
            if not isinstance(services, list):
                self.unread(position, _("services must be a list"))
                return
            if not services and not (isinstance(org_id, str) and org_id):
                self.unread(position, _("neither a service nor an organization (no id, no status)"))
            for service in services:
                self.add(position, service, org_id if isinstance(org_id, str) else None)
        self.check_count()

    def unread(self, position: int, message: str) -> None:
        """A record that cannot be read: its own error in the report."""
        self.unreadable.append((position, message))
        self.check_count()

    def check_count(self) -> None:
        """Stop reading at the first record past the limit: services and unreadable records count."""
        if len(self.services) + len(self.unreadable) > self.limits.hsds_records:
            raise HsdsFileError(_("The file has more than {count} services (or records that cannot be read): split it "
                                  "into smaller files.", count=figure(self.limits.hsds_records)))


def read_path(path: Path, limits: ImportLimits = DEFAULTS) -> Bundle:
    """A file (.json, .ndjson, .zip) or a directory holding the CSV datapackage."""
    if path.is_dir():
        try:
            return _from_tables(from_folder(path, limits), limits)
        except TablesError as error:
            raise HsdsFileError(str(error)) from None
    if path.stat().st_size > limits.hsds_bytes:
        raise HsdsFileError(_too_large(limits))
    return read_bytes(path.read_bytes(), path.name, limits)


def read_bytes(data: bytes, filename: str = "", limits: ImportLimits = DEFAULTS) -> Bundle:
    """An uploaded file: a zip of the CSV datapackage, else JSON or ndjson (told apart by their content)."""
    if len(data) > limits.hsds_bytes:
        raise HsdsFileError(_too_large(limits))
    if data[:4] == b"PK\x03\x04" or filename.lower().endswith(".zip"):
        return _from_zip(data, limits)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise HsdsFileError(_("The file is not UTF-8 text (byte {byte}).", byte=error.start + 1)) from None
    if not text.strip():
        raise HsdsFileError(_("The file is empty."))
    bundle = Bundle(limits=limits)
    try:
        if starts_array(text):  # the usual shape, decoded a record at a time so that counting can stop it
            for position, record in enumerate(array_items(text), start=1):
                bundle.add(position, record)
            return bundle
        document = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return _from_ndjson(text, limits)
    records = document.get("contents") if isinstance(document, dict) and "contents" in document else document
    if isinstance(records, dict):
        records = [records]
    if not isinstance(records, list):
        raise HsdsFileError(_("The file holds neither HSDS objects nor a list of them."))
    for position, record in enumerate(records, start=1):
        bundle.add(position, record)
    return bundle


def _from_ndjson(text: str, limits: ImportLimits) -> Bundle:
    bundle, good = Bundle(limits=limits), 0
    # Line by line as they are read (not a list of every line first): reading stops at the record limit.
    for position, line in enumerate(io.StringIO(text), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as error:
            bundle.unread(position, _("not JSON ({error})", error=getattr(error, "msg", "nested too deeply")))
            continue
        good += 1
        bundle.add(position, record)
    if not good:
        raise HsdsFileError(_("The file is neither JSON nor newline-delimited JSON (ndjson)."))
    return bundle


def _from_zip(data: bytes, limits: ImportLimits) -> Bundle:
    try:
        tables = from_zip(data, limits)
    except TablesError as error:
        raise HsdsFileError(str(error)) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as error:
        raise HsdsFileError(_("The file is not a readable zip archive ({error}).", error=error)) from None
    return _from_tables(tables, limits)


def _from_tables(tables: dict[str, list[dict]], limits: ImportLimits) -> Bundle:
    if "services.csv" not in tables:
        raise HsdsFileError(_("The datapackage has no services.csv."))
    organizations, services, unreadable = nest_tables(tables)
    return Bundle(organizations, services, unreadable, all_terms(tables), limits)


def _too_large(limits: ImportLimits) -> str:
    return _("The file is larger than {size}: split it into smaller files.", size=megabytes(limits.hsds_bytes))
