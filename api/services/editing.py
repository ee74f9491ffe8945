"""Saving a partner's edit: only over the version they saw, validated whole, and written to the audit trail.

Every edit, from the quick-update buttons to an import, goes through `save_edit`, so each one is numbered in the
change sequence (search index, change feed, notifications) and recorded with who made it and what it changed.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from http import HTTPStatus

from mongoengine import ValidationError
from mongoengine.errors import SaveConditionError

from api.errors import LanternError, NotFound
from api.models import Service
from api.models.audit import AuditEntry
from api.models.fields import utcnow

# Bookkeeping that every save changes: never "what changed" in the audit trail.
UNAUDITED = {"_id", "change_seq", "updated_at", "version", "search_text", "created_at"}


@dataclass(frozen=True)
class Actor:
    """Who is editing: a staff member, or an import naming its source."""

    id: str
    name: str


class StaleEdit(LanternError):
    """Someone saved this listing after the editor loaded it: `current` is it now, `since` the edits after theirs."""

    http_status = HTTPStatus.CONFLICT

    def __init__(self, current: Service, seen_version: int):
        super().__init__(f"{current.name} was changed by someone else since you opened it.")
        self.current = current
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
    service = Service.objects(id=service_id).first()
    if service is None:
        raise NotFound(f"No listing with id {service_id[:100]!r}.")
    if service.version != expected_version:
        raise StaleEdit(service, expected_version)
    before = _fields(service)
    change(service)
    try:
        # The condition makes the check and the write one step: a save in between fails here, not silently.
        service.save(save_condition={"version": expected_version})
    except SaveConditionError:
        raise StaleEdit(Service.objects.get(id=service_id), expected_version) from None
    except ValidationError as error:
        raise InvalidEdit(_messages(error)) from None
    after = _fields(service)
    changes = {name: [before.get(name), after.get(name)] for name in sorted(set(before) | set(after))
               if before.get(name) != after.get(name)}
    _audit(service, actor, action, changes)
    return service


def save_new(service: Service, actor: Actor) -> Service:
    """Save a listing that did not exist, validated whole, and audit it as created."""
    try:
        service.save()
    except ValidationError as error:
        raise InvalidEdit(_messages(error)) from None
    _audit(service, actor, "created", {name: [None, value] for name, value in _fields(service).items()})
    return service


def _audit(service: Service, actor: Actor, action: str, changes: dict) -> None:
    AuditEntry(at=utcnow(), actor=actor.id, actor_name=actor.name, organization=service.organization.id,
               object_type="service", object_id=service.id, object_name=service.name, action=action,
               version=service.version, changes=changes).save()


def _fields(service: Service) -> dict:
    return {name: _plain(value) for name, value in service.to_mongo().to_dict().items() if name not in UNAUDITED}


def _plain(value):
    """Stored values as JSON-friendly ones, so the audit trail shows them as they were."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def _messages(error: ValidationError) -> dict[str, str]:
    """mongoengine's nested errors as {"capacity.0.available": "..."}."""
    found: dict[str, str] = {}

    def walk(errors, path):
        if isinstance(errors, dict):
            for key, item in errors.items():
                walk(item, [*path, str(key)])
        elif isinstance(errors, ValidationError) and errors.errors:
            walk(errors.errors, path)
        else:
            found[".".join(path) or "listing"] = str(getattr(errors, "message", errors))

    walk(error.errors or {error.field_name or "listing": error.message}, [])
    return found
