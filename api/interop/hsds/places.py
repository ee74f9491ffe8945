"""HSDS locations, addresses and service_at_location, from what the public may see of a place.

Every field comes from public_view.location_view, the one place that decides what of a place is public: a
confidential place has no name, no address object (HSDS requires street and postal code in one) and only its
coarse point, with a description that says to call for the address. An online or hybrid meeting's conference
link is a virtual location of its own, as HSDS models online services. Only a place that is not confidential adds
its url, languages, phones, contacts and an imported record's extra data (extra.py): what such a record kept of a
place (its external identifier, say) could name the house.
"""

from api.interop.hsds.contacts import contacts, language, phones
from api.interop.hsds.extra import overlay
from api.interop.hsds.ids import compact, derived_id
from api.interop.hsds.standard import is_uuid
from api.services.public_view import location_view

ATTENDANCE = {"in_person": "in person", "online": "online", "hybrid": "in person and online"}


def location_object(location, full: bool) -> dict:
    """An HSDS location: one-to-one fields, or with its address and accessibility when full."""
    view = location_view(location)
    organization_id = location.organization.id if location.organization else None
    place = compact(id=location.id, location_type="physical", organization_id=organization_id,
                    name=view["name"], description=_confidential_note(view) if view["confidential"] else None,
                    transportation=view["transit"], latitude=view["point"]["lat"], longitude=view["point"]["lng"])
    if view["confidential"]:
        return place | ({"addresses": [], "accessibility": []} if full else {})
    place |= compact(url=location.url, description=location.description)
    if not full:
        return overlay(place, location.extra, nested=False)
    return overlay(place | {
        "addresses": [_address(location, view)] if view["address_1"] else [],
        "accessibility": [compact(id=derived_id(location.id, "accessibility", index), location_id=location.id,
                                  description=text) for index, text in enumerate(view["accessibility"])],
        "languages": [language(derived_id(location.id, "language", code), code, location_id=location.id)
                      for code in location.languages],
        "phones": phones(location, "location_id"), "contacts": contacts(location, "location_id"),
    }, location.extra)


def _address(location, view: dict) -> dict:
    # HSDS requires state and postal code; a place we know only to its street has them empty rather than invented.
    location_id, own_id = location.id, location.address.id
    return {"id": own_id if is_uuid(own_id) else derived_id(location_id, "address", 0), "location_id": location_id,
            "address_1": view["address_1"],
            **compact(address_2=view["address_2"]), "city": view["city"], "state_province": view["region"] or "",
            "postal_code": view["postal_code"] or "", "country": view["country"] or "", "address_type": "physical"}


def _confidential_note(view: dict) -> str:
    where = ", ".join(part for part in (view["area"], view["city"], view["region"]) if part)
    return (f"Confidential address{' in ' + where if where else ''}: call for the address. "
            "The coordinates are the centre of an area about 2 km across, not the place itself.")


def virtual_link(service) -> tuple[str, str] | None:
    """(service_at_location id, location id) of the service's conference link, if it meets online."""
    meeting = service.meeting
    return virtual_ids(service.id) if meeting and meets_online(meeting.attendance, meeting.conference_url) else None


def meets_online(attendance: str | None, conference_url: str | None) -> bool:
    """Whether a meeting has a link to join online (a conference phone alone is a phone, not a place)."""
    return attendance in ("online", "hybrid") and bool(conference_url)


def virtual_ids(service_id: str) -> tuple[str, str]:
    """(service_at_location id, location id) of a service's conference link."""
    return derived_id(service_id, "service_at_location", "online"), derived_id(service_id, "location", "online")


def virtual_location(service, full: bool) -> dict:
    """The virtual location an online meeting is joined at."""
    meeting = service.meeting
    _, location_id = virtual_link(service)
    place = compact(id=location_id, location_type="virtual", url=meeting.conference_url,
                    organization_id=service.organization.id, name="Online",
                    description=meeting.conference_url_notes)
    return place | ({"addresses": [], "accessibility": []} if full else {})


def service_at_location(service, link_id: str, location_id: str, locations: dict, full: bool) -> dict | None:
    """An HSDS service_at_location without its service (the caller nests that); None if the place is gone."""
    if link_id == (virtual_link(service) or (None,))[0]:
        location = virtual_location(service, full)
    elif location_id in locations:
        location = location_object(locations[location_id], full)
    else:
        return None
    link = next((link for link in service.locations if link.id == link_id), None)
    return {"id": link_id, "service_id": service.id, "location_id": location_id,
            **compact(description=link and link.description), "location": location}


def online_only(attendance: str | None) -> bool:
    """Whether a meeting is joined only online: the place it is filed under is its town at most (Meeting Guide's
    "approximate", published as a town centre) or a door closed for now, so it is no physical location of it."""
    return attendance == "online"


def all_links(service) -> list[tuple[str, str]]:
    """(service_at_location id, location id) of every place the service is delivered, then its conference link.

    An online-only meeting has its conference link alone, a virtual location with its url and no address or point:
    an aggregator would otherwise map its town centre as somewhere to walk to.
    """
    virtual = virtual_link(service)
    physical = [] if service.meeting and online_only(service.meeting.attendance) else service.locations
    return [(link.id, link.location.id) for link in physical] + ([virtual] if virtual else [])
