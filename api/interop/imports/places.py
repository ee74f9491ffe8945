"""Where imported listings happen: an organisation's own places found by address, new ones added once each.

An import never edits a place that exists (several listings may share it, and the listing editor owns it): a row
either names a place the organisation already has, by address and city (and coordinates, when given), or a new
one. Places of other organisations are never looked at.
"""

from dataclasses import dataclass, field

from mongoengine import ValidationError

from api.i18n.text import gettext as _
from api.models import Address, Location, Organization
from api.models.location import coordinates, street_key

SAME_POINT_DEGREES = 1e-5  # about a metre: spreadsheets round coordinates


class PlaceError(ValueError):
    """A place the row describes cannot be used; `column` names the cell to fix."""

    def __init__(self, column: str, message: str):
        super().__init__(message)
        self.column = column


@dataclass(frozen=True)
class PlaceWanted:
    """A place as an import record gives it; point is (lng, lat) or None, confidential None when not said."""

    city: str
    address_1: str | None = None
    region: str | None = None
    postal_code: str | None = None
    point: tuple[float, float] | None = None
    confidential: bool | None = None
    # What only a new place takes from the record (an import never edits a place that exists).
    country: str | None = None
    name: str | None = None
    description: str | None = None
    transit: str | None = None
    source: str | None = None
    source_id: str | None = None
    # Further Location fields of a new place ("address": further Address fields), as an HSDS location gives them.
    more: dict = field(default_factory=dict, hash=False)


class PlaceBook:
    """The organisation's places by address, and the new places an import would add (each once, however many rows)."""

    def __init__(self, organization: Organization):
        self.organization = organization
        self.known = list(Location.objects(organization=organization.id).order_by("id"))
        self.by_id = {place.id: place for place in self.known}
        self.new: dict[tuple, Location] = {}

    def find_or_add(self, wanted: PlaceWanted) -> Location:
        """The organisation's place at this address, else a new (unsaved) one; PlaceError when neither will do."""
        key = street_key(wanted.address_1, wanted.city)
        same = [place for place in [*self.known, *self.new.values()]
                if street_key(place.address.address_1, place.address.city) == key
                and (wanted.point is None or _near(coordinates(place.point), wanted.point))]
        if wanted.confidential is None and same:
            return same[0]
        if matching := [place for place in same if bool(place.confidential) == wanted.confidential]:
            return matching[0]
        if same and wanted.confidential is False:
            # Publishing a confidential address must be a deliberate act in the editor, never a spreadsheet cell.
            raise PlaceError("confidential", _("your place at this address is confidential; to make it public, "
                                               "change it in the listing editor"))
        if wanted.point is None:
            raise PlaceError("latitude", _("give latitude and longitude: your place at this address is not "
                                           "confidential, so this is a new place") if same else
                             _("give latitude and longitude: you have no place at this address yet"))
        return self._add(key, wanted)

    def is_new(self, place: Location) -> bool:
        return place.id not in self.by_id

    def ref(self, place_id: str) -> str:
        """A place as the plan's fingerprint knows it: a stored id, or the address of a new place (ids are random)."""
        for key, place in self.new.items():
            if place.id == place_id:
                return "new:" + repr(key)
        return place_id

    def label(self, place_id: str) -> str:
        """The address a person recognises, marked when the place is new or confidential."""
        place = self.by_id.get(place_id) or next((p for p in self.new.values() if p.id == place_id), None)
        if place is None:
            return place_id
        text = ", ".join(part for part in (place.address.address_1, place.address.city) if part)
        marks = [_("(confidential)")] * bool(place.confidential) + [_("(new place)")] * self.is_new(place)
        return " ".join([text, *marks])

    def _add(self, key: tuple, wanted: PlaceWanted) -> Location:
        lng, lat = wanted.point
        full_key = (*key, round(lng, 5), round(lat, 5), bool(wanted.confidential))
        if full_key not in self.new:
            more = dict(wanted.more)
            address = Address(address_1=wanted.address_1, city=wanted.city, region=wanted.region,
                              postal_code=wanted.postal_code, **more.pop("address", {}))
            if wanted.country:
                address.country = wanted.country
            place = Location(organization=self.organization, confidential=bool(wanted.confidential),
                             name=wanted.name, address=address, point=[lng, lat], description=wanted.description,
                             transit=wanted.transit, source=wanted.source, source_id=wanted.source_id, **more)
            try:
                place.validate()
            except ValidationError as error:
                field, detail = next(iter(error.to_dict().items()), ("address", ""))
                # An address error names its own part (city, postal_code, ...), and those are the cells' names.
                column = next(iter(detail)) if isinstance(detail, dict) and detail else PLACE_COLUMNS.get(field)
                raise PlaceError(column or "address_1",
                                 _("this place is not valid: {problem}", problem=error.message)) from None
            self.new[full_key] = place
        return self.new[full_key]


# Which cell a place's validation error is about (the address is one embedded document).
PLACE_COLUMNS = {"point": "latitude", "address": "address_1", "name": "name", "description": "description",
                 "transit": "transportation"}


def _near(point: tuple[float, float], other: tuple[float, float]) -> bool:
    return abs(point[0] - other[0]) <= SAME_POINT_DEGREES and abs(point[1] - other[1]) <= SAME_POINT_DEGREES


def location_id(link) -> str:
    """The id of the place a service-at-location link names, without loading the place."""
    return link.to_mongo().get("location")
