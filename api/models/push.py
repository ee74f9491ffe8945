"""The notifier's own records: what each service last looked like, queued messages, and messages handed to FCM."""

from mongoengine import BooleanField, DateTimeField, DictField, Document, IntField, StringField

from api.models.fields import utcnow


class PushState(Document):
    """A service's push signals as last seen; the next change is compared with them (a replay finds no news)."""

    id = StringField(primary_key=True)  # the service id
    signals = DictField()
    updated_at = DateTimeField(default=utcnow)

    meta = {"collection": "push_states"}


class PendingPush(Document):
    """One queued message per device and service: later news about the same service merges into it.

    The device's token, locale and discretion are copied in when queued, so sending reads no device records.
    "sending" marks a batch handed to the sender: a crash then counts it as sent, because FCM cannot be asked
    whether it was (at most once, never twice; the key in the payload lets the app drop a repeat either way).
    """

    id = StringField(primary_key=True)  # "<device>:<service>"
    device = StringField(required=True)
    service = StringField(required=True)
    news = DictField()  # {kind: detail or None}
    key = StringField(required=True)  # idempotency key: the same news for the same device is sent once
    token = StringField(required=True)
    locale = StringField(required=True)
    discreet = BooleanField(default=True)
    changed_at = DateTimeField(required=True)  # when the change that made the news was seen
    not_before = DateTimeField(required=True)  # the coalescing window, a Retry-After, or a backoff
    attempts = IntField(default=0)
    state = StringField(default="queued", choices=("queued", "sending"))
    batch = StringField()

    meta = {"collection": "push_outbox", "indexes": ["device", "service", ("state", "not_before"), "batch"]}


class SentPush(Document):
    """A message FCM accepted (or the console recorded): its key is never sent again; kept a few days."""

    id = StringField(primary_key=True)  # the idempotency key
    device = StringField(required=True)
    service = StringField(required=True)
    sent_at = DateTimeField(default=utcnow)

    meta = {"collection": "push_sent", "indexes": [("device", "sent_at"), ("device", "service", "sent_at")]}
