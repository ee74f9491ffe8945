"""An HSDS organization as a new organisation of ours (an import never edits one that exists).

It takes the record's id when that is a UUID no organisation has (so /hsds serves the source's id back), else an
id derived from the source and the record's id, the same on every dry run; its phones, contacts and funding; and
what we have no field for as its extra data (programs, identifiers, parent_organization_id, ...), less its
metadata about places (one of them may be confidential).
"""

from api.interop.hsds.extra import kept, without_places
from api.interop.hsds.ids import derived_id
from api.interop.hsds.record_contacts import contacts, phones
from api.interop.hsds.record_facts import funding
from api.interop.hsds.standard import is_uuid
from api.interop.hsds.values import Values
from api.models import Organization

TEXT = {"name": 200, "alternate_name": 200, "description": 4000, "email": 200, "website": 500, "tax_status": 200,
        "tax_id": 100, "legal_status": 200, "logo": 2000, "uri": 500}


def new_organization(described: dict, source: str, hsds_id: str) -> tuple[Organization, dict[str, str]]:
    """The organisation the record describes, unsaved and unvalidated, and {field: message} for what it cannot use."""
    values = Values()
    taken = is_uuid(hsds_id) and Organization.objects(id=hsds_id).only("id").first() is not None
    organization = Organization(
        id=hsds_id if is_uuid(hsds_id) and not taken else derived_id("organization", source, hsds_id),
        **{name: values.text(described, name, "", limit) for name, limit in TEXT.items()},
        year_incorporated=values.integer(described, "year_incorporated", "", 1000, 3000),
        phones=phones(described, "", values), contacts=contacts(described, "", values),
        funding=funding(described, "", values), source=source, source_id=hsds_id)
    # Which of its places its metadata names cannot be told (its places come with its services): none is kept.
    organization.extra = without_places(kept(described, "organization", values))
    return organization, values.errors
