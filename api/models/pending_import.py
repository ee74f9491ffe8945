"""An uploaded import file between its dry run and its Apply, kept here so the Apply never trusts the browser."""

from datetime import timedelta

from mongoengine import BinaryField, DateTimeField, DictField, Document, StringField

from api.models.fields import utcnow

LIFETIME = timedelta(hours=1)


class PendingImport(Document):
    """The file as uploaded, for whom and which organisation, and the fingerprint of the plan its dry run showed."""

    id = StringField(primary_key=True)  # random and unguessable: it appears in the Apply button's URL
    kind = StringField(required=True, max_length=40)  # "csv"; later "hsds", "meeting-guide"
    organization = StringField(required=True)
    user = StringField(required=True)
    filename = StringField(max_length=200)
    content = BinaryField(required=True)
    options = DictField()  # what the dry run was planned with besides the file (a feed's name, time zone, ...)
    fingerprint = StringField(required=True)
    planned_at = DateTimeField(required=True)  # the dry run's "now", so the Apply plans exactly the same edits
    expires_at = DateTimeField(required=True)  # by the app's clock: what reads check
    stored_at = DateTimeField(default=utcnow)  # by the machine's clock: what the TTL index removes by

    # The TTL index clears forgotten uploads from the database; it counts real time, while expires_at follows the
    # app's clock (which tests pin), so reads check expires_at and never rely on the TTL monitor's timing.
    meta = {"collection": "pending_imports",
            "indexes": [{"fields": ["stored_at"], "expireAfterSeconds": int(LIFETIME.total_seconds())},
                        ("organization", "user")]}
