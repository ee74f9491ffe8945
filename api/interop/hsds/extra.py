"""An imported record's extra data: the fields of its HSDS objects that our models have no place for.

kept() takes them from the source record on import (into Service.extra, Location.extra, Organization.extra);
overlay() serves them back on /hsds, unchanged. KINDS says, per HSDS object, which fields our models hold (those
are never kept twice) and which nested objects are walked. A nested list we map (a service's phones) keeps, per
item, only what we do not map, with the key that finds the item again on the way out: its id, a language's code,
an accessibility's description. So what an edit here changes wins (our value is there, the extra one is not used),
and an item an edit removes takes its extra data with it.

Kept fields must already be what the standard says (api/interop/hsds/standard.py checks each against the
official schema), since they are served back as they are; an id that is not a UUID is not kept (HSDS ids are).
"""

import json

from api.i18n.text import gettext as _
from api.interop.hsds.standard import is_uuid, problem
from api.interop.hsds.values import Values

# kind: (fields our models hold, {field: kind of its nested object or objects, None when another document maps it})
KINDS: dict[str, tuple[frozenset, dict]] = {
    "service": (frozenset({
        "id", "organization_id", "name", "alternate_name", "description", "url", "email", "status",
        "interpretation_services", "application_process", "fees_description", "wait_time", "accreditations",
        "eligibility_description", "minimum_age", "maximum_age", "assured_date", "assurer_email", "licenses",
        "alert", "last_modified", "cost_options", "required_documents", "service_areas", "funding", "capacities"}),
        {"phones": "phone", "schedules": "schedule", "languages": "language", "contacts": "contact",
         "service_at_locations": "service_at_location", "organization": None, "attributes": "attribute"}),
    # An attribute is a stored term of the listing; the term itself is a TaxonomyTerm, with its own extra data.
    "attribute": (frozenset({"link_id", "taxonomy_term_id", "taxonomy_term"}), {}),
    "taxonomy_term": (frozenset({"id", "code", "name", "description", "taxonomy", "taxonomy_id"}), {}),
    "service_at_location": (frozenset({"id", "service_id", "location_id", "description"}),
                            {"location": None, "service": None}),
    "location": (frozenset({"id", "location_type", "url", "organization_id", "name", "description",
                            "transportation", "latitude", "longitude"}),
                 {"languages": "language", "addresses": "address", "contacts": "contact", "phones": "phone",
                  "accessibility": "accessibility"}),
    "organization": (frozenset({"id", "name", "alternate_name", "description", "email", "website", "tax_status",
                                "tax_id", "year_incorporated", "legal_status", "logo", "uri", "funding"}),
                     {"phones": "phone", "contacts": "contact", "services": None, "locations": None}),
    "phone": (frozenset({"id", "location_id", "service_id", "organization_id", "contact_id",
                         "service_at_location_id", "number", "extension", "type", "description"}),
              {"languages": "language"}),
    "contact": (frozenset({"id", "organization_id", "service_id", "service_at_location_id", "location_id", "name",
                           "title", "department", "email"}), {"phones": "phone"}),
    "schedule": (frozenset({"id", "service_id", "location_id", "service_at_location_id", "valid_from", "valid_to",
                            "dtstart", "timezone", "until", "count", "wkst", "freq", "interval", "byday", "byweekno",
                            "bymonthday", "byyearday", "description", "opens_at", "closes_at", "schedule_link",
                            "attending_type", "notes"}), {}),
    # We keep a language's code only: its id, name and note are extra data, found again by the code.
    "language": (frozenset({"service_id", "location_id", "phone_id", "code"}), {}),
    "address": (frozenset({"id", "location_id", "address_1", "address_2", "city", "state_province", "postal_code",
                           "country"}), {}),
    "accessibility": (frozenset({"location_id", "description"}), {}),
}
# How an item of a nested list is found again on the way out: by its id, or by what we keep of a thing we give no
# id of its own (a language is its code, an accessibility its description, an attribute its term).
FOUND_BY = {"language": "code", "accessibility": "description", "attribute": "taxonomy_term_id"}
MATCH_KEYS = ("id", "code", "description", "taxonomy_term_id")
# More than any real record leaves over, far less than the 16 MB a MongoDB document may hold.
MAX_EXTRA_BYTES = 256 * 1024
INT64 = 2 ** 63
PLACE_RECORDS = ("location", "address")  # metadata resource types that describe a place


def kept(record: dict, kind: str, values: Values, path: str = "") -> dict:
    """The fields of an HSDS object (and of the objects nested in it) that KINDS says we do not hold."""
    found = _kept(record, kind, values, path)
    size = len(json.dumps(found, ensure_ascii=False))
    if size > MAX_EXTRA_BYTES:
        values.fail(path or "record", f"{size:,} bytes of fields we keep as given: at most {MAX_EXTRA_BYTES:,}")
        return {}
    return found


def overlay(ours: dict, extra: dict | None, nested: bool = True) -> dict:
    """Our object with the extra data wherever it has no value of its own; nested=False leaves lists out (the
    one-to-one shape of an object)."""
    if not extra:
        return ours
    merged = dict(ours)
    for key, value in extra.items():
        mine = merged.get(key)
        if isinstance(value, list) and not nested:
            continue
        if key not in merged:
            merged[key] = value
        elif isinstance(mine, dict) and isinstance(value, dict):
            merged[key] = overlay(mine, value, nested)
        elif isinstance(mine, list) and isinstance(value, list):
            merged[key] = [_matched(item, value) for item in mine]
    return merged


def without_places(extra: dict | None) -> dict | None:
    """The extra data less its metadata about places (an old address, a former name), which a listing or an
    organisation with a confidential place must not serve: that place may be the one it names."""
    if not extra or not isinstance(extra.get("metadata"), list):
        return extra
    return extra | {"metadata": [item for item in extra["metadata"]
                                 if not (isinstance(item, dict) and item.get("resource_type") in PLACE_RECORDS)]}


def _kept(record: dict, kind: str, values: Values, path: str) -> dict:
    mapped, nested = KINDS[kind]
    found = {}
    for key, value in record.items():
        where = f"{path}.{key}" if path else key
        if key in nested:
            if nested[key] is not None and isinstance(value, list):
                items = [_item(item, nested[key], values, f"{where}.{index}") for index, item in enumerate(value)
                         if isinstance(item, dict)]
                if any(items):
                    found[key] = [item for item in items if item]
            continue
        if key in mapped:
            continue
        if "." in key or key.startswith("$"):
            values.fail(where, _("a field name cannot hold '.' or start with '$'"))
            continue
        if key == "id":
            if is_uuid(value):
                found[key] = value
            continue
        message = _storable(value) or problem(kind, key, value)
        if message:
            values.fail(where, message)
        else:
            found[key] = value
    return found


def _item(item: dict, kind: str, values: Values, path: str) -> dict:
    """What we do not map of one item of a nested list, with the key that finds the item again; {} if nothing."""
    rest = _kept(item, kind, values, path)
    if not rest:
        return {}
    key = FOUND_BY.get(kind, "id")
    value = item.get(key)
    if key == "taxonomy_term_id" and not value and isinstance(item.get("taxonomy_term"), dict):
        value = item["taxonomy_term"].get("id")  # an attribute may name its term only in the nested term
    return ({key: value} if isinstance(value, str) and value else {}) | rest


def _matched(item, extras: list):
    """An item of our list with the extra data of the same item (same id, else code, else description)."""
    if not isinstance(item, dict):
        return item
    for key in MATCH_KEYS:
        if key not in item:
            continue
        found = next((extra for extra in extras if isinstance(extra, dict) and extra.get(key) == item[key]), None)
        if found is not None:
            merged = overlay(item, found)
            if key != "id" and "id" in found:  # the source's id of a thing we hold without one (a language)
                merged["id"] = found["id"]
            return merged
    return item


def _storable(value) -> str | None:
    """Why MongoDB could not store a value as given (a key with "." or "$", a whole number past 64 bits)."""
    if isinstance(value, dict):
        bad = next((key for key in value if not isinstance(key, str) or "." in key or key.startswith("$")), None)
        if bad is not None:
            return _("a field name cannot hold '.' or start with '$' ({name})", name=repr(str(bad)[:40]))
        return next((message for item in value.values() if (message := _storable(item))), None)
    if isinstance(value, list):
        return next((message for item in value if (message := _storable(item))), None)
    if isinstance(value, int) and not isinstance(value, bool) and not -INT64 <= value < INT64:
        return _("a whole number too large to keep")
    return None
