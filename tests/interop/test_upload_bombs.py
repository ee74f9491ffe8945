"""HSDS files built to exhaust the server are refused while they are read, quickly, with a clear message and
little memory: a zip of a million rows, an ndjson of junk lines, a zip of thousands of files, a zip whose headers
lie. Memory is the peak of Python's own allocations while reading (tracemalloc); before these limits the first two
took 12 s and 1 GB, and 3.5 s and 190 MB (then a dry-run page listing a million errors: tests/admin)."""

import json
import re
from pathlib import Path

import pytest

from api.interop.csv.importer import CsvFileError, read_csv
from api.interop.hsds import tables
from api.interop.hsds.datapackage import ROWS_PER_RECORD
from api.interop.hsds.files import HsdsFileError, read_bytes, read_path
from api.interop.limits import ImportLimits
from api.interop.meeting_guide.importer import FeedError, read_feed
from tests.interop.bombs import (
    GOOD_SERVICE,
    declared_size,
    junk_ndjson,
    many_files,
    memory_peak,
    million_row_services,
    zip_of,
)

BUDGET_MB = 50
SERVICES = b"id,name,organization_id\ns1,Drop-in,o1\n"


def refused(data: bytes, filename: str, message: str, limits: ImportLimits = ImportLimits()) -> float:
    """Read the file, expecting HsdsFileError matching message; the peak memory it took, in MB."""
    with memory_peak() as used, pytest.raises(HsdsFileError, match=message):
        read_bytes(data, filename, limits)
    return used.mb


def test_a_zip_of_a_million_rows_stops_at_the_record_limit():
    data = million_row_services()
    assert len(data) < 4000
    assert refused(data, "hsds.zip", "more than 10,000 services") < BUDGET_MB


def test_a_junk_ndjson_stops_at_the_record_limit():
    assert refused(junk_ndjson(), "services.ndjson", "more than 10,000 services \\(or records that cannot be read\\)"
                   ) < BUDGET_MB


def test_unreadable_lines_under_the_limit_are_each_an_error_of_their_own():
    bundle = read_bytes(junk_ndjson(5000), "services.ndjson")
    assert len(bundle.services) == 1 and len(bundle.unreadable) == 5000
    assert bundle.unreadable[-1] == (5001, "not JSON (Expecting value)")


def test_a_zip_of_thousands_of_files_is_refused_before_its_directory_is_read():
    used = refused(many_files(20_000), "hsds.zip", "more than 100 files")
    assert used < 5  # its 20,000 directory entries were never made into objects


def test_a_zip_that_declares_more_than_the_unpacked_limit_is_not_unpacked():
    data = declared_size(zip_of(("services.csv", SERVICES)), 2**32 - 1)
    assert refused(data, "hsds.zip", "larger than 100 MB unpacked") < 1
    assert refused(zip_of(("services.csv", SERVICES), ("phones.csv", b"id\n" + b"1\n" * 60_000)), "hsds.zip",
                   "larger than 100 KB unpacked", ImportLimits(hsds_unpacked=100 * 1024)) < BUDGET_MB


def test_a_zip_that_declares_less_than_it_holds_is_refused_at_what_it_declared():
    data = declared_size(zip_of(("services.csv", SERVICES + b"s2,Other,o1\n" * 5_000_000)), len(SERVICES))
    assert len(data) < 200_000
    assert refused(data, "hsds.zip", "not a readable zip archive") < BUDGET_MB


def test_tables_the_import_does_not_map_are_never_opened():
    junk = b"a,b\n" + b"1,2\n" * 4_500_000  # 18 MB, 20 KB zipped: before, read and parsed (10 s, 1 GB)
    data = zip_of(("services.csv", SERVICES), ("notes.csv", junk), ("x_custom_fields.csv", junk))
    with memory_peak() as used:
        bundle = read_bytes(data, "hsds.zip")
    assert [record["name"] for _, record in bundle.services] == ["Drop-in"] and used.mb < BUDGET_MB


def test_the_rows_of_all_tables_together_are_capped():
    phones = b"id,service_id,number\n" + b"p,s1,555\n" * (10 * ROWS_PER_RECORD + 1)
    limits = ImportLimits(hsds_records=10)
    refused(zip_of(("services.csv", SERVICES), ("phones.csv", phones)), "hsds.zip", "more than 200 rows together",
            limits)


def test_a_table_without_line_breaks_is_not_read_whole():
    refused(zip_of(("services.csv", b"id," + b"x" * 3_000_000)), "hsds.zip", "line longer than")


def column_names(count: int) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return [letters[n // 17576 % 26] + letters[n // 676 % 26] + letters[n // 26 % 26] + letters[n % 26]
            for n in range(count)]


def wide_table(columns: int, rows: int, cell: str = "") -> bytes:
    return (",".join(column_names(columns)) + "\n" + (",".join([cell] * columns) + "\n") * rows).encode()


def test_a_table_of_thousands_of_columns_is_refused_at_its_header():
    # 1 MB of header, then rows of bare commas: before, one 200,000-entry dict per row (12 MB unpacked: +442 MB).
    data = zip_of(("services.csv", SERVICES), ("phones.csv", wide_table(200_000, 20)))
    assert refused(data, "hsds.zip", "phones.csv has 200,000 columns: a table has at most 256") < BUDGET_MB


def test_empty_cells_cost_nothing_and_filled_ones_are_capped_together():
    data = zip_of(("services.csv", SERVICES), ("phones.csv", wide_table(256, 20_000)))  # 5 MB unpacked
    with memory_peak() as used:
        bundle = read_bytes(data, "hsds.zip")
    assert [record["name"] for _, record in bundle.services] == ["Drop-in"] and used.mb < 10  # before: 250 MB
    limits = ImportLimits(hsds_records=100)  # 2,000 rows, 50,000 filled cells on average 25 a row
    refused(zip_of(("services.csv", SERVICES), ("phones.csv", wide_table(256, 1_000, "x"))), "hsds.zip",
            "more than 50,000 filled cells together", limits)


def test_a_folder_holding_the_datapackage_has_the_same_limits(tmp_path: Path):
    (tmp_path / "services.csv").write_bytes(b"id\n" + b"x\n" * 20_000)
    with pytest.raises(HsdsFileError, match="more than 10,000 services"):
        read_path(tmp_path)


def test_a_csv_of_line_breaks_stops_early():
    with memory_peak() as used, pytest.raises(CsvFileError, match="more than 2,000 listings"):
        read_csv(b"id,name,category\n" + b"\n" * 2_000_000)
    assert used.mb < BUDGET_MB


def test_a_json_list_is_counted_as_well():
    records = json.dumps([GOOD_SERVICE | {"id": str(n)} for n in range(11)]).encode()
    refused(records, "services.json", "more than 10 services", ImportLimits(hsds_records=10))


def test_every_table_the_nesting_reads_is_one_the_readers_open():
    source = Path(tables.__file__).read_text()
    read = set(re.findall(r'(?:table|by)\("(\w+)"', source))
    assert read and {f"{name}.csv" for name in read} <= tables.TABLES


def test_a_json_list_of_millions_of_tiny_records_stops_at_the_limit():
    data = b"[" + b"{}," * 6_000_000 + b"{}]"  # 18 MB: before, 6 million objects (over 500 MB) before any was counted
    assert refused(data, "services.json", "more than 10,000 services") < BUDGET_MB


def test_a_meeting_guide_feed_of_millions_of_tiny_entries_stops_at_the_limit():
    data = b"[" + b"{}," * 2_700_000 + b"{}]"  # 8 MB: before, 2.7 million objects decoded first (over 200 MB)
    with memory_peak() as used, pytest.raises(FeedError, match="more than 10,000 meetings"):
        read_feed(data)
    assert used.mb < BUDGET_MB


def repacked(data: bytes, flag_bits: int = 0, method: int | None = None) -> bytes:
    """A one-table zip with its headers saying what Windows' Deflate64 or a password would (local and central)."""
    buffer = bytearray(data)
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = buffer.index(signature)
        buffer[start + flags_at] |= flag_bits
        if method is not None:
            buffer[start + flags_at + 2:start + flags_at + 4] = method.to_bytes(2, "little")
    return bytes(buffer)


@pytest.mark.parametrize("headers, message", [
    ({"method": 9}, "compression method Lantern cannot unpack"),  # Deflate64, which Windows uses for large files
    ({"flag_bits": 1}, "protected with a password"),
])
def test_a_table_no_reader_here_can_open_is_refused_before_unpacking(headers, message):
    data = repacked(zip_of(("services.csv", SERVICES)), **headers)
    refused(data, "hsds.zip", message)
