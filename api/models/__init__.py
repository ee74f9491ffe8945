"""mongoengine documents: one module per aggregate, re-exported here."""

from api.models.location import Address, Location
from api.models.organization import Organization
from api.models.service import Service, ServiceAtLocation
from api.models.taxonomy import TaxonomyTerm

__all__ = ["Address", "Location", "Organization", "Service", "ServiceAtLocation", "TaxonomyTerm"]
