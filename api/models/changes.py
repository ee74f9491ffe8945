"""The directory's change sequence: every write to an organization, place or listing takes the next number.

Readers that keep a copy (the embedded default's snapshot, and later the indexer and the change feed) ask for
"everything numbered above what I have", removals included as numbered tombstones. Taking a number and writing
the document happen under WRITE_LOCK, so a reader that reads the counter under the same lock knows every number
up to it is already written. That holds for writers in this process, which is every writer on the embedded
default. Bulk updates and deletes would write without a number, so sequenced documents refuse them.
"""

import threading

from mongoengine import DateTimeField, Document, IntField, QuerySet, StringField
from pymongo import ReturnDocument

from api.models.fields import utcnow

WRITE_LOCK = threading.RLock()
CHANGES = "changes"


class Sequence(Document):
    id = StringField(primary_key=True)
    value = IntField(default=0)

    meta = {"collection": "sequences"}


def take(count: int = 1) -> int:
    """Reserve `count` numbers and return the highest; the first is that minus count plus one."""
    row = Sequence._get_collection().find_one_and_update(
        {"_id": CHANGES}, {"$inc": {"value": count}}, upsert=True, return_document=ReturnDocument.AFTER)
    return row["value"]


def current() -> int:
    """The highest number taken so far, with every write up to it finished."""
    with WRITE_LOCK:
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
            return super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        with WRITE_LOCK:
            collection = self._get_collection_name()
            Tombstone(id=f"{collection}:{self.pk}", collection=collection, document_id=str(self.pk),
                      change_seq=take()).save()
            return super().delete(*args, **kwargs)
