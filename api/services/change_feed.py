"""The change feed: listings changed or removed since a cursor, so a phone can keep an offline copy in sync."""

from datetime import timedelta

from api.models import Service, changes
from api.services.public_view import service_summary
from api.timing import measure

# A change is listed once it is this old: a write in another process may have taken its number a moment before
# a lower-numbered one finished, and a cursor past a number never written yet would skip it for good.
SETTLE = timedelta(seconds=2)


def changes_since(reader, since: int, limit: int, now, ttl_hours: dict) -> dict:
    """Up to `limit` changes numbered above `since`, oldest first: upserts with their summary, and removals."""
    settled = (now - SETTLE).replace(tzinfo=None)
    with measure("db"):
        edited = Service._get_collection().find(
            {"change_seq": {"$gt": since}, "updated_at": {"$lte": settled}}, {"_id": 1, "change_seq": 1, "status": 1})
        removed = changes.Tombstone._get_collection().find(
            {"collection": "services", "change_seq": {"$gt": since}, "removed_at": {"$lte": settled}},
            {"document_id": 1, "change_seq": 1})
        entries = sorted([(row["change_seq"], row["_id"], row["status"] == "inactive") for row in edited]
                         + [(row["change_seq"], row["document_id"], True) for row in removed])
    page, has_more = entries[:limit], len(entries) > limit
    live = [service_id for _, service_id, gone in page if not gone]
    services, organizations, locations = reader.load(live, _first_places(reader, live))
    items = []
    for seq, service_id, gone in page:
        service = None if gone else services.get(service_id)
        if service is None:
            items.append({"id": service_id, "change": "removed", "change_seq": seq, "service": None})
            continue
        place = locations.get(service.locations[0].location.id) if service.locations else None
        summary = service_summary(service, organizations[service.organization.id], place, None, now, ttl_hours)
        items.append({"id": service_id, "change": "upsert", "change_seq": seq, "service": summary})
    return {"changes": items, "next_since": page[-1][0] if page else since, "has_more": has_more}


def _first_places(reader, service_ids: list[str]) -> list[str]:
    services, _, _ = reader.load(service_ids, [])
    return [s.locations[0].location.id for s in services.values() if s.locations]


