"""Whole-listing edits from the admin area: plain values in, one change for save_edit (or a new listing) out.

Values use the model's field names. Repeated rows (phones, schedules, exceptions) come as (position, fields), the
position being the row's place in the form: the form lists a listing's own rows first and in order, so a row keeps
what the form does not show (a schedule's valid_from, a phone's languages). Capacity units are matched by id.
`translations` ({"es": {"name": ..., ...}}, api/models/translations.py) sets the texts of the languages it names
and leaves any other language's as they are; a blank text clears it.
"""

from collections.abc import Callable
from datetime import datetime

from api.i18n.text import N_
from api.i18n.text import gettext as _
from api.models import Location, Organization, Service, ServiceAtLocation
from api.models.capacity import CapacityUnit
from api.models.contact import Phone
from api.models.details import ClinicalDetail, EmploymentDetail, HousingDetail, MeetingDetail
from api.models.schedule import Schedule, ScheduleException
from api.models.service import DETAIL_FIELDS, Cost, Eligibility
from api.models.translations import PlaceTexts, ServiceTexts
from api.services.editing import Actor, InvalidEdit, save_new

Change = Callable[[Service], None]

SCALARS = ("name", "alternate_name", "description", "status", "status_note", "url", "email", "timezone", "languages")
ROWS = {"phones": Phone, "schedules": Schedule, "exceptions": ScheduleException}
DETAILS = {"meeting": MeetingDetail, "housing": HousingDetail, "clinical": ClinicalDetail,
           "employment": EmploymentDetail}
COUNTS = ("available", "maximum", "waitlist_open")
KEEPS_ITS_KIND = N_("A listing keeps its kind. To list another kind of service, create a new listing.")
NOT_YOURS = N_("That place is not one of this organisation's.")


def create_listing(organization: Organization, values: dict, actor: Actor, now: datetime) -> Service:
    """A new listing of the organisation, audited as created; InvalidEdit (nothing saved) when it is not whole."""
    service = Service(organization=organization, category=values["category"])
    _apply(service, values, actor.name, now)
    return save_new(service, actor)


def edit_listing(values: dict, who: str, now: datetime) -> Change:
    """Every field the listing form shows, set as given; counts that changed are confirmed by who, now."""
    def change(service: Service) -> None:
        _apply(service, values, who, now)
    return change


def deactivate() -> Change:
    """No longer listed: gone from search, still there for its history and for a bookmarked link to say so."""
    def change(service: Service) -> None:
        service.status = "inactive"
    return change


def _apply(service: Service, values: dict, who: str, now: datetime) -> None:
    if values["category"] != service.category:
        raise InvalidEdit({"category": _(KEEPS_ITS_KIND)})
    places = own_places(_id(service.organization), values["locations"])
    for name in SCALARS:
        setattr(service, name, values[name])
    service.translations = with_texts(service.translations, values.get("translations", {}), ServiceTexts)
    service.eligibility = _updated(service.eligibility or Eligibility(), values["eligibility"])
    service.cost = _updated(service.cost or Cost(), values["cost"])
    for name, model in ROWS.items():
        setattr(service, name, _rows(getattr(service, name), values[name], model))
    links = {_id(link.location): link for link in service.locations}
    service.locations = [links.get(place.id) or ServiceAtLocation(location=place) for place in places]
    service.capacity = _units(service.capacity, values["capacity"], who, now)
    detail = DETAIL_FIELDS.get(service.category)
    if detail:
        setattr(service, detail, _updated(getattr(service, detail) or DETAILS[detail](), values.get(detail) or {}))


def with_texts(translations, given: dict[str, dict], texts: type[ServiceTexts | PlaceTexts]) -> dict:
    """The translations with each given language's texts set as given (blank ones are dropped when saved)."""
    return {**(translations or {}), **{code: texts(**fields) for code, fields in given.items()}}


def own_places(organization_id: str, location_ids: list[str]) -> list[Location]:
    """The organisation's places with these ids, in order; any other id (another organisation's) is refused."""
    ids = list(dict.fromkeys(location_ids))
    found = {place.id: place for place in Location.objects(id__in=ids, organization=organization_id)}
    if len(found) != len(ids):
        raise InvalidEdit({"locations": _(NOT_YOURS)})
    return [found[place_id] for place_id in ids]


def _rows(existing: list, rows: list[tuple[int, dict]], model) -> list:
    kept, used = [], set()
    for position, fields in rows:
        reuse = 0 <= position < len(existing) and position not in used
        used.add(position)
        kept.append(_updated(existing[position] if reuse else model(), fields))
    return kept


def _units(current: list[CapacityUnit], rows: list[dict], who: str, now: datetime) -> list[CapacityUnit]:
    """Units as the form lists them; a new count (or a new unit) is one this person confirmed now."""
    by_id = {unit.id: unit for unit in current}
    units = []
    for fields in rows:
        unit = by_id.pop(fields.get("id") or "", None)
        changed = unit is None or any(getattr(unit, name) != fields[name] for name in COUNTS)
        unit = _updated(unit or CapacityUnit(), {name: value for name, value in fields.items() if name != "id"})
        if changed:
            unit.updated_at, unit.updated_by = now, who
        units.append(unit)
    return units


def _updated(document, fields: dict):
    for name, value in fields.items():
        setattr(document, name, value)
    return document


def _id(reference) -> str | None:
    return getattr(reference, "id", reference)
