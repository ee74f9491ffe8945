"""A public report that a listing is wrong: what was reported, never who reported it.

Reports of the same thing (same listing, kind and suggested values, still open) are one record with a count. Each
arrival adds its minute to `received`, which the capacity-doubt rule reads (api/services/reports/doubt.py): the
minute, not the second, so a stored time cannot be matched against a request log. `notify` holds the devices that
asked to hear the outcome, and only until it is told: deleting a device removes it here (Device.forget).
"""

from mongoengine import (
    DateField,
    DateTimeField,
    Document,
    EmbeddedDocument,
    EmbeddedDocumentField,
    IntField,
    ListField,
    StringField,
)

from api.models.fields import new_id, utcnow, validate_hhmm
from api.models.schedule import WEEKDAYS

# The kinds a person can report, in the order an app offers them.
KINDS = ("closed", "moved", "wrong_hours", "full", "phone_wrong", "meeting_not_held", "other")
STATES = ("open", "accepted", "rejected", "fixed")
MAX_NOTE = 500
MAX_NOTES = 5  # a merged report keeps the latest few different notes: enough to understand it, not a guestbook


class Suggestion(EmbeddedDocument):
    """What the person thinks is right; only the fields of the report's kind are set."""

    days = ListField(StringField(choices=WEEKDAYS))  # wrong_hours: the days these hours apply to
    opens_at = StringField(validation=validate_hhmm)
    closes_at = StringField(validation=validate_hhmm)
    phone = StringField(max_length=40, regex=r"^[0-9+()\-. ]{3,40}$")  # phone_wrong
    date = DateField()  # meeting_not_held
    address = StringField(max_length=300)  # moved: the new address as written


class Report(Document):
    id = StringField(primary_key=True, default=new_id)
    service = StringField(required=True)
    organization = StringField(required=True)  # the listing's partner, whose queue it is in
    kind = StringField(required=True, choices=KINDS)
    suggestion = EmbeddedDocumentField(Suggestion, default=Suggestion)
    key = StringField(required=True)  # what "the same thing" means for merging (intake.py)
    notes = ListField(StringField(max_length=MAX_NOTE), max_length=MAX_NOTES)
    languages = ListField(StringField(max_length=35))  # the notes' languages, as the app said
    count = IntField(default=1, min_value=1)
    received = ListField(DateTimeField())  # the minute of each arrival
    first_at = DateTimeField(default=utcnow)
    last_at = DateTimeField(default=utcnow)
    state = StringField(default="open", choices=STATES)
    answered_at = DateTimeField()
    answered_by = StringField()  # the staff member's name, as the audit trail names them
    reason = StringField(max_length=500)  # why it was rejected, for the partner's own record
    notify = ListField(StringField())  # device ids waiting for the outcome; emptied when told

    meta = {"collection": "reports", "indexes": [("organization", "state", "-last_at"), ("service", "state", "key"),
                                                 "notify", ("state", "first_at"), "answered_at"]}
