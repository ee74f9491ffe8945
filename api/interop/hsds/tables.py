"""The HSDS CSV tabular datapackage, nested: each services.csv row becomes the fully nested service JSON gives.

Tables are joined by their HSDS foreign keys (service_id, location_id, phone_id, ...); columns the JSON schema
types as numbers are read as numbers where they are numbers (otherwise they stay text, and the service's import
reports the wrong type); empty cells are left out, as JSON leaves out what it has no value for. A row nests under
every object its keys name (a phone with a service_id and a location_id is the service's and the place's), as the
JSON examples repeat it; meta_table_descriptions (about the tables, not the records) is not read.
"""

# The tables nest_tables reads (file names in the datapackage); a datapackage's other files are never opened.
TABLES = frozenset(f"{name}.csv" for name in (
    "services", "organizations", "phones", "languages", "taxonomy_terms", "taxonomies", "addresses", "accessibility",
    "locations", "service_at_location", "schedules", "cost_options", "attributes", "contacts", "service_capacity",
    "unit", "funding", "service_areas", "required_documents", "programs", "organization_identifiers", "metadata"))
NUMBERS = {"latitude", "longitude", "minimum_age", "maximum_age", "extension", "amount", "available", "maximum",
           "interval", "count", "year_incorporated", "timezone"}


def nest_tables(tables: dict[str, list[dict]]) -> tuple[dict[str, dict], list[tuple[int, dict]],
                                                      list[tuple[int, str]]]:
    """(organizations by id, services as (services.csv row, nested object), unreadable rows) from the tables' rows
    (by file name, each row by column, as api/interop/hsds/datapackage.py reads them)."""

    def table(name: str) -> list[dict]:
        return tables.get(f"{name}.csv", [])

    def by(name: str, key: str) -> dict[str, list[dict]]:
        grouped: dict[str, list[dict]] = {}
        for row in table(name):
            if row.get(key):
                grouped.setdefault(row[key], []).append(row)
        return grouped

    languages_of_phone, languages_of_service = by("languages", "phone_id"), by("languages", "service_id")
    phones = [row | {"languages": [_clean(item) for item in languages_of_phone.get(row.get("id"), [])]}
              for row in table("phones")]
    phones_of = {key: _group(phones, key) for key in ("service_id", "organization_id", "location_id", "contact_id")}
    terms = {row["id"]: _clean(row) for row in table("taxonomy_terms") if row.get("id")}
    taxonomies = {row["id"]: _clean(row) for row in table("taxonomies") if row.get("id")}
    for term in terms.values():
        if term.get("taxonomy_id") in taxonomies:
            term["taxonomy_detail"] = taxonomies[term["taxonomy_id"]]
    contacts_of = {key: {owner: [_clean(item) | {"phones": phones_of["contact_id"].get(item.get("id"), [])}
                                 for item in rows] for owner, rows in by("contacts", key).items()}
                   for key in ("service_id", "organization_id", "location_id", "service_at_location_id")}
    schedules_of = {key: _group(table("schedules"), key) for key in ("service_id", "location_id",
                                                                     "service_at_location_id")}
    phones_of["service_at_location_id"] = _group(phones, "service_at_location_id")

    def parts(owner_id: str, key: str, **tables_by: dict) -> dict:
        """The owner's rows of each table (by this key), cleaned; the tables it has none of left out."""
        found = {name: [_clean(item) for item in rows.get(owner_id, [])] for name, rows in tables_by.items()}
        return {name: rows for name, rows in found.items() if rows} | {
            name: found for name, found in (("contacts", contacts_of[key].get(owner_id)),
                                            ("schedules", schedules_of.get(key, {}).get(owner_id))) if found}

    addresses, accessibility = by("addresses", "location_id"), by("accessibility", "location_id")
    languages_of_location = by("languages", "location_id")
    locations = {row["id"]: _clean(row) | {
        "addresses": [_clean(item) for item in addresses.get(row["id"], [])],
        "accessibility": [_clean(item) for item in accessibility.get(row["id"], [])],
        "phones": phones_of["location_id"].get(row["id"], [])} | parts(
            row["id"], "location_id", languages=languages_of_location)
        for row in table("locations") if row.get("id")}
    links = by("service_at_location", "service_id")
    costs, attributes = by("cost_options", "service_id"), by("attributes", "link_id")
    programs = {row["id"]: _clean(row) for row in table("programs") if row.get("id")}
    of_service = {name: by(name, "service_id") for name in ("funding", "service_areas", "required_documents")}
    metadata = by("metadata", "resource_id")
    capacities, units = by("service_capacity", "service_id"), {row["id"]: _clean(row) for row in table("unit")
                                                                if row.get("id")}
    of_organization = {name: by(name, "organization_id") for name in ("funding", "programs",
                                                                      "organization_identifiers")}
    organizations = {row["id"]: _clean(row) | {"phones": phones_of["organization_id"].get(row["id"], [])} | parts(
        row["id"], "organization_id", **of_organization, metadata=metadata)
        for row in table("organizations") if row.get("id")}
    services, unreadable = [], []
    for number, row in enumerate(table("services"), start=2):  # row 1 is the header
        sid = row.get("id") or ""
        if not any(row.values()):
            continue
        services.append((number, _clean(row) | {
            "phones": phones_of["service_id"].get(sid, []),
            "languages": [_clean(item) for item in languages_of_service.get(sid, [])],
            "cost_options": [_clean(item) for item in costs.get(sid, [])],
            "attributes": [_clean(item) | ({"taxonomy_term": terms[item["taxonomy_term_id"]]}
                                           if item.get("taxonomy_term_id") in terms else {})
                           for item in attributes.get(sid, [])],
            "capacities": [_clean(item) | ({"unit": units[item["unit_id"]]} if item.get("unit_id") in units else {})
                           for item in capacities.get(sid, [])],
            "service_at_locations": [_clean(link) | ({"location": locations[link["location_id"]]}
                                                     if link.get("location_id") in locations else {})
                                     | {"phones": phones_of["service_at_location_id"].get(link.get("id"), [])}
                                     | parts(link.get("id"), "service_at_location_id")
                                     for link in links.get(sid, [])],
        } | parts(sid, "service_id", **of_service, metadata=metadata)
            | ({"program": programs[row["program_id"]]} if row.get("program_id") in programs else {})))
    return organizations, services, unreadable


def all_terms(tables: dict[str, list[dict]]) -> list[dict]:
    """Every taxonomy_term row, for creating the file's terms whether or not a service uses them."""
    return [_clean(row) for row in tables.get("taxonomy_terms.csv", [])]


def _group(rows: list[dict], key: str) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for row in rows:
        if row.get(key):
            grouped.setdefault(row[key], []).append(_clean(row))
    return grouped


def _clean(row: dict) -> dict:
    """Empty cells left out; numeric columns as numbers where they read as numbers."""
    return {key: _number(value) if key in NUMBERS else value for key, value in row.items() if value not in ("", None)}


def _number(value):
    if not isinstance(value, str):
        return value
    try:
        return int(value)
    except ValueError:
        try:
            return float(value)
        except ValueError:
            return value
