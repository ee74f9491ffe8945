"""Reading listings by id for the page a person sees: from MongoDB, or from the embedded default's snapshot."""

from collections import Counter

from api.adapters.snapshot import DirectorySnapshot
from api.models import Location, Organization, Service


class MongoReader:
    """Reads straight from the database (indexed _id lookups on a real server)."""

    def load(self, service_ids, location_ids):
        """({id: Service}, {id: Organization}, {id: Location}) for the ids that exist."""
        services = Service.objects.no_dereference().in_bulk(list(service_ids))
        organizations = Organization.objects.in_bulk(list({s.organization.id for s in services.values()}))
        return services, organizations, Location.objects.in_bulk(list(location_ids))

    def service(self, service_id: str):
        service = Service.objects(id=service_id).no_dereference().first()
        if service is None:
            return None
        location_ids = [link.location.id for link in service.locations]
        locations = Location.objects.in_bulk(location_ids)
        return (service, Organization.objects.get(id=service.organization.id),
                [locations[i] for i in location_ids if i in locations])

    def category_counts(self) -> dict[str, int]:
        """Listings the public can find, per category."""
        rows = Service.objects(status__ne="inactive").aggregate(
            [{"$group": {"_id": "$category", "count": {"$sum": 1}}}])
        return {row["_id"]: row["count"] for row in rows}


class SnapshotReader:
    """Reads from the in-process snapshot, which is as current as the database (see adapters/snapshot.py)."""

    def __init__(self, snapshot: DirectorySnapshot):
        self.snapshot = snapshot

    def load(self, service_ids, location_ids):
        state = self.snapshot.current()
        services = {i: state.services[i] for i in service_ids if i in state.services}
        organization_ids = {service.organization.id for service in services.values()}
        return (services, {i: state.organizations[i] for i in organization_ids if i in state.organizations},
                {i: state.locations[i] for i in location_ids if i in state.locations})

    def service(self, service_id: str):
        state = self.snapshot.current()
        service = state.services.get(service_id)
        if service is None:
            return None
        places = (state.locations.get(link.location.id) for link in service.locations)
        return service, state.organizations[service.organization.id], [place for place in places if place]

    def category_counts(self) -> dict[str, int]:
        services = self.snapshot.current().services.values()
        return dict(Counter(service.category for service in services if service.status != "inactive"))
