"""Saving a partner's edit: only over the version they saw, validated whole, and written to the audit trail.

Every edit, from the quick-update buttons to an import, goes through `save_edit` (a listing) or
`save_location_edit` (a place), so each one is numbered in the change sequence (search index, change feed,
notifications) and recorded with who made it and what it changed.

A listing shows its places and its organisation's name, and search matches them: so a changed place, or a renamed
organisation, is a changed listing for every service there. `save_place` and `save_organization` say so here, in the
one path edits take, rather than in the models' save() (which would have the models import each other in a circle).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from http import HTTPStatus

from mongoengine import ValidationError
from mongoengine.errors import SaveConditionError

from api.errors import LanternError, NotFound
from api.models import Location, Organization, Service
from api.models.audit import AuditEntry
from api.models.fields import utcnow

# Bookkeeping that every save changes, and values derived from others: never "what changed" in the audit trail.
UNAUDITED = {"_id", "change_seq", "updated_at", "version", "search_text", "created_at", "public_point"}
# The versioned documents partners edit: how the audit trail and messages name each kind.
KINDS = {Service: ("service", "listing"), Location: ("location", "place")}

Versioned = Service | Location


@dataclass(frozen=True)
class Actor:
    """Who is editing: a staff member, or an import naming its source."""

    id: str
    name: str


class StaleEdit(LanternError):
    """Someone saved this after the editor loaded it: `current` is it now, `since` the edits after theirs, `mine`
    what the refused edit would have made of it (None when it cannot be applied to the current state)."""

    http_status = HTTPStatus.CONFLICT

    def __init__(self, current: Versioned, seen_version: int, mine: dict | None = None):
        self.name = _name(current)
        super().__init__(f"{self.name} was changed by someone else since you opened it.")
        self.current = current
        self.mine = mine
        self.since = list(AuditEntry.objects(object_id=current.id, version__gt=seen_version).order_by("version"))

    def seen_and_now(self) -> dict[str, tuple]:
        """{field: (as the editor saw it, as it is now, who changed it)} for each field changed since."""
        fields: dict[str, tuple] = {}
        for entry in self.since:
            for name, (before, after) in entry.changes.items():
                seen = fields[name][0] if name in fields else before
                fields[name] = (seen, after, entry.actor_name)
        return fields


class InvalidEdit(LanternError):
    """The edit would leave the listing invalid; `errors` maps fields to messages. Nothing was saved."""

    http_status = HTTPStatus.UNPROCESSABLE_ENTITY

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors.items()))
        self.errors = errors


def save_edit(service_id: str, expected_version: int, change: Callable[[Service], None], actor: Actor,
              action: str = "updated") -> Service:
    """Load the listing, refuse if its version moved past expected_version, apply change, save, audit it."""
    return _save_over(Service, service_id, expected_version, change, actor, action)


def save_location_edit(location_id: str, expected_version: int, change: Callable[[Location], None], actor: Actor,
                       action: str = "updated") -> Location:
    """The same for a place (its listings are saved again with it: their search words and points follow)."""
    return _save_over(Location, location_id, expected_version, change, actor, action)


def save_place(place: Location) -> Location:
    """Save a place; if it existed, save its listings again so their points, search words and change numbers follow."""
    existed = not place._created
    place.save()
    if existed:
        _resave_listings(locations__location=place)
    return place


def save_organization(organization: Organization) -> Organization:
    """Save an organisation; a new name is in its listings' search words, so a rename saves them again."""
    renamed = not organization._created and "name" in organization._get_changed_fields()
    organization.save()
    if renamed:
        _resave_listings(organization=organization)
    return organization


def _resave_listings(**criteria) -> None:
    for service in Service.objects(**criteria):
        service.save()


def save_new(document: Versioned, actor: Actor) -> Versioned:
    """Save a listing or place that did not exist, validated whole, and audit it as created."""
    try:
        document.save()
    except ValidationError as error:
        raise InvalidEdit(field_messages(error)) from None
    _audit(document, actor, "created", {name: [None, value] for name, value in stored_fields(document).items()})
    return document


def _save_over(model: type[Versioned], object_id: str, expected_version: int, change, actor: Actor,
               action: str) -> Versioned:
    document = model.objects(id=object_id).first()
    if document is None:
        raise NotFound(f"No {KINDS[model][1]} with id {object_id[:100]!r}.")
    if document.version != expected_version:
        raise _stale(model, object_id, expected_version, change)
    before = stored_fields(document)
    change(document)
    try:
        # The condition makes the check and the write one step: a save in between fails here, not silently.
        document.save(save_condition=_at_version(expected_version))
        if model is Location:
            _resave_listings(locations__location=document)
    except SaveConditionError:
        raise _stale(model, object_id, expected_version, change) from None
    except ValidationError as error:
        raise InvalidEdit(field_messages(error)) from None
    after = stored_fields(document)
    changes = {name: [before.get(name), after.get(name)] for name in sorted(set(before) | set(after))
               if before.get(name) != after.get(name)}
    _audit(document, actor, action, changes)
    return document


def _at_version(version: int) -> dict:
    # Places saved before they had a version hold none: for them "version 0" means the field is missing.
    return {"version__in": [0, None]} if version == 0 else {"version": version}


def _stale(model: type[Versioned], object_id: str, seen_version: int, change) -> StaleEdit:
    """The refusal, with the refused edit tried on a copy of the current state so the editor can compare."""
    current, trial = model.objects.get(id=object_id), model.objects.get(id=object_id)
    try:
        change(trial)
        mine = stored_fields(trial)
    except (LanternError, ValueError, TypeError):
        mine = None  # the edit no longer applies (a unit it counted was removed): nothing to compare
    return StaleEdit(current, seen_version, mine)


def _audit(document: Versioned, actor: Actor, action: str, changes: dict) -> None:
    AuditEntry(at=utcnow(), actor=actor.id, actor_name=actor.name, organization=document.organization.id,
               object_type=KINDS[type(document)][0], object_id=document.id, object_name=_name(document),
               action=action, version=document.version, changes=changes).save()


def _name(document: Versioned) -> str:
    return document.label if isinstance(document, Location) else document.name


def stored_fields(document: Versioned, leave_out: set[str] = UNAUDITED) -> dict:
    """A document's stored fields as JSON-friendly values (what the audit trail and import plans compare)."""
    return {name: _plain(value) for name, value in document.to_mongo().to_dict().items() if name not in leave_out}


def _plain(value):
    """Stored values as JSON-friendly ones, so the audit trail shows them as they were."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def field_messages(error: ValidationError) -> dict[str, str]:
    """mongoengine's nested errors as {"capacity.0.available": message}."""
    found: dict[str, str] = {}

    def walk(errors, path):
        if isinstance(errors, dict):
            for key, item in errors.items():
                # An embedded document's clean() reports under "__all__"; the field it names says more.
                named = getattr(item, "field_name", None) if key == "__all__" else None
                walk(item, [*path, str(named or key)])
        elif isinstance(errors, ValidationError) and errors.errors:
            walk(errors.errors, path)
        else:
            found[".".join(path) or "listing"] = str(getattr(errors, "message", errors))

    walk(error.errors or {error.field_name or "listing": error.message}, [])
    return found
