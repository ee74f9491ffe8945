"""The directory as search documents: read from the database in batches and built whole, never patched."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace

from api.adapters.meili.documents import service_documents
from api.models import Location, Organization, Service

BATCH = 500


@dataclass(frozen=True)
class _Place:
    """The few fields of a location a document shows, read once for a full rebuild."""

    id: str
    public_point: dict
    area: str | None
    address: SimpleNamespace


def all_documents(now: datetime, ttl_hours: dict, batch: int = BATCH) -> Iterator[list[dict]]:
    """Every public service's documents (inactive ones are left out), a batch of services at a time.

    Places and organization names are read once up front (a few fields each), and services stream without being
    cached, so memory stays flat however large the directory.
    """
    organizations = {org.id: org for org in Organization.objects.only("id", "name")}
    rows = Location._get_collection().find({}, {"public_point": 1, "area": 1, "address.city": 1})
    places = {row["_id"]: _Place(row["_id"], row["public_point"], row.get("area"),
                                 SimpleNamespace(city=(row.get("address") or {}).get("city"))) for row in rows}
    pending: list = []
    for service in Service.objects(status__ne="inactive").no_dereference().no_cache().batch_size(batch):
        pending.append(service)
        if len(pending) == batch:
            yield _built(pending, organizations, places, now, ttl_hours)
            pending = []
    if pending:
        yield _built(pending, organizations, places, now, ttl_hours)


def documents_for(service_ids, now: datetime, ttl_hours: dict) -> list[dict]:
    """The documents these services should have now: none for a removed or inactive one."""
    services = list(Service.objects(id__in=list(service_ids), status__ne="inactive").no_dereference())
    if not services:
        return []
    organization_ids = list({service.organization.id for service in services})
    organizations = {org.id: org for org in Organization.objects(id__in=organization_ids).only("id", "name")}
    return _documents(services, organizations, now, ttl_hours)


def _documents(services: list, organizations: dict, now: datetime, ttl_hours: dict) -> list[dict]:
    location_ids = {link.location.id for service in services for link in service.locations}
    return _built(services, organizations, Location.objects.in_bulk(list(location_ids)), now, ttl_hours)


def _built(services: list, organizations: dict, places: dict, now: datetime, ttl_hours: dict) -> list[dict]:
    return [document for service in services
            for document in service_documents(service, organizations[service.organization.id], places, now,
                                              ttl_hours)]


def all_service_ids() -> set[str]:
    """Every service the index should hold documents for (inactive ones included, so theirs are removed)."""
    return {row["_id"] for row in Service._get_collection().find({}, {"_id": 1})}


def count_services() -> int:
    """How many services a full reindex will index."""
    return Service.objects(status__ne="inactive").count()
