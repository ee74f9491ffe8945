"""The directory's change sequence: every write to an organization, place or listing takes the next number.

Readers that keep a copy (the embedded default's snapshot, and later the indexer and the change feed) ask for
"everything numbered above what I have", removals included as numbered tombstones. Taking a number and writing
the document happen under WRITE_LOCK, so a reader that reads the counter under the same lock knows every number
up to it is already written. That holds for writers in this process, which is every writer on the embedded
default. Bulk updates and deletes would write without a number, so sequenced documents refuse them.

Each write is then announced (SIGNAL), so the workers following the sequence start at once instead of polling;
on the embedded default it is also kept in RECENT, so they learn what changed without reading whole collections.
"""

import bisect
import threading
from typing import NamedTuple

from mongoengine import DateTimeField, Document, IntField, QuerySet, StringField
from pymongo import ReturnDocument

from api.models.fields import utcnow

WRITE_LOCK = threading.RLock()
CHANGES = "changes"


class ChangeSignal:
    """Wakes whoever waits for the next change: the writers of this process announce each one once it is written
    (and on the real stack a change stream announces other processes', indexer/wakeup.py)."""

    def __init__(self):
        self._condition = threading.Condition()
        self._count = 0

    def mark(self) -> int:
        """Take before looking for changes; `wait(mark)` then returns at once if one came since."""
        return self._count

    def notify(self) -> None:
        with self._condition:
            self._count += 1
            self._condition.notify_all()

    def wait(self, mark: int, timeout_s: float) -> bool:
        """Until a change announced after `mark`, or timeout_s (the poll that stays as a safety net)."""
        with self._condition:
            return self._condition.wait_for(lambda: self._count != mark, timeout_s)


SIGNAL = ChangeSignal()


class Change(NamedTuple):
    seq: int
    collection: str
    document_id: str
    removed: bool


class RecentChanges:
    """The changes this process wrote lately, in number order, so that a reader keeping a copy can learn what is
    numbered above n without reading whole collections (the embedded database scans for every query).

    It only vouches for numbers from where it started following on, and only while every writer is in this process:
    the embedded storage turns it on (`follow`); on the real stack it stays off and readers query the database.
    """

    KEEP = 100_000  # changes kept; a reader further behind than that reads the database instead

    def __init__(self):
        self._entries: list[Change] = []
        self._from: int | None = None  # the lowest number it vouches for; None when not following
        self.taken = 0  # the highest number taken (take() says)
        self._mirroring = False  # the changes come from the writer's file, not from writers in this process

    def follow(self) -> None:
        """Vouch for every change numbered above the database's counter from now on."""
        with WRITE_LOCK:
            counter = stored()
            self._entries, self._from, self.taken, self._mirroring = [], counter + 1, counter, False

    def mirror(self, newest: int) -> None:
        """Vouch for the changes a replica applies from the writer's file from now on (api/adapters/replica.py),
        holding every document numbered up to `newest`."""
        with WRITE_LOCK:
            self._entries, self._from, self.taken, self._mirroring = [], newest + 1, newest, True

    def replay(self, applied: list[Change]) -> None:
        """A replica applied these documents (one commit of the writer's, in any order): each is the latest version
        of its document, and every number below the highest was committed with it or before, or never will be."""
        ordered = sorted(applied)
        with WRITE_LOCK:
            for change in ordered:
                self.record(change)
            if ordered:
                self.taken = max(self.taken, ordered[-1].seq)

    def stop(self) -> None:
        with WRITE_LOCK:
            self._entries, self._from, self._mirroring = [], None, False

    @property
    def following(self) -> bool:
        return self._from is not None

    def record(self, change: Change) -> None:
        """Called under WRITE_LOCK, once the change is written (numbers therefore arrive in order)."""
        if self._from is None:
            return
        self._entries.append(change)
        if len(self._entries) > 2 * self.KEEP:
            self._from = self._entries[-self.KEEP - 1].seq + 1
            self._entries = self._entries[-self.KEEP:]

    def since(self, after: int) -> list[Change] | None:
        """Every change numbered above `after`, or None when it cannot vouch for all of them."""
        with WRITE_LOCK:
            if self._from is None or after + 1 < self._from:
                return None
            found = self._entries[bisect.bisect_right(self._entries, after, key=lambda change: change.seq):]
            # One entry per number taken since: a writer that took numbers without recording them leaves fewer,
            # and then only the database can say what changed. A replica sees only each document's latest number.
            return found if self._mirroring or len(found) == self.taken - after else None


RECENT = RecentChanges()


class Sequence(Document):
    id = StringField(primary_key=True)
    value = IntField(default=0)

    meta = {"collection": "sequences"}


def take(count: int = 1) -> int:
    """Reserve `count` numbers and return the highest; the first is that minus count plus one.

    Call under WRITE_LOCK, and RECENT.record() each number's document before letting the lock go.
    """
    row = Sequence._get_collection().find_one_and_update(
        {"_id": CHANGES}, {"$inc": {"value": count}}, upsert=True, return_document=ReturnDocument.AFTER)
    RECENT.taken = row["value"]
    return row["value"]


def current() -> int:
    """The highest number taken so far, with every write up to it finished."""
    with WRITE_LOCK:
        # Following, every number is taken in this process and take() told RECENT the last: nothing to read.
        return RECENT.taken if RECENT.following else stored()


def stored() -> int:
    """The counter as the database holds it."""
    row = Sequence._get_collection().find_one({"_id": CHANGES})
    return row["value"] if row else 0


class Tombstone(Document):
    """A removed document and the change number of its removal, so every copy can drop it too."""

    id = StringField(primary_key=True)  # "<collection>:<document id>"
    collection = StringField(required=True)
    document_id = StringField(required=True)
    change_seq = IntField(required=True)
    removed_at = DateTimeField(default=utcnow)

    meta = {"collection": "tombstones", "indexes": ["change_seq"]}


class SequencedQuerySet(QuerySet):
    """Refuses writes that would skip the change sequence (and the documents' clean()): save or delete each one."""

    def _refuse(self, *args, **kwargs):
        raise TypeError(f"bulk writes to {self._document.__name__} would not be numbered in the change sequence; "
                        "save() or delete() each document instead")

    update = update_one = modify = upsert_one = _refuse

    def delete(self, *args, _from_doc_delete=False, **kwargs):
        if not _from_doc_delete:
            self._refuse()
        return super().delete(*args, _from_doc_delete=True, **kwargs)


class SequencedDocument(Document):
    """A document whose every save or delete takes the next change number (saves also stamp updated_at)."""

    change_seq = IntField(default=0)
    updated_at = DateTimeField(default=utcnow)

    meta = {"abstract": True, "queryset_class": SequencedQuerySet}

    def save(self, *args, **kwargs):
        with WRITE_LOCK:
            self.change_seq = take()
            self.updated_at = utcnow()
            try:
                return super().save(*args, **kwargs)
            finally:  # even when it failed: a reader then finds the document as it is, or not at all
                RECENT.record(Change(self.change_seq, self._get_collection_name(), str(self.pk), False))
                SIGNAL.notify()

    def delete(self, *args, **kwargs):
        with WRITE_LOCK:
            collection = self._get_collection_name()
            seq = take()
            try:
                Tombstone(id=f"{collection}:{self.pk}", collection=collection, document_id=str(self.pk),
                          change_seq=seq).save()
                return super().delete(*args, **kwargs)
            finally:
                RECENT.record(Change(seq, collection, str(self.pk), True))
                SIGNAL.notify()
