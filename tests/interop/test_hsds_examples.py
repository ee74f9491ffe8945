"""Every official HSDS example imports as published, comes back out of /hsds, and is compared field by field.

What is counted: each leaf value of the example (a string, number or boolean, at a path such as
service_at_locations.0.location.phones.0.extension) is kept when /hsds serves an equal value at the same path.
Times of day compare as clock times ("10:00:00" is "10:00:00+03:00": the offset is the schedule's own timezone,
compared there). Not counted (EXCLUDED), each for its reason: what describes the publisher's page rather than a
record, the time our record last changed, and a point that is not on Earth. The examples import with the import's
default category (they name none of ours) and no default time zone; their place, whose latitude is 100, is found by
its address through a geocoder double. A list of service_at_locations gives each location's one-to-one fields only
(no address, and that latitude): it names a place an earlier import made, so the full example is imported first.
"""

import csv
import json
import re

import pytest

from api.models import Location, Organization, Service
from tests.api.test_hsds_schema import validate_organization, validate_service, validate_service_at_location
from tests.interop.test_hsds_import import EXAMPLES, KnownAddresses, datapackage_zip, example, import_file

KEPT_AT_LEAST = 0.9
# Leaves not counted, by their key, and why.
EXCLUDED = {
    **dict.fromkeys(("total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty"),
                    "describes the publisher's page of results, not a record"),
    "last_modified": "HSDS: when the record was last modified; we serve when ours last changed",
    "latitude": "100 is not a latitude on Earth (WGS84 stops at 90): the place is found by its address instead",
    "longitude": "comes with the latitude above: the address gives the point",
}
TIME = re.compile(r"^(\d\d):(\d\d)(?::(\d\d))?(Z|[+-]\d\d:\d\d)?$")
# example: the /hsds path it reads back from, given the example's id
READ_BACK = {
    "service_full.json": "/hsds/services/{id}",
    "organization_full.json": "/hsds/organizations/{id}?full_service=true",
    "service_at_location_full.json": "/hsds/service_at_locations/{id}",
    "service_list.json": "/hsds/services",
    "organization_list.json": "/hsds/organizations",
    "service_at_location_list.json": "/hsds/service_at_locations",
}
IMPORTED_BEFORE = {"service_at_location_list.json": "service_at_location_full.json"}
VALIDATE = {"service": validate_service, "organization": validate_organization,
            "service_at_location": validate_service_at_location}


def leaves(value, path=()):
    """(path, value) of every string, number and boolean in a JSON document."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from leaves(item, (*path, index))
    else:
        yield path, value


def at(document, path):
    for part in path:
        if isinstance(document, dict) and part in document:
            document = document[part]
        elif isinstance(document, list) and isinstance(part, int) and part < len(document):
            document = document[part]
        else:
            return None
    return document


def same(source, served, key) -> bool:
    if key in ("opens_at", "closes_at") and isinstance(source, str) and isinstance(served, str):
        given, ours = TIME.match(source), TIME.match(served)
        return bool(given and ours) and given.group(1, 2) == ours.group(1, 2) and (
            (given.group(3) or "00") == (ours.group(3) or "00")) and given.group(4) in (None, ours.group(4))
    return type(source) is not bool and source == served or source is served


def fidelity(source: dict, served: dict) -> tuple[int, int, list[str]]:
    """(kept, counted, the paths not kept) of the source's leaves in what /hsds served."""
    counted = [(path, value) for path, value in leaves(source) if path[-1] not in EXCLUDED]
    lost = [".".join(map(str, path)) for path, value in counted if not same(value, at(served, path), path[-1])]
    return len(counted) - len(lost), len(counted), lost


def read_back(client, name: str) -> dict:
    document = json.loads(example(name))
    record = document["contents"][0] if "contents" in document else document
    response = client.get(READ_BACK[name].format(id=record["id"]))
    assert response.status_code == 200, response.json
    return response.json


@pytest.mark.parametrize("name", list(READ_BACK))
def test_each_official_example_imports_as_published_and_comes_back_out(client, name):
    if name in IMPORTED_BEFORE:
        import_file(example(IMPORTED_BEFORE[name]), timezone=None, geocoder=KnownAddresses())
    plan, summary = import_file(example(name), timezone=None, geocoder=KnownAddresses())
    assert not plan.errors, plan.errors

    served = read_back(client, name)

    kind = name.rsplit("_", 1)[0]
    for item in served.get("contents", [served]):
        VALIDATE[kind](item)
    kept, counted, lost = fidelity(json.loads(example(name)), served)
    print(f"{name}: {kept} / {counted} fields kept ({kept / counted:.1%}); not kept: {lost}")
    assert kept / counted >= KEPT_AT_LEAST, lost


# Rows of the datapackage that name no row it holds, so that no JSON could nest them anywhere (the example's own).
ORPHANS = {
    "ae58cc39-8b70-4ab1-8aea-786882e5ac8e": "attribute of link f28dd44b-..., which no table holds",
    "6cd71e9f-1013-49d9-8370-26b8f59d3e5a": "metadata of resource 38960354-..., which no table holds",
    "5c4d79d7-cc55-470e-9f1f-8cad074e4892": "taxonomy that no term names (its term names taxonomy 07ff6aee-...)",
}


def cells():
    """(row id, column, value) of every filled cell of the datapackage's record tables, less the columns that name
    another row (service_id, location_id, ...: in JSON, where an object is nested says it) and the table that
    describes the tables rather than records."""
    for table in sorted((EXAMPLES / "csv").glob("*.csv")):
        if table.name != "meta_table_descriptions.csv":
            for row in csv.DictReader(table.read_text("utf-8").splitlines()):
                if row["id"] in ORPHANS:
                    continue
                yield from ((row["id"], column, value) for column, value in row.items()
                            if value and column not in EXCLUDED and not column.endswith("_id"))


def by_id(document, found=None) -> dict[str, list[dict]]:
    found = {} if found is None else found
    if isinstance(document, dict):
        if isinstance(document.get("id"), str):
            found.setdefault(document["id"], []).append(document)
        for item in document.values():
            by_id(item, found)
    elif isinstance(document, list):
        for item in document:
            by_id(item, found)
    return found


def test_the_csv_datapackage_imports_as_published_and_its_cells_come_back_out(client):
    """A cell is kept when an object of its row's id in /hsds has that value in that column."""
    plan, summary = import_file(datapackage_zip(), timezone=None, geocoder=KnownAddresses())
    assert not plan.errors, plan.errors
    service, organization = Service.objects.get(), Organization.objects.get()
    served = [client.get(f"/hsds/services/{service.id}").json,
              client.get(f"/hsds/organizations/{organization.id}?full_service=true").json,
              client.get("/hsds/taxonomy_terms?per_page=200").json["contents"]]
    objects = by_id(served)

    counted = list(cells())
    lost = [f"{row_id[:8]}.{column}" for row_id, column, value in counted
            if not any(same(_typed(value, item.get(column)), item.get(column), column)
                       for item in objects.get(row_id, []))]
    kept = len(counted) - len(lost)
    print(f"csv: {kept} / {len(counted)} cells kept ({kept / len(counted):.1%}); not kept: {lost}")
    assert kept / len(counted) >= KEPT_AT_LEAST, lost


def _typed(cell: str, served):
    """A cell as the JSON type of what was served (CSV cells are text): "100" is 100 where a number was served."""
    if isinstance(served, (int, float)) and not isinstance(served, bool):
        try:
            return type(served)(float(cell)) if isinstance(served, float) else int(cell)
        except ValueError:
            return cell
    return cell


def test_the_source_ids_are_served_back(client):
    import_file(example("service_full.json"), timezone=None, geocoder=KnownAddresses())
    record = json.loads(example("service_full.json"))

    served = client.get(f"/hsds/services/{record['id']}").json

    assert Service.objects.get().id == record["id"]
    assert Organization.objects.get().id == record["organization"]["id"]
    for key in ("phones", "schedules", "contacts", "cost_options", "required_documents", "service_areas", "funding",
                "languages"):
        assert [item["id"] for item in served[key]] == [item["id"] for item in record[key]], key
    link = served["service_at_locations"][0]
    assert (link["id"], link["location"]["id"], link["location"]["addresses"][0]["id"]) == (
        record["service_at_locations"][0]["id"], record["service_at_locations"][0]["location"]["id"],
        record["service_at_locations"][0]["location"]["addresses"][0]["id"])


def test_a_service_at_location_file_is_one_service_with_its_places(client):
    first = json.loads(example("service_at_location_full.json"))
    second = json.loads(json.dumps(first))
    second["id"] = "5b8f3c59-2f1f-4b71-9a4f-0b5a7f6e1c3d"
    second["location"] |= {"id": "0f9d6c0e-8f0e-4a53-bb6e-3f2f2b6ad2f1", "latitude": 39.2, "longitude": -94.5}
    second["location"]["addresses"][0]["address_1"] = "2 Side Street"

    plan, summary = import_file(json.dumps([first, second]).encode(), timezone=None, geocoder=KnownAddresses())

    assert summary.line() == "1 created, 0 updated, 0 unchanged, 0 removed, 0 errors"
    service = Service.objects.get()
    assert [link.id for link in service.locations] == [first["id"], second["id"]]
    served = client.get(f"/hsds/service_at_locations/{second['id']}").json
    assert (served["service"]["id"], served["location"]["id"]) == (first["service"]["id"], second["location"]["id"])
    assert served["description"] == second["description"]


def test_a_place_made_confidential_serves_nothing_its_source_said_of_it(client):
    """Its address, name and what was kept of it as given (an external identifier names the property) stay in."""
    import_file(example("service_full.json"), timezone=None, geocoder=KnownAddresses())
    place = Location.objects.get()
    place.confidential = True
    place.save()
    record = json.loads(example("service_full.json"))
    link, organization = record["service_at_locations"][0], record["organization"]["id"]
    secrets = ("1-30 Main Street", "ABC 1234", "10092008082", "MyCity Civic Center", "Civic Center", "A. Persona",
               link["location"]["addresses"][0]["id"])

    for path in (f"/hsds/services/{record['id']}", f"/hsds/service_at_locations/{link['id']}",
                 f"/hsds/organizations/{organization}?full_service=true", "/hsds/services?full=true",
                 "/hsds/service_at_locations?full=true", "/hsds/services?full=true&format=ndjson"):
        text = client.get(path).get_data(as_text=True)
        assert not [secret for secret in secrets if secret in text], path
