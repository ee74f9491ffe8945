"""What changed since a checkpoint: the services whose search documents must be rebuilt, and the new high mark."""

from dataclasses import dataclass

from api.models import Location, Organization, Service, changes

FEW = 100  # places and organisations changed at once up to which their services are looked up by "$in"


@dataclass(frozen=True)
class Pending:
    """Services to rebuild (removed ones included: rebuilding a missing service removes its documents)."""

    service_ids: frozenset[str]
    high: int


def pending_since(after: int) -> Pending:
    """Every service touched by a change numbered above `after`: its own edits, its places', its organization's."""
    high = changes.current()
    if high <= after:  # nothing new: an idle pass reads one counter, not three collections
        return Pending(frozenset(), high)
    touched = _touched(after)
    ids, locations, organizations = (touched[name] for name in ("services", "locations", "organizations"))
    return Pending(frozenset(ids | _services_at(locations, organizations)), high)


def _services_at(locations: set[str], organizations: set[str]) -> set[str]:
    """The services delivered at these places or run by these organisations."""
    if len(locations) + len(organizations) > FEW:
        # Many (a first pass, an import): one read of every service beats "$in" lists, which the embedded
        # database compares with every document (a first pass at 50,000 listings took ten minutes).
        rows = Service._get_collection().find({}, {"organization": 1, "locations.location": 1})
        return {row["_id"] for row in rows if row.get("organization") in organizations
                or any(link.get("location") in locations for link in row.get("locations", ()))}
    ids = set()
    if locations:
        ids |= _service_ids({"locations.location": {"$in": list(locations)}})
    if organizations:
        ids |= _service_ids({"organization": {"$in": list(organizations)}})
    return ids


def _touched(after: int) -> dict[str, set[str]]:
    """{collection: ids written or removed above `after`}: from this process's own record of its writes when it
    vouches for them all (the embedded default), else from the database."""
    touched = {document._get_collection_name(): set() for document in (Service, Location, Organization)}
    recent = changes.RECENT.since(after)
    if recent is not None:
        for change in recent:
            touched.get(change.collection, set()).add(change.document_id)
        return touched
    for document in (Service, Location, Organization):
        rows = document._get_collection().find({"change_seq": {"$gt": after}}, {"_id": 1})
        touched[document._get_collection_name()] |= {row["_id"] for row in rows}
    for tombstone in changes.Tombstone._get_collection().find({"change_seq": {"$gt": after}}):
        touched.get(tombstone["collection"], set()).add(tombstone["document_id"])
    return touched


def _service_ids(criteria: dict) -> set[str]:
    return {row["_id"] for row in Service._get_collection().find(criteria, {"_id": 1})}
