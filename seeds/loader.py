"""Loading seed documents: insert what is missing and never touch what is there, since partners edit their listings."""

import time
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from api.models import Location, Organization, Service, TaxonomyTerm, changes
from seeds.factory import SeedSet
from seeds.metro import build_metro

KIND_NAMES = {TaxonomyTerm: "taxonomy_terms", Organization: "organizations", Location: "locations",
              Service: "services"}
# Besides its id, a record is already there if another with the same unique natural key is (a term's code).
NATURAL_KEYS = {TaxonomyTerm: ("code",)}
BATCH_SIZE = 1000


@dataclass
class SeedReport:
    """How many records of each kind a load created, and how many it found already there and left alone."""

    created: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KIND_NAMES.values(), 0))
    unchanged: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KIND_NAMES.values(), 0))
    seconds: float = 0.0

    def __str__(self) -> str:
        counts = ", ".join(f"{self.created[kind]} {kind.replace('_', ' ')}" for kind in self.created)
        return f"created {counts}; {sum(self.unchanged.values())} already present ({self.seconds:.1f} s)"


def seed_database(progress: bool = True, now: datetime | None = None) -> SeedReport:
    """Insert the Riverton metro records that are not in the database yet, dated relative to now."""
    started = time.perf_counter()
    seedset = build_metro(now)
    totals = {KIND_NAMES[document]: len(documents) for document, documents in seedset.kinds()}
    report = insert_missing([seedset], progress=progress, totals=totals, description="Seeding Riverton")
    report.seconds = time.perf_counter() - started  # building the metro is part of seeding
    return report


def insert_missing(seedsets: Iterable[SeedSet], *, progress: bool = True, totals: dict[str, int] | None = None,
                   description: str = "Seeding") -> SeedReport:
    """Insert every document of seedsets whose id (or natural key) is not taken yet, in batches, kind by kind."""
    started = time.perf_counter()
    report = SeedReport()
    # Read once what is stored: per-batch "$in" lookups are a full scan per value on mongomock-ng.
    stored = {document: _stored_keys(document) for document in KIND_NAMES}
    with _progress_bar(progress) as bar:
        # Kinds whose total is unknown up front (a streamed benchmark's organisations) count without a bar.
        tasks = {kind: bar.add_task(f"{description}: {kind.replace('_', ' ')}", total=(totals or {}).get(kind))
                 for kind in KIND_NAMES.values()}
        for seedset in seedsets:
            for document, documents in seedset.kinds():
                kind = KIND_NAMES[document]
                for start in range(0, len(documents), BATCH_SIZE):
                    batch = documents[start:start + BATCH_SIZE]
                    created = _insert_new(document, batch, stored[document])
                    report.created[kind] += created
                    report.unchanged[kind] += len(batch) - created
                    bar.advance(tasks[kind], len(batch))
    report.seconds = time.perf_counter() - started
    return report


def _stored_keys(document: type) -> set[tuple[str, object]]:
    """(field, value) for the id and natural keys of every stored record of document's kind."""
    keys = _keys(document)
    fields = {key: document._fields[key].db_field for key in keys}
    rows = document._get_collection().find({}, dict.fromkeys(fields.values(), 1))
    return {(key, row.get(field)) for row in rows for key, field in fields.items()}


def _insert_new(document: type, batch: list, stored: set[tuple[str, object]]) -> int:
    """Validate and insert the documents of batch whose keys are not in stored; return how many were inserted."""
    keys = _keys(document)
    new = [doc for doc in batch if not any((key, getattr(doc, key)) in stored for key in keys)]
    for doc in new:
        # validate() runs clean(), which derives search_text and public_point, as save() would have.
        doc.validate()
    if new:
        with changes.WRITE_LOCK:  # numbered and written together, as SequencedDocument.save() does
            if "change_seq" in document._fields:
                first = changes.take(len(new)) - len(new) + 1
                for number, doc in enumerate(new, first):
                    doc.change_seq = number
                    changes.RECENT.record(changes.Change(number, document._get_collection_name(), str(doc.pk), False))
            document._get_collection().insert_many([doc.to_mongo() for doc in new])
    stored.update((key, getattr(doc, key)) for doc in new for key in keys)
    return len(new)


def _keys(document: type) -> tuple[str, ...]:
    return ("id",) + NATURAL_KEYS.get(document, ())


@contextmanager
def _progress_bar(visible: bool):
    """A rich progress display on stderr, or a silent one (tests, embedded start-up with progress off)."""
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), disable=not visible) as bar:
        yield bar
