"""One CSV row onto a listing: each cell read, checked with a message a person can act on, and set.

Only the columns the file has are touched; an empty cell clears what it stands for. A value equal to what is
stored is set as it was (same phone entries, same schedules, same capacity stamp), so an unchanged row compares
unchanged. The import plan validates the whole listing afterwards; column_for says which cell an error is about.
"""

import re
from collections.abc import Callable

from mongoengine import ValidationError

from api.domain.hours_text import WEEKDAYS, parse_hours
from api.domain.meeting_types import is_meeting_type
from api.domain.vocabulary import (
    ATTENDANCE,
    CATEGORIES,
    EMPLOYMENT_PROGRAMMES,
    FELLOWSHIPS,
    MOUD_TYPES,
    STATUSES,
)
from api.i18n.text import gettext as _
from api.interop.csv.texts import text_column, text_setters
from api.interop.imports.cells import (
    PHONE,
    CellError,
    degrees,
    email,
    in_column,
    items,
    one_of,
    text,
    web_address,
    whole_number,
    yes_no,
)
from api.interop.imports.places import PlaceError, PlaceWanted, location_id
from api.interop.imports.plan import RowContext
from api.models import Service, ServiceAtLocation
from api.models.capacity import CapacityUnit
from api.models.contact import Phone
from api.models.details import ClinicalDetail, EmploymentDetail, HousingDetail, MeetingDetail
from api.models.fields import validate_timezone
from api.models.schedule import Schedule
from api.models.service import DETAIL_FIELDS

PLACE_COLUMNS = ("address_1", "city", "region", "postal_code", "latitude", "longitude", "confidential")
CAPACITY_COLUMNS = ("capacity_code", "capacity_name", "available", "maximum")
DETAIL_COLUMNS = {"fellowship": "meeting", "types": "meeting", "attendance": "meeting", "conference_url": "meeting",
                  "narr_level": "housing", "moud": "clinical", "programme_type": "employment"}
CODE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")
# Where a whole-listing validation error is shown: the first part of its path, or (capacity, meeting) the last.
FIELD_COLUMNS = {"name": "name", "category": "category", "description": "description", "status": "status",
                 "phones": "phone", "url": "url", "email": "email", "languages": "languages", "timezone": "timezone",
                 "locations": "address_1", "schedules": "hours", "capacity": "available", "meeting": "fellowship",
                 "housing": "narr_level", "clinical": "moud", "employment": "programme_type"}
UNIT_COLUMNS = {"code": "capacity_code", "name": "capacity_name", "available": "available", "maximum": "maximum"}


def fill_listing(cells: dict[str, str], service: Service, context: RowContext) -> dict[str, str]:
    """Set the listing from the row's cells; return {column: message} for the cells that could not be used."""
    errors: dict[str, str] = {}

    def attempt(column: str, step: Callable[[], None]) -> None:
        try:
            step()
        except CellError as error:
            errors.setdefault(error.column or column, str(error))
        except ValueError as error:
            errors.setdefault(column, str(error))

    for column, setter in SETTERS.items():
        if column in cells:
            attempt(column, lambda: setter(service, cells[column]))
    if any(column in cells for column in PLACE_COLUMNS):
        attempt("address_1", lambda: _place(service, cells, context))
    if "capacity_code" in cells:
        attempt("capacity_code", lambda: _capacity(service, cells, context))
    if "category" not in errors:
        attempt("category", lambda: _details(service, cells))
    if not service.timezone:
        errors.setdefault("timezone", _("a new listing needs its time zone, such as America/Chicago"))
    return errors


def column_for(path: str) -> str:
    """The column a validation error's path ("capacity.0.available") is about; "row" when none is."""
    parts = path.split(".")
    if column := text_column(parts):
        return column
    if parts[0] == "capacity" and parts[-1] in UNIT_COLUMNS:
        return UNIT_COLUMNS[parts[-1]]
    if parts[0] == "meeting" and parts[-1] in DETAIL_COLUMNS:
        return parts[-1]
    return FIELD_COLUMNS.get(parts[0], "row")


def _phones(service: Service, value: str) -> None:
    numbers = items(value)
    bad = next((number for number in numbers if not PHONE.match(number)), None)
    if bad is not None:
        raise ValueError(_("{value} is not a phone number (digits, spaces, + ( ) - .)", value=repr(bad[:40])))
    kept = {phone.number: phone for phone in service.phones}  # keeps what the editor added (type, description)
    service.phones = [kept.get(number) or Phone(number=number) for number in numbers]


def _languages(service: Service, value: str) -> None:
    codes = [code.lower() for code in items(value)]
    bad = next((code for code in codes if not re.match(r"^[a-z]{2,3}$", code)), None)
    if bad is not None:
        raise ValueError(_("{value} is not a language code such as en or es", value=repr(bad[:20])))
    service.languages = codes


def _timezone(service: Service, value: str) -> None:
    if not value:
        raise ValueError(_("needed, such as America/Chicago"))
    try:
        validate_timezone(value)
    except (ValidationError, OSError):  # OSError: a directory of the tz database, such as "America"
        raise ValueError(_("{value} is not a time zone such as America/Chicago", value=repr(value[:60]))) from None
    service.timezone = value


def _hours(service: Service, value: str) -> None:
    wanted = parse_hours(value)
    stored = [(s.freq, _ordered(s.freq, s.byday), s.opens_at, s.closes_at) for s in service.schedules]
    if sorted(stored) != sorted(tuple(hours) for hours in wanted):
        service.schedules = [Schedule(freq=hours.freq, byday=list(hours.byday), opens_at=hours.opens_at,
                                      closes_at=hours.closes_at) for hours in wanted]


def _ordered(freq: str, byday) -> tuple[str, ...]:
    return tuple(sorted(byday, key=lambda day: WEEKDAYS.index(day) if day in WEEKDAYS else 7)) \
        if freq == "WEEKLY" else tuple(byday)


def _place(service: Service, cells: dict[str, str], context: RowContext) -> None:
    given = {column: cells.get(column, "") for column in PLACE_COLUMNS}
    if not any(given.values()):
        service.locations = []
        return
    city = text(given["city"], 120)
    if city is None:
        raise CellError(_("needed with an address or coordinates"), "city")
    for column, limit in (("address_1", 200), ("region", 120), ("postal_code", 20)):
        try:
            text(given[column], limit)
        except ValueError as error:
            raise CellError(str(error), column) from None
    if bool(given["latitude"]) != bool(given["longitude"]):
        raise CellError(_("give both latitude and longitude, or neither"), "latitude" if not given["latitude"]
                        else "longitude")
    point = None
    if given["latitude"]:
        try:
            lat = degrees(given["latitude"], 90)
        except ValueError as error:
            raise CellError(str(error), "latitude") from None
        try:
            point = (degrees(given["longitude"], 180), lat)
        except ValueError as error:
            raise CellError(str(error), "longitude") from None
    try:
        confidential = yes_no(given["confidential"])
    except ValueError as error:
        raise CellError(str(error), "confidential") from None
    try:
        place = context.places.find_or_add(PlaceWanted(city=city, address_1=given["address_1"] or None,
                                                       region=given["region"] or None,
                                                       postal_code=given["postal_code"] or None, point=point,
                                                       confidential=confidential))
    except PlaceError as error:
        raise CellError(str(error), error.column) from None
    kept = next((link for link in service.locations if location_id(link) == place.id), None)
    service.locations = [kept or ServiceAtLocation(location=place)]


def _capacity(service: Service, cells: dict[str, str], context: RowContext) -> None:
    code = cells["capacity_code"].lower()
    if not code:
        if any(cells.get(column) for column in CAPACITY_COLUMNS):
            raise CellError(_("needed with capacity_name, available or maximum"))
        return  # no unit on this row: the listing's capacity stays as it is
    if not CODE.match(code):
        raise CellError(_("{value} is not a unit code (lower-case letters, digits, - and _)", value=repr(code[:40])))
    unit = next((unit for unit in service.capacity if unit.code == code), None)
    new = unit is None
    if new:
        unit = CapacityUnit(code=code)
    if "capacity_name" in cells or new:
        name = cells.get("capacity_name", "")
        if not name:
            raise CellError(_("needed for a new unit") if new else _("needed"), "capacity_name")
        unit.name = text(name, 120)
    counts = {"available": unit.available, "maximum": unit.maximum}
    if "available" in cells or new:
        if not cells.get("available"):
            raise CellError(_("needed with a capacity_code"), "available")
        unit.available = _count(cells["available"], "available")
    if "maximum" in cells:
        unit.maximum = _count(cells["maximum"], "maximum") if cells["maximum"] else None
    if new or counts != {"available": unit.available, "maximum": unit.maximum}:
        # A count set is a count confirmed: its freshness starts over, as with the quick-update buttons.
        unit.updated_at, unit.updated_by = context.now, context.who[:120]
    if new:
        service.capacity = [*service.capacity, unit]


def _count(value: str, column: str) -> int:
    try:
        return whole_number(value, 0, 100_000)
    except ValueError as error:
        raise CellError(str(error), column) from None


def _details(service: Service, cells: dict[str, str]) -> None:
    """The category's own detail from its columns; another category's detail goes (a listing has one kind)."""
    if service.category not in CATEGORIES:
        return
    for column, category in DETAIL_COLUMNS.items():
        if cells.get(column) and category != service.category:
            raise CellError(_("only for {category} listings", category=category), column)
    for category, field_name in DETAIL_FIELDS.items():
        if category != service.category:
            setattr(service, field_name, None)
    fill = {"meeting": _meeting, "housing": _housing, "clinical": _clinical, "employment": _employment}
    if service.category in fill:
        fill[service.category](service, cells)


def _meeting(service: Service, cells: dict[str, str]) -> None:
    detail = service.meeting or MeetingDetail()
    if "fellowship" in cells or not detail.fellowship:
        detail.fellowship = in_column(one_of, cells.get("fellowship", ""), tuple(FELLOWSHIPS), True,
                                      column="fellowship")
    if "types" in cells:
        codes = [code if is_meeting_type(code) else code.upper() for code in items(cells["types"])]
        unknown = [code for code in codes if not is_meeting_type(code)]
        if unknown:
            codes = ", ".join(code[:10] for code in unknown[:5])
            raise CellError(_("not Meeting Guide type codes: {codes}", codes=codes), "types")
        detail.types = codes
    if "attendance" in cells:
        detail.attendance = in_column(one_of, cells["attendance"], ATTENDANCE, default="in_person", column="attendance")
    if "conference_url" in cells:
        detail.conference_url = in_column(web_address, cells["conference_url"], column="conference_url")
    service.meeting = detail


def _housing(service: Service, cells: dict[str, str]) -> None:
    if cells.get("narr_level") or ("narr_level" in cells and service.housing):
        detail = service.housing or HousingDetail()
        value = cells["narr_level"]
        detail.narr_level = in_column(whole_number, value, 1, 4, column="narr_level") if value else None
        service.housing = detail


def _clinical(service: Service, cells: dict[str, str]) -> None:
    if cells.get("moud") or ("moud" in cells and service.clinical):
        detail = service.clinical or ClinicalDetail()
        detail.moud = [in_column(one_of, code, tuple(MOUD_TYPES), column="moud") for code in items(cells["moud"])]
        service.clinical = detail


def _employment(service: Service, cells: dict[str, str]) -> None:
    detail = service.employment or EmploymentDetail()
    if "programme_type" in cells or not detail.programme_type:
        detail.programme_type = in_column(one_of, cells.get("programme_type", ""), tuple(EMPLOYMENT_PROGRAMMES),
                                          True, column="programme_type")
    service.employment = detail


def _set(field_name: str, read) -> Callable[[Service, str], None]:
    def setter(service: Service, value: str) -> None:
        setattr(service, field_name, read(value))
    return setter


SETTERS: dict[str, Callable[[Service, str], None]] = {
    "name": _set("name", lambda value: text(value, 200, required=True)),
    "category": _set("category", lambda value: one_of(value, tuple(CATEGORIES), required=True)),
    "description": _set("description", lambda value: text(value, 4000)),
    "status": _set("status", lambda value: one_of(value, STATUSES, default="active")),
    "phone": _phones,
    "url": _set("url", web_address),
    "email": _set("email", email),
    "languages": _languages,
    "timezone": _timezone,
    "hours": _hours,
    **text_setters(),
}
