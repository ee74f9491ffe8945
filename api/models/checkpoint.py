"""Where the indexer got to: the change number up to which an index holds every change. Saved only after success."""

from mongoengine import DateTimeField, Document, IntField, StringField

from api.models.fields import utcnow


class Checkpoint(Document):
    id = StringField(primary_key=True)  # the index uid
    seq = IntField(default=0)
    updated_at = DateTimeField(default=utcnow)

    meta = {"collection": "indexer_checkpoints"}


def load(index_uid: str) -> int:
    """The change number the index is known to hold everything up to (0: nothing yet)."""
    checkpoint = Checkpoint.objects(id=index_uid).first()
    return checkpoint.seq if checkpoint else 0


def save(index_uid: str, seq: int) -> None:
    Checkpoint(id=index_uid, seq=seq, updated_at=utcnow()).save()
