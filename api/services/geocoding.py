"""Turning an address into a point: the geocoder role, and what each outcome means for the person saving a place.

Implementations live in api/adapters/geocoding.py; api/backends.py chooses one from GEOCODER. A lookup never stops
a place being saved: when it cannot give a point, the partner enters the coordinates by hand. Every caller asks
through geocode(), which never sends a confidential place's address out (tests/services/test_geocoding.py checks
that nothing else calls a geocoder).
"""

from dataclasses import dataclass
from typing import Protocol

from api.i18n.text import N_
from api.models.location import Location, street_key

# What a lookup can come to; a point only with "found". CONFIDENTIAL: never asked, the address is not to leave us.
FOUND, NOT_FOUND, FAILED, UNCONFIGURED = "found", "not_found", "failed", "unconfigured"
CONFIDENTIAL = "confidential"

# Marked for the catalog: gettext(MESSAGES[status]) where one is shown.
MESSAGES = {
    NOT_FOUND: N_("We could not find this address; enter the coordinates by hand."),
    FAILED: N_("We could not find this address (the lookup service did not answer); enter the coordinates by hand."),
    UNCONFIGURED: N_("No geocoder is configured here; enter the coordinates."),
    CONFIDENTIAL: N_("A confidential address is never sent to the address lookup service: enter its latitude and "
                     "longitude, or those of a public place nearby (the public sees only the area around it)."),
}


@dataclass(frozen=True)
class Geocoded:
    status: str
    lng: float | None = None
    lat: float | None = None

    @property
    def point(self) -> list[float] | None:
        """[lng, lat] as a PointField takes it, or None."""
        return [self.lng, self.lat] if self.status == FOUND else None


class Geocoder(Protocol):
    """Finds the point of a one-line address; never raises for a lookup that went wrong, it says so instead."""

    name: str

    def locate(self, query: str) -> Geocoded:
        """FOUND with lng/lat, NOT_FOUND, FAILED (timeout, refusal, service down) or UNCONFIGURED."""


def address_query(address: dict) -> str:
    """One line, most specific first, as geocoders read addresses: "100 Main St, Riverton, MO 64101, US"."""
    region_and_code = " ".join(part for part in (address.get("region"), address.get("postal_code")) if part)
    parts = (address.get("address_1"), address.get("address_2"), address.get("city"), region_and_code,
             address.get("country"))
    return ", ".join(part.strip() for part in parts if part and part.strip())


def geocode(address: dict, geocoder: Geocoder | None, organization: str | None = None,
            confidential: bool = False) -> Geocoded:
    """The point of an address (Address fields as a dict) by the configured geocoder, unless the place is
    confidential: said so by the caller, or the organisation's place at this street and town is (CONFIDENTIAL)."""
    if confidential or _confidential_place_at(address, organization):
        return Geocoded(CONFIDENTIAL)
    if geocoder is None:
        return Geocoded(UNCONFIGURED)
    return geocoder.locate(address_query(address))


def _confidential_place_at(address: dict, organization: str | None) -> bool:
    # The organisation's own places only: answering for another organisation's would tell this one where their
    # confidential houses are. A caller may not know a record is confidential (imports carry no such flag).
    if organization is None:
        return False
    wanted = street_key(address.get("address_1"), address.get("city"))
    return any(street_key(place.address.address_1, place.address.city) == wanted
               for place in Location.objects(organization=organization, confidential=True).only("address"))
