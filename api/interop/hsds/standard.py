"""The HSDS 3.0 schemas (api/data/hsds/3.0), for checking that a field we keep as given is one HSDS allows.

What an import keeps as extra data is served back unchanged, so it must already be what the standard says: a field
the schema defines is checked against that definition (types, required parts, uuid and email formats); a field the
standard does not define is allowed, as HSDS allows additional fields.
"""

import json
import uuid
from functools import cache
from importlib import resources

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import best_match
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from api.i18n.text import gettext as _

FOLDER = resources.files("api").joinpath("data/hsds/3.0")


@cache
def _registry() -> Registry:
    """The schemas under their file names, so a relative "$ref": "phone.json" finds phone.json."""
    found = [(path.name, DRAFT202012.create_resource(json.loads(path.read_text("utf-8"))))
             for path in FOLDER.iterdir() if path.name.endswith(".json") and path.name != "openapi.json"]
    return Registry().with_resources(found)


@cache
def _validator(kind: str, key: str) -> Draft202012Validator | None:
    try:
        definition = _registry().contents(f"{kind}.json")["properties"].get(key)
    except LookupError:
        return None
    if definition is None:
        return None
    return Draft202012Validator(definition, registry=_registry(), format_checker=FormatChecker())


def problem(kind: str, key: str, value) -> str | None:
    """Why value is not what HSDS defines for the field key of a kind of object ("service", ...); None if it is."""
    validator = _validator(kind, key)
    error = best_match(validator.iter_errors(value)) if validator is not None else None
    if error is None:
        return None
    where = "/".join(str(part) for part in error.absolute_path)
    if where:
        return _("not as HSDS defines {kind} {key} (at {where}): {problem}", kind=kind, key=key, where=where,
                 problem=error.message[:200])
    return _("not as HSDS defines {kind} {key}: {problem}", kind=kind, key=key, problem=error.message[:200])


def is_uuid(value) -> bool:
    """Whether value is a UUID in its text form, as HSDS ids are."""
    if not isinstance(value, str):
        return False
    try:
        return str(uuid.UUID(value)) == value.lower()
    except ValueError:
        return False
