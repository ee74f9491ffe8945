"""What changed since a checkpoint: the services whose search documents must be rebuilt, and the new high mark."""

from dataclasses import dataclass

from api.models import Location, Organization, Service, changes


@dataclass(frozen=True)
class Pending:
    """Services to rebuild (removed ones included: rebuilding a missing service removes its documents)."""

    service_ids: frozenset[str]
    high: int


def pending_since(after: int) -> Pending:
    """Every service touched by a change numbered above `after`: its own edits, its places', its organization's."""
    high = changes.current()
    ids = {row["_id"] for row in _changed(Service, after)}
    locations = {row["_id"] for row in _changed(Location, after)}
    organizations = {row["_id"] for row in _changed(Organization, after)}
    for tombstone in changes.Tombstone._get_collection().find({"change_seq": {"$gt": after}}):
        {"services": ids, "locations": locations, "organizations": organizations}.get(
            tombstone["collection"], set()).add(tombstone["document_id"])
    if locations:
        ids |= _service_ids({"locations.location": {"$in": list(locations)}})
    if organizations:
        ids |= _service_ids({"organization": {"$in": list(organizations)}})
    return Pending(frozenset(ids), high)


def _changed(document, after: int):
    return document._get_collection().find({"change_seq": {"$gt": after}}, {"_id": 1})


def _service_ids(criteria: dict) -> set[str]:
    return {row["_id"] for row in Service._get_collection().find(criteria, {"_id": 1})}
