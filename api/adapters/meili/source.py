"""The directory as search documents: read from the database in batches and built whole, never patched.

Documents are built from the raw stored records seen through attribute views: turning each into a mongoengine
object first costs ~1.5 ms a service (most of a full rebuild), and the builder only reads fields.
"""

from collections.abc import Iterator
from datetime import datetime
from types import SimpleNamespace

from api.adapters.meili.documents import service_documents
from api.models import Location, Organization, Service
from api.models.records import RecordView

BATCH = 500
PLACE_FIELDS = {"public_point": 1, "area": 1, "address.city": 1}


def all_documents(now: datetime, ttl_hours: dict, batch: int = BATCH) -> Iterator[list[dict]]:
    """Every public service's documents (inactive ones are left out), a batch of services at a time.

    Places and organization names are read once up front (a few fields each), and services stream, so memory
    stays flat however large the directory.
    """
    organizations = _organizations({})
    places = {row["_id"]: RecordView(row) for row in Location._get_collection().find({}, PLACE_FIELDS)}
    pending: list = []
    for row in Service._get_collection().find({"status": {"$ne": "inactive"}}):
        pending.append(RecordView(row))
        if len(pending) == batch:
            yield _built(pending, organizations, places, now, ttl_hours)
            pending = []
    if pending:
        yield _built(pending, organizations, places, now, ttl_hours)


def documents_for(service_ids, now: datetime, ttl_hours: dict) -> list[dict]:
    """The documents these services should have now: none for a removed or inactive one."""
    rows = Service._get_collection().find({"_id": {"$in": list(service_ids)}, "status": {"$ne": "inactive"}})
    services = [RecordView(row) for row in rows]
    if not services:
        return []
    organizations = _organizations({"_id": {"$in": list({service.organization for service in services})}})
    location_ids = list({link.location for service in services for link in service.locations})
    places = {row["_id"]: RecordView(row)
              for row in Location._get_collection().find({"_id": {"$in": location_ids}}, PLACE_FIELDS)}
    return _built(services, organizations, places, now, ttl_hours)


def _organizations(criteria: dict) -> dict:
    rows = Organization._get_collection().find(criteria, {"name": 1})
    return {row["_id"]: SimpleNamespace(name=row["name"]) for row in rows}


def _built(services: list, organizations: dict, places: dict, now: datetime, ttl_hours: dict) -> list[dict]:
    return [document for service in services
            for document in service_documents(service, organizations[service.organization], places, now, ttl_hours)]


def all_service_ids() -> set[str]:
    """Every service the index should hold documents for (inactive ones included, so theirs are removed)."""
    return {row["_id"] for row in Service._get_collection().find({}, {"_id": 1})}


def count_services() -> int:
    """How many services a full reindex will index."""
    return Service.objects(status__ne="inactive").count()
