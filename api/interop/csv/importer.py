"""Listings from a spreadsheet: the CSV format partners fill in, read into an import plan (api/interop/imports/plan.py).

The format, as the admin page shows it (COLUMNS is the one description of it; admin/static has a template):
- UTF-8 text (with or without a byte-order mark), comma-separated, at most 2 MB and 2,000 listings (by default:
  api/interop/limits.py); blank lines count towards ten times as many, so a file of line breaks stops early too.
- The first row names the columns, in any order: id, name and category are required, the rest optional; a column
  this format does not know is refused, so a misspelt heading never goes unnoticed.
- One row per listing. `id` is your own stable id for it: importing a row with the same id again updates the
  listing it made, inside your organisation only. Listings of yours that the file does not mention are left alone.
- A column left out of the file leaves that part of every listing as it is; an empty cell clears it.
- Lists are separated by ";" (or ","); yes/no cells take yes/no, true/false or 1/0.
- The place: the address (address_1, city) is one of your places, matched by address and city (and latitude and
  longitude, when given), or a new place, which needs city, latitude and longitude. Every place cell empty: the
  listing has no place (online or by phone). An import never edits a place that exists.
- Capacity: one unit per row, found by capacity_code among the listing's units; other units are left alone.
- Hours: "MO-FR 09:00-17:00; SA 10:00-14:00"; 1SA is the first Saturday of the month, -1FR the last Friday; a
  closing time before the opening time runs past midnight (grammar in api/domain/hours_text.py).
- Texts in Spanish: name_es, description_es, status_note_es, eligibility_notes_es beside the English columns
  (api/interop/csv/texts.py); readers who chose Spanish see them, and the English where one is empty.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from http import HTTPStatus

from api.errors import LanternError
from api.i18n.text import N_
from api.i18n.text import gettext as _
from api.i18n.text import number as figure  # (a number in the current language)
from api.interop.csv.rows import column_for, fill_listing
from api.interop.csv.texts import text_columns
from api.interop.imports.apply import ImportReport, apply_plan
from api.interop.imports.plan import ImportPlan, Planner
from api.interop.limits import ImportLimits, megabytes
from api.models import Organization
from api.models.fields import utcnow
from api.services.editing import Actor

DEFAULTS = ImportLimits()
MAX_BYTES, MAX_ROWS = DEFAULTS.csv_bytes, DEFAULTS.csv_rows
LINES_PER_ROW = 10  # blank lines allowed besides the listings
MAX_CELL = 4000
MAX_ID = 200
# Control characters other than tab and line breaks: invisible in a spreadsheet, and nothing a listing needs.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Column:
    name: str
    meaning: str
    example: str = ""
    required: bool = False


COLUMNS = (
    Column("id", N_("Your own id for the listing, which never changes: a row with the same id updates that listing."),
           "HOPE-1", True),
    Column("name", N_("The listing's name."), "Hope House", True),
    Column("category", N_("meeting, housing, clinical, peer_support, harm_reduction, employment or crisis."),
           "housing", True),
    Column("description", N_("What it is, for whom, how to get in (up to 4,000 characters)."),
           "Recovery residence for women."),
    Column("status", N_("active (when empty), inactive or temporarily_closed."), "active"),
    Column("phone", N_("Phone numbers, separated by ';'."), "816-555-0100"),
    Column("url", N_("Web page, starting with https:// or http://."), "https://hope.example.org"),
    Column("email", N_("Email address."), "intake@hope.example.org"),
    Column("languages", N_("Language codes, separated by ';'."), "en;es"),
    Column("timezone", N_("IANA time zone; a new listing needs one."), "America/Chicago"),
    Column("address_1", N_("Street address."), "12 Elm St"),
    Column("city", N_("City or town; needed with any other place cell."), "Riverton"),
    Column("region", N_("State or region."), "MO"),
    Column("postal_code", N_("Postal code."), "64101"),
    Column("latitude", N_("Decimal degrees; needed for a new place."), "39.101"),
    Column("longitude", N_("Decimal degrees; needed for a new place."), "-94.581"),
    Column("confidential", N_("yes keeps the address private: the public sees the area and \"call for address\"."),
           "yes"),
    Column("hours", N_("Opening hours or meeting time, e.g. MO-FR 09:00-17:00; SA 10:00-14:00 (1SA: first Saturday)."),
           "MO-FR 09:00-17:00"),
    Column("capacity_code", N_("A unit of capacity, e.g. bed-women (lower-case letters, digits, - and _)."),
           "bed-women"),
    Column("capacity_name", N_("The unit's name, shown to people; needed for a new unit."), "Bed – women"),
    Column("available", N_("How many are free now (a whole number); needed with a capacity_code."), "2"),
    Column("maximum", N_("How many there are in all."), "8"),
    Column("fellowship", N_("Meetings: aa, na, ca, cma, al-anon, smart, recovery-dharma, celebrate-recovery, "
                            "lifering.")),
    Column("types", N_("Meetings: Meeting Guide type codes, separated by ';' (O open, C closed, W women, ...).")),
    Column("attendance", N_("Meetings: in_person (when empty), online or hybrid.")),
    Column("conference_url", N_("Meetings: the link to join online.")),
    Column("narr_level", N_("Housing: NARR level, 1 to 4."), "2"),
    Column("moud", N_("Clinical: methadone, buprenorphine, naltrexone, separated by ';'.")),
    Column("programme_type", N_("Employment: job_training, supported_employment, job_placement, apprenticeship or "
                             "education; an employment listing needs one.")),
    *(Column(name, meaning, example) for name, meaning, example in text_columns()),
)
COLUMN_NAMES = tuple(column.name for column in COLUMNS)
REQUIRED = tuple(column.name for column in COLUMNS if column.required)


class CsvFileError(LanternError):
    """The file as a whole cannot be read (size, encoding, header): none of its rows was looked at."""

    http_status = HTTPStatus.UNPROCESSABLE_ENTITY


@dataclass(frozen=True)
class CsvRow:
    """One record: its row number as a spreadsheet shows it (the header is row 1) and its cells by column."""

    number: int
    cells: dict[str, str]
    stray: list[int] = field(default_factory=list)  # positions of filled cells that have no column heading

    @property
    def blank(self) -> bool:
        return not self.stray and not any(self.cells.values())


def source_of(organization: Organization) -> str:
    """The provenance of an organisation's CSV listings: one source per organisation, whoever uploads."""
    return f"csv:{organization.id}"


def read_csv(data: bytes, limits: ImportLimits = DEFAULTS) -> list[CsvRow]:
    """The rows of an uploaded file; CsvFileError says what is wrong with the file as a whole."""
    if len(data) > limits.csv_bytes:
        raise CsvFileError(_("The file is larger than {size}: split it into smaller files.",
                             size=megabytes(limits.csv_bytes)))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CsvFileError(_('The file is not UTF-8 text (byte {byte}): in your spreadsheet, save it as "CSV UTF-8".',
                             byte=error.start + 1)) from None
    records = csv.reader(io.StringIO(text, newline=""))
    number = 1
    try:
        names = _header(next(records, []))
        rows = []
        for number, record in enumerate(records, start=2):
            row = _row(number, names, record)
            if not row.blank:
                rows.append(row)
            if len(rows) > limits.csv_rows or number > limits.csv_rows * LINES_PER_ROW:
                raise CsvFileError(_("The file has more than {count} listings: split it into smaller files.",
                                     count=figure(limits.csv_rows)))
    except csv.Error as error:
        raise CsvFileError(_("Row {number} could not be read as CSV ({error}).", number=number, error=error)) from None
    if not rows:
        raise CsvFileError(_("The file has no listings under its header row."))
    return rows


def plan(organization: Organization, rows: list[CsvRow], *, now: datetime | None = None,
         who: str = "CSV import") -> ImportPlan:
    """The dry run: each row's errors, or what it would create or change, by id within this organisation only.

    now stamps the capacity counts a row changes; pass the first dry run's time to plan the same edits again.
    """
    planner = Planner(organization, source_of(organization), now or utcnow(), who)
    for row in rows:
        errors = _cell_errors(row)
        source_id = row.cells.get("id", "")
        if not source_id:
            errors.setdefault("id", _("needed: your own id for this listing"))
        elif len(source_id) > MAX_ID:
            errors.setdefault("id", _("longer than {count} characters", count=figure(MAX_ID)))
        if errors:
            planner.invalid(row.number, source_id or None, errors)
        else:
            planner.add(row.number, source_id, partial(fill_listing, row.cells), column_for)
    return planner.finish()


def apply(import_plan: ImportPlan, actor: Actor) -> ImportReport:
    """Write the plan all or nothing (see api/interop/imports/apply.py); refused if any row has an error."""
    return apply_plan(import_plan, actor)


def _header(record: list[str]) -> list[str]:
    names = [name.strip().lower() for name in record]
    if not any(names):
        raise CsvFileError(_("The first row must name the columns: {columns}.", columns=", ".join(COLUMN_NAMES)))
    if len(names) == 1 and re.search(r"[;\t]", names[0]):
        raise CsvFileError(_("Separate the columns with commas (the file seems to use semicolons or tabs)."))
    unknown = [name for name in names if name and name not in COLUMN_NAMES]
    if unknown:
        raise CsvFileError(_("Unknown columns: {unknown}. The columns are: {columns}.",
                             unknown=", ".join(repr(name[:40]) for name in unknown[:5]),
                             columns=", ".join(COLUMN_NAMES)))
    repeated = sorted({name for name in names if name and names.count(name) > 1})
    if repeated:
        raise CsvFileError(_("Columns named twice: {columns}.", columns=", ".join(repeated)))
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        raise CsvFileError(_("Required columns missing: {columns}.", columns=", ".join(missing)))
    return names


def _row(number: int, names: list[str], record: list[str]) -> CsvRow:
    cells = {name: "" for name in names if name}
    stray = []
    for position, value in enumerate(record):
        name = names[position] if position < len(names) else ""
        if name:
            cells[name] = value.strip()
        elif value.strip():
            stray.append(position + 1)
    return CsvRow(number, cells, stray)


def _cell_errors(row: CsvRow) -> dict[str, str]:
    errors = {}
    if row.stray:
        errors["row"] = _("a value in column {number}, which has no heading", number=row.stray[0])
    for name, value in row.cells.items():
        if len(value) > MAX_CELL:
            errors[name] = _("longer than {count} characters", count=figure(MAX_CELL))
        elif CONTROL.search(value):
            errors[name] = _("contains invisible control characters")
    return errors
