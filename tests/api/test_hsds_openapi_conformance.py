"""/hsds checked with the HSDS standard's own OpenAPI document by schemathesis, as an HSDS consumer would check it.

The document is api/data/hsds/3.0/openapi.json as published. Its responses name the standard's schemas by their
raw.githubusercontent.com addresses; we serve it those schemas from our copies (api/data/hsds/, no network):
- schema/<object>.json: our copy of that file;
- schema/compiled/<list>.json: our copy of the compiled list schema;
- schema/compiled/service.json: service.json, which it is with its references inlined (checked once by hand,
  keyword for keyword); compiled/organization.json and compiled/service_at_location.json are organization.json
  and service_at_location.json with the service(s) nested in them, as the standard's compiler adds them.
One erratum: the document gives GET /service_at_locations/{id} the schema of a service (compiled/service.json,
which requires a name and a status no service_at_location has); we check it against service_at_location, as the
operation's own description says.

Reading of the document (it is a template the standard asks implementers to complete):
- modified_after's format "datetime" is no JSON Schema format; we read it as RFC 3339 date-time (its
  description: "modified on or after this datetime") and generate such values.
- {id} parameters are drawn from the directory's own ids: the document documents only 200 answers, and an unknown
  id's 404 is tested in test_hsds.py.

Checked: requests the document calls valid (positive mode) get no server error, only the statuses it documents
(200), bodies that conform to its schemas, and no refusal; requests it calls invalid (negative mode) get no server
error, and a method it does not list a 405 with Allow. Examples, coverage and fuzzing phases, no stateful phase,
MAX_EXAMPLES per operation and phase (a few seconds in all); HSDS_CONFORMANCE_EXAMPLES=500 runs longer.
"""

import json
import os
from importlib import resources
from urllib.parse import urljoin

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.config import SchemathesisConfig

from api import create_app
from api.models.schedule import Schedule
from tests import factories as f
from tests.api.test_hsds_schema import build_directory
from tests.conftest import NOW, make_config

DATA = resources.files("api").joinpath("data/hsds/3.0")
PUBLISHED = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
MAX_EXAMPLES = int(os.environ.get("HSDS_CONFORMANCE_EXAMPLES", "15"))
KINDS = ("services", "organizations", "service_at_locations", "taxonomies", "taxonomy_terms")
# Requests the document calls valid: answered, as documented, never refused.
VALID = ("not_a_server_error", "status_code_conformance", "response_schema_conformance", "positive_data_acceptance")
# Requests it calls invalid (values outside its types, methods it does not list): never a 500, a 405 says Allow.
INVALID = ("not_a_server_error", "unsupported_method")

# RFC 3339 date-times, with and without an offset, from year 1 to 9999 (the extremes are where offsets overflow).
schemathesis.openapi.format("datetime", st.datetimes(timezones=st.none() | st.timezones()).map(
    lambda moment: moment.isoformat()))


def standard_document() -> dict:
    """The standard's openapi.json, with the schemas it names embedded under the addresses it names them by."""
    document = json.loads(DATA.joinpath("openapi.json").read_text("utf-8"))
    embedded = {name: _load(name) for name in _object_schemas()}
    for name in ("service_list.json", "organization_list.json", "service_at_location_list.json"):
        embedded[f"compiled/{name}"] = _load(f"compiled/{name}")
    embedded["compiled/service.json"] = {"$ref": "../service.json"}
    embedded["compiled/organization.json"] = {"$ref": "../organization.json", "properties": {
        "services": {"type": "array", "items": {"$ref": "service.json"}}}}
    embedded["compiled/service_at_location.json"] = {
        "$ref": "../service_at_location.json", "properties": {"service": {"$ref": "service.json"}}}
    schemas = document["components"]["schemas"]
    for name, schema in embedded.items():
        address = PUBLISHED + name
        # schemathesis finds a document by its $id, but resolves references within it from the root document:
        # they are made absolute, to the same addresses.
        schemas["hsds-" + name.replace("/", "-")] = _absolute(schema, address) | {"$id": address}
    single = document["paths"]["/service_at_locations/{id}"]["get"]["responses"]["200"]["content"]
    single["application/json"]["schema"]["$ref"] = PUBLISHED + "compiled/service_at_location.json"  # the erratum
    return document


def _object_schemas() -> list[str]:
    return sorted(path.name for path in DATA.iterdir() if path.name.endswith(".json") and path.name != "openapi.json")


def _load(name: str) -> dict:
    return json.loads(DATA.joinpath(name).read_text("utf-8"))


def _absolute(node, base: str):
    if isinstance(node, dict):
        return {key: urljoin(base, value) if key == "$ref" and not value.startswith("#") else _absolute(value, base)
                for key, value in node.items()}
    if isinstance(node, list):
        return [_absolute(value, base) for value in node]
    return node


def config(mode: str, checks: tuple[str, ...], max_examples: int) -> SchemathesisConfig:
    """Requests of one generation mode, those checks, no stateful phase."""
    return SchemathesisConfig.from_dict({
        "base-url": "http://localhost/hsds",
        # Werkzeug's test client, which schemathesis's WSGI transport uses, does not undo compression.
        "headers": {"Accept-Encoding": "identity"},
        "generation": {"mode": mode, "max-examples": max_examples},
        "phases": {"stateful": {"enabled": False}},
        "checks": {"enabled": False, **{name: {"enabled": True} for name in checks}},
        # The root has no parameters and the by-id paths a string id alone: nothing invalid to fuzz, so in negative
        # mode they get the coverage phase only (the methods the document does not list for them).
        "operations": [{"include-path-regex": r"^/$|\{id\}$",
                        "phases": {"fuzzing": {"enabled": mode == "positive"}}}],
    })


def build_variety() -> None:
    """build_directory's mappings, an online-only meeting and a monthly one past midnight at another zone's offset."""
    directory = build_directory()
    town = f.location(directory.org, name="Riverton (online)", address_1=None)
    f.meeting("Noon online", attendance="online", places=[town], org=directory.org)
    f.meeting("Lisbon monthly", timezone="Europe/Lisbon", fellowship="na", schedules=[
        Schedule(freq="MONTHLY", byday=["1SA"], opens_at="23:30", closes_at="00:30")])


@pytest.fixture
def served(storage):
    """(app, {list: ids}): the app on a small varied directory, and the ids it serves."""
    # Hundreds of requests from one address: the read budget is not what is measured here.
    app = create_app(make_config(SEARCH_BACKEND="mongodb", RATE_LIMIT_READS="100000 per minute",
                                 RATE_LIMIT_EXPORTS="100000 per minute"))
    app.extensions["lantern"].clock = lambda: NOW
    build_variety()
    client = app.test_client()
    return app, {kind: [item["id"] for item in client.get(f"/hsds/{kind}", query_string={"per_page": 200})
                        .json["contents"]] for kind in KINDS}


def with_real_id(case, ids: dict[str, list[str]]) -> None:
    """The generated {id} becomes one of the directory's ids of that kind, picked by the generated value."""
    if case.path_parameters and "id" in case.path_parameters:
        kind = case.operation.path.strip("/").split("/")[0]
        generated = str(case.path_parameters["id"])
        case.path_parameters["id"] = ids[kind][sum(map(ord, generated)) % len(ids[kind])]


valid = schemathesis.openapi.from_dict(standard_document(), config=config("positive", VALID, MAX_EXAMPLES))
invalid = schemathesis.openapi.from_dict(standard_document(), config=config("negative", INVALID, MAX_EXAMPLES))
BOUNDED = settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))


@valid.parametrize()
@BOUNDED
def test_valid_requests_are_answered_as_the_standard_documents(case, served):
    app, ids = served
    with_real_id(case, ids)
    case.call_and_validate(app=app)


@invalid.parametrize()
@BOUNDED
def test_invalid_requests_are_never_a_server_error_and_a_405_says_allow(case, served):
    app, ids = served
    with_real_id(case, ids)
    case.call_and_validate(app=app)
