"""An HSDS service's service_at_locations onto the listing's places (imports.places.PlaceBook finds or adds them).

- A physical location needs an address with a city (an address of type "physical" first, else the first one).
  Our output gives a confidential place no address, so such a place cannot come back: a per-record error.
- Coordinates outside the globe, or none, are looked up through the configured geocoder; if it finds nothing,
  the record says so (per-record error) rather than placing the listing at an invented point. The address of the
  organisation's confidential place is never looked up: the record asks for coordinates instead.
- A virtual location is an online meeting's conference link (its url and description); for other categories it
  is not a place and is left out.
- A location that is the organisation's place already (by our id, or by the source's id an earlier import kept)
  is that place, whatever else the record says of it (an import never edits a place): so a location given by
  its id or its one-to-one fields alone, as in a list, is found.
- The link keeps the HSDS service_at_location id, so a round trip keeps its id too, and its description.
- A new place takes the location's url, languages, phones, contacts, accessibility and address_2, the ids of the
  location (when it is a UUID no place has) and of its address, and what we have no field for as its extra data.
"""

from api.i18n.text import gettext as _
from api.interop.hsds.extra import kept
from api.interop.hsds.record_contacts import contacts, languages, phones, source_id
from api.interop.hsds.standard import is_uuid
from api.interop.hsds.values import Values, object_id
from api.interop.imports.places import PlaceError, PlaceWanted
from api.interop.imports.plan import RowContext
from api.models import Location, Service, ServiceAtLocation
from api.services.geocoding import CONFIDENTIAL, FOUND, MESSAGES, geocode


def places(record: dict, values: Values, service: Service, context: RowContext, options) -> None:
    links, online = [], None
    for path, link in values.objects(record, "service_at_locations", ""):
        location = link.get("location")
        known = _known(location.get("id") if isinstance(location, dict) else link.get("location_id"), context,
                       options.source)
        if known is None and not isinstance(location, dict):
            values.fail(f"{path}.location", _("needed: the location object (or a location_id the file has)"))
            continue
        if known is None and location.get("location_type") == "virtual":
            online = online or (values.text(location, "url", f"{path}.location"),
                                values.text(location, "description", f"{path}.location", 300))
            continue
        place = known or _place(location, f"{path}.location", values, context, options)
        if place is not None and all(existing.location != place for existing in links):
            links.append(ServiceAtLocation(id=object_id(link.get("id")), location=place,
                                           description=values.text(link, "description", path, 2000)))
    service.locations = links
    if service.meeting is not None:
        service.meeting.conference_url, service.meeting.conference_url_notes = online or (None, None)


def _known(location_id, context: RowContext, source: str) -> Location | None:
    """The organisation's place this location is: ours with its id, or the one an import of the source made from
    it (this import's new places too), so a location given by its id alone (a list's one-to-one fields) is found."""
    if not isinstance(location_id, str) or not location_id:
        return None
    return next((place for place in [*context.places.known, *context.places.new.values()]
                 if place.id == location_id or (place.source, place.source_id) == (source, location_id)), None)


def _place(location: dict, path: str, values: Values, context: RowContext, options):
    addresses = values.objects(location, "addresses", path)
    physical = next((item for item in addresses if item[1].get("address_type") == "physical"), None)
    if not addresses:
        values.fail(f"{path}.addresses", _("needed: a place needs its address, at least the city"))
        return None
    address_path, address = physical or addresses[0]
    city = values.text(address, "city", address_path, 120)
    if city is None:
        values.fail(f"{address_path}.city", _("needed"))
        return None
    region = values.text(address, "state_province", address_path, 120) or values.text(
        address, "region", address_path, 120)
    country = (values.text(address, "country", address_path) or "").upper() or None
    if country and len(country) != 2:
        values.fail(f"{address_path}.country", _("{value} is not a two-letter country code", value=repr(country[:20])))
        return None
    wanted = {"address_1": values.text(address, "address_1", address_path, 200), "city": city, "region": region,
              "postal_code": values.text(address, "postal_code", address_path, 20), "country": country}
    point = _point(location, path, values)
    if point is None:
        point = _geocoded(wanted, path, values, options.geocoder, context.places.organization.id)
        if point is None:
            return None
    try:
        return context.places.find_or_add(PlaceWanted(
            **wanted, point=point, name=values.text(location, "name", path, 200),
            description=values.text(location, "description", path, 2000),
            transit=values.text(location, "transportation", path, 500), source=options.source,
            source_id=object_id(location.get("id")),
            more=_more(location, path, values, context) | {"address": {
                "id": source_id(address), "address_2": values.text(address, "address_2", address_path, 200)}}))
    except PlaceError as error:
        values.fail(f"{path}.{error.column}", str(error))
        return None


def _more(location: dict, path: str, values: Values, context: RowContext) -> dict:
    """What only a new place takes besides its address and point (see the module docstring)."""
    more = {"url": values.text(location, "url", path, 500), "languages": languages(location, path, values),
            "phones": phones(location, path, values), "contacts": contacts(location, path, values),
            "accessibility": [text for item_path, item in values.objects(location, "accessibility", path)
                              if (text := values.text(item, "description", item_path, 500))],
            "extra": kept(location, "location", values, path)}
    wanted_id = location.get("id")
    if is_uuid(wanted_id) and not Location.objects(id=wanted_id).only("id").first() and all(
            place.id != wanted_id for place in context.places.new.values()):
        more["id"] = wanted_id
    return more


def _point(location: dict, path: str, values: Values) -> tuple[float, float] | None:
    lat, lng = values.number(location, "latitude", path), values.number(location, "longitude", path)
    if lat is None or lng is None or not (-90 <= lat <= 90 and -180 <= lng <= 180):
        return None
    return lng, lat


def _geocoded(address: dict, path: str, values: Values, geocoder, organization: str) -> tuple[float, float] | None:
    """The address's point by the geocoder (never for a confidential place); a per-record error when there is none."""
    given = (address["address_1"] or "") + ", " + address["city"]
    if geocoder is None:
        values.fail(f"{path}.latitude", _("no usable latitude/longitude for {address} and no geocoder to look the "
                                          "address up", address=repr(given[:80])))
        return None
    found = geocode(address, geocoder, organization)
    if found.status == CONFIDENTIAL:
        values.fail(f"{path}.latitude", _("no usable latitude/longitude for {address}, the address of your "
                                          "confidential place. {advice}", address=repr(given[:80]),
                                          advice=_(MESSAGES[CONFIDENTIAL])))
        return None
    if found.status != FOUND:
        values.fail(f"{path}.latitude", _("no usable latitude/longitude, and the geocoder could not place {address} "
                                          "({status})", address=repr(given[:80]), status=found.status))
        return None
    return found.lng, found.lat
