"""The HSDS CSV datapackage's tables, from a zip or a folder, read within limits while they stream.

A zip of a few KB can unpack to gigabytes or declare thousands of files, and its headers can lie. So before anything
is unpacked: the number of files (from the archive's end record, before its directory is parsed) and the sizes the
tables declare, alone and together; while unpacking: the bytes really read, against what the table declared and
against what is left of the total; while parsing: each header's columns, and the rows and their filled cells, so a
million-row table stops at the record limit having kept only that many. Tables the import does not map
(api/interop/hsds/tables.py TABLES) are never opened.
"""

import csv
import io
import struct
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from api.errors import LanternError
from api.i18n.text import gettext as _
from api.i18n.text import number as figure  # (a number in the current language)
from api.interop.hsds.tables import TABLES
from api.interop.limits import ImportLimits, megabytes

ROWS_PER_RECORD = 20  # the tables together, per service: its phones, schedules, attributes, places, ...
MAX_LINE = 1024 * 1024  # characters in one line of a table: csv's own field limit is 128 KB
# Each row is kept as a dict of its filled cells, which costs ~15 times their text: 200,000 columns made each row of
# bare commas 10 MB. So a header has at most MAX_COLUMNS (HSDS's widest table, services, has 25; a publisher's own
# columns are kept as extra data), and the tables together at most CELLS_PER_ROW filled cells a row on average.
MAX_COLUMNS = 256
CELLS_PER_ROW = 25
END_RECORD = b"PK\x05\x06"  # the zip's end of central directory record (APPNOTE.TXT 4.3.16), 22 bytes + a comment
DIRECTORY_BYTES_PER_FILE = 1024  # a directory entry is 46 bytes, its name and extra fields: generous


class TablesError(LanternError):
    """The datapackage as a whole cannot be read within the limits (the message says which and why)."""


class _Budget:
    """What is left of the unpacked bytes and of the rows, for all the tables together."""

    def __init__(self, limits: ImportLimits):
        self.limits = limits
        self.bytes_left = limits.hsds_unpacked
        self.rows_left = limits.hsds_records * ROWS_PER_RECORD
        self.cells_left = self.rows_left * CELLS_PER_ROW

    def spend_bytes(self, count: int) -> None:
        self.bytes_left -= count
        if self.bytes_left < 0:
            raise TablesError(_("The tables are larger than {size} unpacked.",
                                size=megabytes(self.limits.hsds_unpacked)))

    def spend_row(self) -> None:
        self.rows_left -= 1
        if self.rows_left < 0:
            raise TablesError(_("The tables have more than {rows} rows together (at most {each} for each of {services} "
                                "services): split the file into smaller ones.",
                                rows=figure(self.limits.hsds_records * ROWS_PER_RECORD), each=ROWS_PER_RECORD,
                                services=figure(self.limits.hsds_records)))

    def spend_cells(self, count: int) -> None:
        self.cells_left -= count
        if self.cells_left < 0:
            raise TablesError(_("The tables have more than {cells} filled cells together: split the file into smaller "
                                "ones.", cells=figure(self.limits.hsds_records * ROWS_PER_RECORD * CELLS_PER_ROW)))


class _Metered(io.RawIOBase):
    """A table's bytes as they are read, never more than it declared nor than the budget has left."""

    def __init__(self, source: BinaryIO, name: str, declared: int, budget: _Budget):
        self.source, self.name, self.left, self.budget = source, name, declared, budget

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.source.read(len(buffer))
        self.left -= len(data)
        if self.left < 0:
            raise TablesError(_("{name} unpacks to more than its header says: the zip is damaged or forged.",
                                name=self.name))
        self.budget.spend_bytes(len(data))
        buffer[:len(data)] = data
        return len(data)


def from_zip(data: bytes, limits: ImportLimits) -> dict[str, list[dict]]:
    """The rows of each table the import maps, by file name; TablesError (or BadZipFile) for the archive."""
    _check_directory(data, limits)
    archive = zipfile.ZipFile(io.BytesIO(data))
    members = archive.infolist()
    if len(members) > limits.hsds_entries:
        raise TablesError(_too_many_files(limits))
    wanted = {}
    for info in members:
        name = info.filename.replace("\\", "/").rsplit("/", 1)[-1]
        if name in TABLES and not info.is_dir():
            if name in wanted:
                raise TablesError(_("The zip holds {name} twice: keep one datapackage in it.", name=name))
            wanted[name] = info
    for name, info in wanted.items():
        _check_packing(name, info)
    _check_declared({name: info.file_size for name, info in wanted.items()}, limits)
    budget, tables = _Budget(limits), {}
    for name, info in wanted.items():
        with archive.open(info) as member:
            tables[name] = _rows(name, _Metered(member, name, info.file_size, budget), budget)
    return tables


# What Python's zipfile unpacks; Windows' "Deflate64" and friends would fail only once reading began.
UNPACKABLE_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}


def _check_packing(name: str, info: zipfile.ZipInfo) -> None:
    """Refuse, before unpacking, a table that is encrypted or packed in a way no reader here can open."""
    if info.flag_bits & 0x1:
        raise TablesError(_("{name} is protected with a password: zip the datapackage again without one.", name=name))
    if info.compress_type not in UNPACKABLE_METHODS:
        raise TablesError(_("{name} is packed with a compression method Lantern cannot unpack: zip the datapackage "
                            "again with ordinary (deflate) compression.", name=name))


def from_folder(folder: Path, limits: ImportLimits) -> dict[str, list[dict]]:
    """The rows of each table the import maps from a folder holding the datapackage (the CLI's)."""
    wanted = {item.name: item for item in folder.iterdir() if item.name in TABLES and item.is_file()}
    _check_declared({name: item.stat().st_size for name, item in wanted.items()}, limits)
    budget, tables = _Budget(limits), {}
    for name, item in wanted.items():
        with item.open("rb") as file:
            tables[name] = _rows(name, _Metered(file, name, item.stat().st_size, budget), budget)
    return tables


def _check_directory(data: bytes, limits: ImportLimits) -> None:
    """Refuse a zip that says it holds too many files before its directory is parsed into one object per file."""
    end = data.rfind(END_RECORD, max(0, len(data) - 22 - 65535))
    if end < 0 or end + 22 > len(data):
        return  # not a zip zipfile can open either: it says so
    files, directory_size = struct.unpack_from("<HI", data, end + 10)
    if files > limits.hsds_entries or directory_size > limits.hsds_entries * DIRECTORY_BYTES_PER_FILE:
        raise TablesError(_too_many_files(limits))


def _check_declared(sizes: dict[str, int], limits: ImportLimits) -> None:
    if sum(sizes.values()) > limits.hsds_unpacked:
        raise TablesError(_("The tables are larger than {size} unpacked: split the file into smaller ones.",
                            size=megabytes(limits.hsds_unpacked)))


def _rows(name: str, source: _Metered, budget: _Budget) -> list[dict]:
    """Each row as {column: stripped text}, counted as it is read; services.csv stops at the record limit."""
    limit = budget.limits.hsds_records if name == "services.csv" else None
    text = io.TextIOWrapper(io.BufferedReader(source), encoding="utf-8-sig", newline="")
    records = csv.reader(_lines(name, text))
    rows: list[dict] = []
    try:
        header = [column.strip() for column in next(records, [])]
        if len(header) > MAX_COLUMNS:
            raise TablesError(_("{name} has {count} columns: a table has at most {most}.", name=name,
                                count=figure(len(header)), most=MAX_COLUMNS))
        for record in records:
            budget.spend_row()
            if not record:  # a blank line, as csv.DictReader skips them
                continue
            # Empty cells are left out here already (the nesting leaves them out anyway), so they cost nothing.
            row = {column: text for column, value in zip(header, record) if column and (text := value.strip())}
            budget.spend_cells(len(row))
            rows.append(row)
            if limit is not None and len(rows) > limit:
                raise TablesError(_("The file has more than {count} services: split it into smaller files.",
                                    count=figure(limit)))
    except UnicodeDecodeError:
        raise TablesError(_("{name} is not UTF-8 text.", name=name)) from None
    except csv.Error as error:
        raise TablesError(_("{name} could not be read as CSV (line {line}: {error}).", name=name, line=records.line_num,
                            error=error)) from None
    return rows


def _lines(name: str, text: io.TextIOWrapper) -> Iterator[str]:
    """The table's lines, each read with a cap: a file with no line breaks is not read whole into memory."""
    while line := text.readline(MAX_LINE):
        if len(line) == MAX_LINE and not line.endswith(("\n", "\r")):
            raise TablesError(_("{name} has a line longer than {count} characters.", name=name, count=figure(MAX_LINE)))
        yield line


def _too_many_files(limits: ImportLimits) -> str:
    return _("The zip holds more than {count} files: keep the datapackage's tables only.",
             count=figure(limits.hsds_entries))
