"""HSDS 3.0 reads of the directory: services, organizations, service_at_locations, taxonomies and terms.

Lists are ordered by name (then id) so pages are stable; each is a Listing that builds one page or streams them
all. Reads go to the database, the source of truth, as the Meeting Guide feed does. Objects are built by
services, places and taxonomies (beside this module); what the public may see of a place is public_view's decision.
"""

from datetime import datetime
from typing import Literal

from api.errors import NotFound
from api.interop.hsds.ids import timestamp
from api.interop.hsds.paging import (
    Filters,
    Listing,
    batches,
    in_memory,
    places_for_postcode,
    service_criteria,
    words_match,
)
from api.interop.hsds.places import all_links, location_object, meets_online, online_only, virtual_ids
from api.interop.hsds.places import service_at_location as link_object
from api.interop.hsds.services import (
    STATUS,
    full_organization,
    full_service,
    organization_object,
    service_object,
)
from api.interop.hsds.taxonomies import Catalogue
from api.models import Location, Organization, Service, changes

HSDS_VERSION = "3.0"
ORDER = [("name", 1), ("_id", 1)]
Shape = Literal["minimal", "list", "full"]
PROFILE = {
    "name": "Lantern HSDS profile",
    "hsds_version": HSDS_VERSION,
    "description": "HSDS 3.0 objects, validating against the official 3.0 schemas, with capacity from HSDS 3.1-dev.",
    "additions": [{"object": "service", "field": "capacities",
                   "schema": "service_capacity and unit, HSDS 3.1-dev (openreferral/specification, 3.1-dev)"}],
    "conventions": [
        "Inactive services are listed, with status inactive; temporarily closed is 'temporarily closed'.",
        "A confidential place has no name and no address; its coordinates are the centre of an area about 2 km "
        "across, and its description says to call for the address. It never matches a postcode.",
        "Schedule times carry the UTC offset in force where each schedule next applies (on the later of today and "
        "its first day, at its opening time), as its timezone does in hours; the IANA time zone that decides the "
        "offset on other dates is named in each schedule's notes; a schedule an HSDS import "
        "brought with notes of its own keeps them, and its zone is the service's other schedules' (timezone gives "
        "the offset either way).",
        "What an imported record carried that Lantern has no field for is served back as the source gave it, with "
        "the source's ids where they are UUIDs; a confidential place serves none of it.",
        "Dated closures and special hours from today on are one-day schedules (valid_from = valid_to = dtstart).",
        "Categories, meeting types, fellowships, MOUD, levels of care, payment, populations, genders, NARR levels "
        "and features are attributes with terms from the taxonomies at /hsds/taxonomies.",
        "An online meeting's conference link is a virtual location of its own service_at_location; an online-only "
        "meeting has no other location (the town it is filed under is no place to go).",
        "minimal=true lists each service's id and last_modified, with the name and status that HSDS's service_list "
        "schema requires.",
        "postcode selects places with that public postal code; with proximity (metres), places within that "
        "distance of their centroid.",
        "Requests are read as leniently as the HSDS openapi.json types them: unknown query parameters are ignored "
        "on every endpoint, an empty value is the parameter left out, page and per_page are clamped into range "
        "(the Page's page_number says which page was served), format is read without case.",
    ],
}


def directory_version(now: datetime) -> list:
    """What every HSDS answer depends on: the change sequence, the stored terms and today's date (exceptions
    from today on). Equal versions mean equal answers, so a stream can be tagged before it is built."""
    return [changes.current(), Catalogue.load().fingerprint, now.date().isoformat()]


def services(filters: Filters, shape: Shape, now: datetime) -> Listing:
    """Services matching the filters: minimal (id, last_modified), one-to-one fields, or fully nested."""
    catalogue = Catalogue.load()
    criteria = service_criteria(filters, catalogue, _places(filters))
    collection = Service._get_collection()

    def fetch(offset: int, limit: int | None):
        fields = {"_id": 1, "name": 1, "status": 1, "updated_at": 1} if shape == "minimal" else {"_id": 1}
        rows = collection.find(criteria, fields).sort(ORDER).skip(offset).limit(limit or 0)
        if shape == "minimal":  # a few fields each: no need to build the listings
            yield from (_minimal(row) for row in rows)
            return
        for ids in batches([row["_id"] for row in rows]):
            found, organizations, locations = _load(ids, with_locations=shape == "full")
            for service in (found[i] for i in ids if i in found):
                organization = organizations[service.organization.id]
                yield (full_service(service, organization, locations, catalogue, now) if shape == "full"
                       else service_object(service, organization))

    return Listing(collection.count_documents(criteria), fetch)


def _minimal(row: dict) -> dict:
    """What minimal=true lists: the id and last_modified HSDS names, with the name and status its service_list
    schema requires of every listed service."""
    return {"id": row["_id"], "name": row["name"], "status": STATUS[row.get("status", "active")],
            "last_modified": timestamp(row.get("updated_at"))}


def service(service_id: str, now: datetime) -> dict:
    """One service, fully nested."""
    found, organizations, locations = _load([service_id], with_locations=True)
    if service_id not in found:
        raise NotFound(f"No service with id {service_id[:100]!r}.")
    service = found[service_id]
    return full_service(service, organizations[service.organization.id], locations, Catalogue.load(), now,
                        _organization_places(service.organization.id))


def service_at_locations(filters: Filters, full: bool, now: datetime) -> Listing:
    """Every place each matching service is delivered (its conference link too, unless a postcode narrows)."""
    catalogue = Catalogue.load()
    place_ids = _places(filters)
    rows = Service._get_collection().find(service_criteria(filters, catalogue, place_ids), {
        "_id": 1, "locations": 1, "meeting.attendance": 1, "meeting.conference_url": 1}).sort(ORDER)
    links = []
    for row in rows:
        meeting = row.get("meeting") or {}
        if not online_only(meeting.get("attendance")):
            links += [(row["_id"], link["id"], link["location"]) for link in row.get("locations") or []
                      if place_ids is None or link["location"] in place_ids]
        if place_ids is None and meets_online(meeting.get("attendance"), meeting.get("conference_url")):
            links.append((row["_id"], *virtual_ids(row["_id"])))

    def fetch(offset: int, limit: int | None):
        for chunk in batches(links[offset:None if limit is None else offset + limit]):
            found, organizations, locations = _load({sid for sid, _, _ in chunk}, with_locations=True)
            for sid, link_id, location_id in chunk:
                if sid in found:
                    yield _service_at_location(found[sid], link_id, location_id, organizations, locations, full,
                                               catalogue, now)

    return Listing(len(links), fetch)


def service_at_location(link_id: str, now: datetime) -> dict:
    """One service_at_location, fully nested (its location and its service)."""
    collection = Service._get_collection()
    row = collection.find_one({"locations.id": link_id}, {"_id": 1}) or next(
        (row for row in collection.find({"meeting.conference_url": {"$exists": True, "$ne": None}},
                                        {"_id": 1, "meeting.attendance": 1, "meeting.conference_url": 1})
         if meets_online(row["meeting"].get("attendance"), row["meeting"].get("conference_url"))
         and virtual_ids(row["_id"])[0] == link_id), None)
    if row is None:
        raise NotFound(f"No service_at_location with id {link_id[:100]!r}.")
    found, organizations, locations = _load([row["_id"]], with_locations=True)
    service = found[row["_id"]]
    published = dict(all_links(service))
    if link_id not in published:  # the town an online-only meeting is filed under
        raise NotFound(f"No service_at_location with id {link_id[:100]!r}.")
    return _service_at_location(service, link_id, published[link_id], organizations, locations,
                                True, Catalogue.load(), now, _organization_places(service.organization.id))


def organizations(search: str, full: bool, full_services: bool, now: datetime) -> Listing:
    """Organizations whose name or description has the search words; full adds phones, places and services."""
    rows = Organization._get_collection().find({}, {"name": 1, "alternate_name": 1, "description": 1}).sort(ORDER)
    ids = [row["_id"] for row in rows
           if words_match(search, row.get("name"), row.get("alternate_name"), row.get("description"))]

    def fetch(offset: int, limit: int | None):
        for chunk in batches(ids[offset:None if limit is None else offset + limit]):
            yield from _organizations(chunk, full or full_services, full_services, now)

    return Listing(len(ids), fetch)


def organization(organization_id: str, full_services: bool, now: datetime) -> dict:
    """One organization, with its phones, places and services (one-to-one fields, or fully nested)."""
    found = list(_organizations([organization_id], True, full_services, now))
    if not found:
        raise NotFound(f"No organization with id {organization_id[:100]!r}.")
    return found[0]


def taxonomies(search: str) -> Listing:
    """The taxonomies our terms come from."""
    found = Catalogue.load().taxonomies.values()
    return in_memory([taxonomy for taxonomy in found
                      if words_match(search, taxonomy["name"], taxonomy["description"])])


def taxonomy(taxonomy_id: str) -> dict:
    found = Catalogue.load().taxonomies.get(taxonomy_id)
    if found is None:
        raise NotFound(f"No taxonomy with id {taxonomy_id[:100]!r}.")
    return found


def taxonomy_terms(search: str, taxonomy_id: str | None, parent_id: str | None, top_only: bool) -> Listing:
    """Terms, by taxonomy; top_only keeps the terms without a parent."""
    catalogue = Catalogue.load()
    terms = [term for term in catalogue.terms.values()
             if (taxonomy_id is None or catalogue.taxonomy_id(term) == taxonomy_id)
             and (parent_id is None or term.parent_id == parent_id) and not (top_only and term.parent_id)
             and words_match(search, term.code.replace("-", " ").replace("_", " "), term.name, term.description)]
    return in_memory([catalogue.term_object(term) for term in terms])


def taxonomy_term(term_id: str) -> dict:
    catalogue = Catalogue.load()
    term = catalogue.terms.get(term_id)
    if term is None:
        raise NotFound(f"No taxonomy term with id {term_id[:100]!r}.")
    return catalogue.term_object(term)


def _places(filters: Filters) -> set[str] | None:
    return places_for_postcode(filters.postcode, filters.proximity_m) if filters.postcode else None


def _load(service_ids, with_locations: bool) -> tuple[dict, dict, dict]:
    """({id: Service}, {id: Organization}, {id: Location}) for a batch, in three bulk reads."""
    found = Service.objects.no_dereference().in_bulk(list(service_ids))
    organizations = Organization.objects.in_bulk(list({s.organization.id for s in found.values()}))
    location_ids = {link.location.id for s in found.values() for link in s.locations} if with_locations else ()
    return found, organizations, Location.objects.no_dereference().in_bulk(list(location_ids))


def _organization_places(organization_id: str) -> list[dict]:
    """The organization's places as HSDS locations, for the organization nested in full in one service."""
    found = list(Location.objects(organization=organization_id).no_dereference().order_by("name", "id"))
    towns = stand_ins([place.id for place in found])
    return [location_object(place, full=True) for place in found if place.id not in towns]


def _service_at_location(service, link_id, location_id, organizations, locations, full, catalogue, now,
                         organization_places=None) -> dict:
    """A service_at_location with its location and its service (fully nested when full, less its own places)."""
    organization = organizations[service.organization.id]
    if full:
        nested = full_service(service, organization, locations, catalogue, now, organization_places)
        places = nested.pop("service_at_locations")
        place = next((p for p in places if p["id"] == link_id), None)  # None: the place was removed meanwhile
        return (place or {"id": link_id, "service_id": service.id, "location_id": location_id}) | {"service": nested}
    return (link_object(service, link_id, location_id, locations, full=False)
            or {"id": link_id, "service_id": service.id, "location_id": location_id}) | {
        "service": service_object(service, organization)}


def stand_ins(place_ids: list[str]) -> set[str]:
    """Of these places, those only online-only meetings are filed under (their town centre, say): no door to walk
    to, so no location of their organization either. A place no service uses stays (an office, a new site)."""
    used, doors = set(), set()
    rows = Service._get_collection().find({"locations.location": {"$in": place_ids}},
                                          {"locations.location": 1, "meeting.attendance": 1})
    for row in rows:
        linked = {link["location"] for link in row.get("locations") or []}
        used |= linked
        if not online_only((row.get("meeting") or {}).get("attendance")):
            doors |= linked
    return used - doors


def _organizations(ids: list, full: bool, full_services: bool, now):
    """Organizations in the order of ids; full ones with their places and services (without the organization
    repeated inside each service)."""
    organizations = Organization.objects.in_bulk(ids)
    if not full:
        yield from (organization_object(organizations[i]) for i in ids if i in organizations)
        return
    places: dict[str, list] = {}
    found_places = list(Location.objects(organization__in=ids).no_dereference().order_by("name", "id"))
    towns = stand_ins([place.id for place in found_places])
    for place in found_places:
        if place.id not in towns:
            places.setdefault(place.organization.id, []).append(location_object(place, full=True))
    service_ids = [row["_id"] for row in Service._get_collection().find({"organization": {"$in": ids}}, {"_id": 1})
                   .sort(ORDER)]
    found, _, locations = _load(service_ids, with_locations=full_services)
    catalogue = Catalogue.load() if full_services else None
    by_organization: dict[str, list] = {}
    for sid in service_ids:
        item = found[sid]
        organization = organizations[item.organization.id]
        mapped = (full_service(item, organization, locations, catalogue, now) if full_services
                  else service_object(item, organization))
        mapped.pop("organization")
        by_organization.setdefault(organization.id, []).append(mapped)
    for i in ids:
        if i in organizations:
            yield full_organization(organizations[i], places.get(i, []), by_organization.get(i, []))

