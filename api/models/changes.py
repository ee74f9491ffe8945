"""The directory's change sequence: every write to an organization, place or listing takes the next number.

Readers that keep a copy (the embedded default's snapshot, and later the indexer and the change feed) ask for
"everything numbered above what I have". Taking a number and writing the document happen under WRITE_LOCK, so a
reader that reads the counter under the same lock knows every number up to it is already written. That holds
for writers in this process, which is every writer on the embedded default.
"""

import threading

from mongoengine import DateTimeField, Document, IntField, StringField
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


class SequencedDocument(Document):
    """A document whose every save takes the next change number and stamps updated_at."""

    change_seq = IntField(default=0)
    updated_at = DateTimeField(default=utcnow)

    meta = {"abstract": True}

    def save(self, *args, **kwargs):
        with WRITE_LOCK:
            self.change_seq = take()
            self.updated_at = utcnow()
            return super().save(*args, **kwargs)
