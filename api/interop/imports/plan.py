"""Planning an import: what each record of a source would do to the organisation's listings, without writing.

A format reader (the CSV import; later HSDS and Meeting Guide) hands the Planner one record at a time as a function
that fills a listing in. The Planner finds the listing that record made before by its provenance (source,
source_id), inside one organisation only, works out what would change, and validates the result whole. The
ImportPlan is the dry-run report: per record create / update (with its changes) / unchanged / invalid (with the
errors per column) / remove; api/interop/imports/apply.py writes it all or nothing. Listings the source no longer
mentions are left alone, unless the reader says its source is the whole list (a Meeting Guide feed is): then they
are planned for removal.
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from mongoengine import ValidationError

from api.i18n.text import gettext as _
from api.interop.imports.places import PlaceBook, location_id
from api.models import Location, Organization, Service
from api.services.editing import UNAUDITED, field_messages, stored_fields

CREATE, UPDATE, UNCHANGED, INVALID, REMOVE = "create", "update", "unchanged", "invalid", "remove"
# Provenance is not something a record changes; the rest of UNAUDITED is bookkeeping every save changes.
NOT_COMPARED = UNAUDITED | {"source", "source_id", "organization"}


@dataclass(frozen=True)
class RowContext:
    """What a record's fill function may use besides its own cells."""

    organization: Organization
    is_new: bool
    now: datetime  # naive UTC: stamps counts the record changes (capacity updated_at)
    who: str  # the name counts are confirmed by (capacity updated_by)
    places: PlaceBook


# Fills the listing in from one record; returns {column: message} for what it could not use (empty when all is well).
Fill = Callable[[Service, RowContext], dict[str, str]]


@dataclass
class PlannedRow:
    """One record of the source: what it would do to which listing, or why it cannot be imported."""

    number: int | str  # the row in the file (or the record's position)
    source_id: str | None
    action: str
    errors: dict[str, str] = field(default_factory=dict)
    listing: Service | None = None  # as it would be after the import
    before: Service | None = None  # as it was when planned
    changes: dict[str, list] = field(default_factory=dict)  # {field: [before, after]}, plain values
    places: list[str] = field(default_factory=list)  # place refs, for the fingerprint

    @property
    def name(self) -> str:
        return next((s.name for s in (self.listing, self.before) if s is not None and s.name), "")

    @property
    def seen_version(self) -> int | None:
        return self.before.version if self.before is not None else None


@dataclass
class ImportPlan:
    """The dry run: every record's outcome; `errors` is {record: {column: message}}, empty when it can be applied."""

    organization_id: str
    source: str
    planned_at: datetime
    rows: list[PlannedRow]
    new_places: list[Location]
    applied: bool = False

    @property
    def errors(self) -> dict[int | str, dict[str, str]]:
        return {row.number: row.errors for row in self.rows if row.errors}

    @property
    def counts(self) -> dict[str, int]:
        return {action: sum(row.action == action for row in self.rows) for action in (CREATE, UPDATE, UNCHANGED,
                                                                                      INVALID)}

    @property
    def writes(self) -> list[PlannedRow]:
        return [row for row in self.rows if row.action in (CREATE, UPDATE)]

    @property
    def removals(self) -> list[PlannedRow]:
        return [row for row in self.rows if row.action == REMOVE]

    def fingerprint(self) -> str:
        """Equal for two plans that would make the same edits over the same versions of the same listings."""
        summary = [[row.number, row.action, row.source_id, getattr(row.before, "id", None), row.seen_version,
                    sorted(row.changes), row.places, sorted(row.errors.items())] for row in self.rows]
        return hashlib.sha256(json.dumps([self.organization_id, self.source, summary]).encode()).hexdigest()


class Planner:
    """Builds an ImportPlan record by record for one organisation and one source."""

    def __init__(self, organization: Organization, source: str, now: datetime, who: str, id_column: str = "id"):
        self.organization, self.source, self.now, self.who, self.id_column = organization, source, now, who, id_column
        self.places = PlaceBook(organization)
        self.existing = {service.source_id: service
                         for service in Service.objects(organization=organization.id, source=source)}
        self.rows: list[PlannedRow] = []
        self._numbers: dict[str, int | str] = {}

    def invalid(self, number: int | str, source_id: str | None, errors: dict[str, str]) -> PlannedRow:
        """A record that cannot be read at all (no id, cells without a column)."""
        row = PlannedRow(number, source_id, INVALID, errors=errors)
        self.rows.append(row)
        return row

    def add(self, number: int | str, source_id: str, fill: Fill, column_for: Callable[[str], str]) -> PlannedRow:
        """Plan one record: fill a copy of its listing (or a new one) in, compare, validate; never writes."""
        if source_id in self._numbers:
            return self.invalid(number, source_id,
                                {self.id_column: _("row {number} has this id too", number=self._numbers[source_id])})
        self._numbers[source_id] = number
        before = self.existing.get(source_id)
        listing = _copy(before, self.organization) if before else Service(
            organization=self.organization, source=self.source, source_id=source_id)
        errors = fill(listing, RowContext(self.organization, before is None, self.now, self.who, self.places))
        if errors:
            return self.invalid(number, source_id, errors)
        changes = _changes(before, listing)
        if before is not None and not changes:
            row = PlannedRow(number, source_id, UNCHANGED, listing=listing, before=before)
        else:
            try:
                listing.validate()
            except ValidationError as error:
                return self.invalid(number, source_id, {column_for(path): message
                                                        for path, message in field_messages(error).items()})
            row = PlannedRow(number, source_id, CREATE if before is None else UPDATE, listing=listing, before=before,
                             changes=self._readable(changes))
        row.places = [self.places.ref(location_id(link)) for link in listing.locations]
        self.rows.append(row)
        return row

    def finish(self, remove_missing: bool = False) -> ImportPlan:
        """The plan; with remove_missing, this source's listings that no record mentioned are removed by it."""
        if remove_missing:
            mentioned = {row.source_id for row in self.rows}  # an entry with errors is not one that left
            for source_id, service in sorted(self.existing.items()):
                if source_id not in mentioned:
                    self.rows.append(PlannedRow("-", source_id, REMOVE, before=service))
        used = {location_id(link) for row in self.rows if row.action in (CREATE, UPDATE)
                for link in row.listing.locations}
        return ImportPlan(self.organization.id, self.source, self.now, self.rows,
                          [place for place in self.places.new.values() if place.id in used])

    def _readable(self, changes: dict[str, list]) -> dict[str, list]:
        """Places by their address rather than their ids, which mean nothing to a person (nor, when new, twice)."""
        if "locations" in changes:
            changes["locations"] = [[self.places.label(link["location"]) for link in side or []]
                                    for side in changes["locations"]]
        return changes


def _copy(service: Service, organization: Organization) -> Service:
    """A detached copy to fill in: the stored listing stays as it was, for the comparison and any undo."""
    copy = Service._from_son(service.to_mongo(), created=False)
    copy.organization = organization  # already loaded: spares a query per row
    return copy


def _changes(before: Service | None, after: Service) -> dict[str, list]:
    old, new = stored_fields(before, NOT_COMPARED) if before is not None else {}, stored_fields(after, NOT_COMPARED)
    return {name: [old.get(name), new.get(name)] for name in sorted(set(old) | set(new))
            if old.get(name) != new.get(name) and (before is not None or not _empty(new.get(name)))}


def _empty(value) -> bool:
    """Nothing worth showing for a new listing: unset, or only defaults such as [] and False."""
    if isinstance(value, dict):
        return all(_empty(item) for item in value.values())
    return value in (None, "", [], False)
