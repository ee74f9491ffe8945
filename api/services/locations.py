"""Places from the admin area: plain values in, a change for save_location_edit (or a new place) out.

Each saved place records where its point came from (the geocoder, or a person and why), so the data-quality page
can list the places whose address the geocoder could not confirm.
"""

from collections.abc import Callable

from api.models import Address, Location, Organization
from api.models.location import coordinates
from api.models.translations import PlaceTexts
from api.services.editing import Actor, save_new
from api.services.geocoding import FAILED, NOT_FOUND
from api.services.listings import with_texts

Change = Callable[[Location], None]

FIELDS = ("name", "area", "confidential")
TEXTS = ("description", "transit")  # set only when given: a form or import that leaves them out keeps them


def create_location(organization: Organization, values: dict, geocode_status: str, actor: Actor) -> Location:
    """A new place of the organisation, audited as created; InvalidEdit (nothing saved) when it is not whole."""
    location = Location(organization=organization)
    _apply(location, values, geocode_status)
    return save_new(location, actor)


def edit_location(values: dict, geocode_status: str) -> Change:
    def change(location: Location) -> None:
        _apply(location, values, geocode_status)
    return change


def hand_placed_status(lookup_status: str | None) -> str:
    """A point typed by hand: after a lookup that found nothing or failed (worth checking later), or without one."""
    return lookup_status if lookup_status in (NOT_FOUND, FAILED) else "manual"


def _apply(location: Location, values: dict, geocode_status: str) -> None:
    """values: name, area, confidential, address (Address fields) and point ([lng, lat]); optionally description,
    transit and translations ({"es": {"description": ..., "transit": ...}})."""
    moved = location.point is None or location.address is None or (
        list(coordinates(location.point)) != list(values["point"])
        or {name: getattr(location.address, name) for name in values["address"]} != values["address"])
    for name in FIELDS:
        setattr(location, name, values[name])
    for name in TEXTS:
        if name in values:
            setattr(location, name, values[name])
    location.translations = with_texts(location.translations, values.get("translations", {}), PlaceTexts)
    location.address = location.address or Address()
    for name, value in values["address"].items():
        setattr(location.address, name, value)
    location.point = list(values["point"])
    if moved:  # a status describes the point: an edit that leaves address and point alone keeps it
        location.geocode_status = geocode_status
