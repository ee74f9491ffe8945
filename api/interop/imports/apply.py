"""Applying an import plan all or nothing, through the audited editing path.

Every write goes through `save_new`, or `save_edit` over the version the listing had when planned, so each one is
audited and numbered in the change sequence, and the indexer and notifications hear of it like any edit.

All or nothing: MongoDB transactions need a replica set and mongomock-ng has none, so one code path serves both
stores. Everything is validated and every version checked before the first write; if a write still fails midway
(someone saved a listing in between), what was written is undone, newest first, through the same audited path:
updated listings get their previous values back (audited as "reverted"), created listings and new places are
removed (audited as "removed"), removed listings are put back as they were (audited as created by the undo).
Between a write and its undo the change feed may briefly carry the imported values.

A planned removal deletes the listing: its numbered tombstone is how the search index, the change feed and the
notifier (closed_for_good to its subscribers) hear of it. Removals come last, after every create and update.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus

from mongoengine import ValidationError

from api.errors import LanternError
from api.i18n.text import gettext as _
from api.i18n.text import ngettext
from api.interop.imports.plan import CREATE, UNCHANGED, UPDATE, ImportPlan
from api.models import Location, Service
from api.models.audit import AuditEntry
from api.models.fields import utcnow
from api.services.editing import Actor, StaleEdit, save_edit, save_new


@dataclass
class ImportReport:
    """What an apply did: the listings created, updated and removed (number, id, name), and how many it left
    unchanged."""

    created: list[tuple] = field(default_factory=list)
    updated: list[tuple] = field(default_factory=list)
    unchanged: int = 0
    removed: list[tuple] = field(default_factory=list)


class ImportRefused(LanternError):
    """The plan cannot be applied (it has errors, or what it was planned over has changed); nothing was written."""

    http_status = HTTPStatus.CONFLICT


class ImportFailed(LanternError):
    """A write failed midway; what was written was undone, except the changes listed in not_undone."""

    http_status = HTTPStatus.CONFLICT

    def __init__(self, cause: Exception, not_undone: list[str]):
        message = _("Nothing was imported: {cause}", cause=cause) if not not_undone else ngettext(
            "The import stopped ({cause}) and {count} of its changes could not be undone: {changes}",
            "The import stopped ({cause}) and {count} of its changes could not be undone: {changes}",
            len(not_undone), cause=cause, changes="; ".join(not_undone))
        super().__init__(message)
        self.cause = cause
        self.not_undone = not_undone


def apply_plan(plan: ImportPlan, actor: Actor, on_write: Callable[[], None] | None = None) -> ImportReport:
    """Write every planned create, update and removal, or (on any failure) none of them; see the module docstring.

    on_write, when given, is called after each listing written (a progress bar's step).
    """
    if plan.errors:
        raise ImportRefused(ngettext("{count} row has errors: fix it and run the dry run again.",
                                     "{count} rows have errors: fix them and run the dry run again.",
                                     len(plan.errors)))
    if plan.applied:
        raise ImportRefused(_("This plan was applied already."))
    for item in [*plan.new_places, *(row.listing for row in plan.writes)]:
        try:
            item.validate()
        except ValidationError as error:
            raise ImportRefused(_("{name} is not valid: {problem}", name=getattr(item, "name", None) or _("a place"),
                                  problem=error.message)) from None
    _check_nothing_moved(plan)
    undo: list[tuple[str, Callable[[], None]]] = []
    report = ImportReport(unchanged=plan.counts[UNCHANGED])
    reverting = Actor(actor.id, f"{actor.name} (undone)")
    try:
        for place in plan.new_places:
            saved = save_new(place, actor)
            undo.append((f"new place {saved.label}", _remover(Location, saved.id, saved.version, reverting)))
        for row in plan.writes:
            if row.action == CREATE:
                saved = save_new(row.listing, actor)
                undo.append((saved.name, _remover(Service, saved.id, saved.version, reverting)))
                report.created.append((row.number, saved.id, saved.name))
                _step(on_write)
            else:
                names = list(row.changes)
                saved = save_edit(row.before.id, row.seen_version, _set(names, row.listing), actor)
                undo.append((saved.name, _restorer(saved.id, saved.version, names, row.before, reverting)))
                report.updated.append((row.number, saved.id, saved.name))
                _step(on_write)
        for row in plan.removals:
            _remover(Service, row.before.id, row.seen_version, actor)()
            undo.append((row.before.name, _putter_back(row.before, reverting)))
            report.removed.append((row.source_id, row.before.id, row.before.name))
            _step(on_write)
    except Exception as error:  # whatever stopped the writes, what was written must be undone before reporting it
        raise ImportFailed(error, _undo(undo)) from error
    plan.applied = True
    return report


def _step(on_write: Callable[[], None] | None) -> None:
    if on_write is not None:
        on_write()


def _check_nothing_moved(plan: ImportPlan) -> None:
    """Before any write: the listings to update are still at the versions planned, and no create is taken."""
    updates = {row.before.id: row.seen_version for row in [*plan.writes, *plan.removals] if row.action != CREATE}
    now = {service.id: service.version
           for service in Service.objects(id__in=list(updates), organization=plan.organization_id).only("version")}
    moved = [service_id for service_id, version in updates.items() if now.get(service_id) != version]
    creates = [row.source_id for row in plan.writes if row.action == CREATE]
    taken = Service.objects(organization=plan.organization_id, source=plan.source, source_id__in=creates).count()
    if moved or taken:
        raise ImportRefused(ngettext("{count} listing changed since the dry run: run it again to see how.",
                                     "{count} listings changed since the dry run: run it again to see how.",
                                     len(moved) + taken))


def _set(names: list[str], source: Service) -> Callable[[Service], None]:
    def change(service: Service) -> None:
        for name in names:
            setattr(service, name, getattr(source, name))
    return change


def _restorer(service_id: str, version: int, names: list[str], before: Service, actor: Actor) -> Callable[[], None]:
    return lambda: save_edit(service_id, version, _set(names, before), actor, action="reverted")


def _remover(model: type[Service | Location], object_id: str, version: int, actor: Actor) -> Callable[[], None]:
    """Remove the document (a numbered tombstone tells every copy) unless someone edited it since: a planned removal,
    or the undo of a creation."""
    def remove() -> None:
        document = model.objects(id=object_id).first()
        if document is None:
            return
        if document.version != version:
            raise StaleEdit(document, version)
        document.delete()
        # Recorded beside its "created" entry, so the history shows it came and went.
        AuditEntry(at=utcnow(), actor=actor.id, actor_name=actor.name, organization=_organization_id(document),
                   object_type="service" if model is Service else "location", object_id=object_id,
                   object_name=getattr(document, "name", None) or getattr(document, "label", None),
                   action="removed", version=version, changes={}).save()
    return remove


def _putter_back(before: Service, actor: Actor) -> Callable[[], None]:
    """Undo a removal: the listing again as it was, under its own id (saved anew, so it takes a new change number)."""
    def put_back() -> None:
        save_new(Service._from_son(before.to_mongo(), created=True), actor)
    return put_back


def _organization_id(document: Service | Location) -> str:
    return getattr(document.organization, "id", document.organization)


def _undo(steps: list[tuple[str, Callable[[], None]]]) -> list[str]:
    """Run the undo steps newest first; return what could not be undone (each step is tried regardless)."""
    failed = []
    for label, step in reversed(steps):
        try:
            step()
        except Exception as error:  # keep undoing the rest; the caller reports what is left
            failed.append(f"{label}: {error}")
    return failed


def revert(plan: ImportPlan, report: ImportReport, actor: Actor) -> list[str]:
    """Undo a plan that was applied, because another part of the same import failed (an HSDS file's plans are one
    per organisation): its updates get their previous values back, its new listings and places go. Returns what
    could not be undone."""
    reverting = Actor(actor.id, f"{actor.name} (undone)")
    rows = {row.before.id: row for row in plan.writes if row.action == UPDATE}
    versions = {service.id: service.version for service in Service.objects(
        id__in=[service_id for _, service_id, _ in [*report.created, *report.updated]]).only("version")}
    steps: list[tuple[str, Callable[[], None]]] = [
        (f"new place {place.label}", _remover(Location, place.id, place.version, reverting))
        for place in plan.new_places]
    for _number, service_id, name in report.created:
        steps.append((name, _remover(Service, service_id, versions.get(service_id, 0), reverting)))
    for _number, service_id, name in report.updated:
        row = rows[service_id]
        steps.append((name, _restorer(service_id, versions.get(service_id, 0), list(row.changes), row.before,
                                      reverting)))
    return _undo(steps)
