"""The directory as search documents: read from the database in batches and built whole, never patched."""

from collections.abc import Iterator
from datetime import datetime

from api.adapters.meili.documents import service_documents
from api.models import Location, Organization, Service

BATCH = 500


def all_documents(now: datetime, ttl_hours: dict, batch: int = BATCH) -> Iterator[list[dict]]:
    """Every public service's documents (inactive ones are left out), a batch of services at a time."""
    organizations = {org.id: org for org in Organization.objects.only("id", "name")}
    pending: list = []
    for service in Service.objects(status__ne="inactive").no_dereference().batch_size(batch):
        pending.append(service)
        if len(pending) == batch:
            yield _documents(pending, organizations, now, ttl_hours)
            pending = []
    if pending:
        yield _documents(pending, organizations, now, ttl_hours)


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
    locations = Location.objects.in_bulk(list(location_ids))
    return [document for service in services
            for document in service_documents(service, organizations[service.organization.id], locations, now,
                                              ttl_hours)]


def all_service_ids() -> set[str]:
    """Every service the index should hold documents for (inactive ones included, so theirs are removed)."""
    return {row["_id"] for row in Service._get_collection().find({}, {"_id": 1})}


def count_services() -> int:
    """How many services a full reindex will index."""
    return Service.objects(status__ne="inactive").count()
