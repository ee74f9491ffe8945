"""An anonymous device that asked for push notifications, and what it follows. Nothing else about the person.

A device holds its FCM token, the token's kind, platform, locale, whether lock-screen text stays discreet, and
when it was last seen; a subscription holds only what matching needs (a coarse cell centre, never the point the
person stood at). Deleting the device deletes its subscriptions, queued notifications and delivery records, and
takes it off the public reports it asked to hear about.
"""

import hashlib
import hmac
import secrets

from mongoengine import (
    BooleanField,
    DateTimeField,
    Document,
    EmbeddedDocument,
    EmbeddedDocumentField,
    FloatField,
    ListField,
    PointField,
    StringField,
)

from api.domain.vocabulary import CATEGORIES, GENDERS
from api.models.fields import new_id, utcnow

PLATFORMS = ("android", "ios", "web")
# FCM registration tokens now; Firebase installation ids once the SDK's token-less sends are the way (notes/fcm.md).
TOKEN_KINDS = ("registration_token", "installation_id")
SUBSCRIPTION_KINDS = ("service", "area", "meetings")
MAX_SUBSCRIPTIONS = 25
MAX_RADIUS_KM = 50


def hash_secret(secret: str) -> str:
    """A device secret is 32 random bytes, so a plain SHA-256 is enough: there is nothing to guess by brute force."""
    return hashlib.sha256(secret.encode()).hexdigest()


class Subscription(EmbeddedDocument):
    """Follow one service; a category within an area; or meetings of some types near a point."""

    id = StringField(required=True, default=new_id)
    kind = StringField(required=True, choices=SUBSCRIPTION_KINDS)
    service = StringField()  # kind "service"
    category = StringField(choices=tuple(CATEGORIES))  # kind "area"
    gender = StringField(choices=GENDERS)  # kind "area": services open to this gender
    accepting = BooleanField(default=False)  # kind "area": only news of free places
    types = ListField(StringField(max_length=10))  # kind "meetings": every one of these type codes
    centre = PointField()  # the centre of the coarse cell holding the point asked about
    radius_km = FloatField(min_value=0.5, max_value=MAX_RADIUS_KM)
    created_at = DateTimeField(default=utcnow)


class Device(Document):
    id = StringField(primary_key=True, default=new_id)
    secret_hash = StringField(required=True)
    token = StringField(required=True, min_length=1, max_length=4096)
    token_kind = StringField(required=True, choices=TOKEN_KINDS, default="registration_token")
    platform = StringField(required=True, choices=PLATFORMS)
    locale = StringField(required=True, default="en", max_length=35)
    discreet = BooleanField(default=True)  # lock-screen text names no service, only "a place you follow"
    created_at = DateTimeField(default=utcnow)
    last_seen_at = DateTimeField(default=utcnow)
    # Kept inside the device: deleting it deletes them, and the notifier finds devices by their subscriptions.
    subscriptions = ListField(EmbeddedDocumentField(Subscription), max_length=MAX_SUBSCRIPTIONS)

    meta = {"collection": "devices", "indexes": [
        {"fields": ["token"], "unique": True}, "last_seen_at", "subscriptions.service",
        ("subscriptions.kind", "subscriptions.category")]}

    @classmethod
    def register(cls, **fields) -> tuple["Device", str]:
        """A new device and its secret (shown once). A token registered again replaces its old device."""
        for stale in cls.objects(token=fields["token"]):
            stale.forget()
        secret = secrets.token_urlsafe(32)
        device = cls(secret_hash=hash_secret(secret), **fields)
        device.save()
        return device, secret

    def verifies(self, secret: str) -> bool:
        return hmac.compare_digest(self.secret_hash, hash_secret(secret or ""))

    def forget(self) -> None:
        """Delete the device and everything about it (its subscriptions are inside it)."""
        from api.models.push import PendingPush, SentPush
        from api.models.report import Report

        PendingPush.objects(device=self.id).delete()
        SentPush.objects(device=self.id).delete()
        Report.objects(notify=self.id).update(pull__notify=self.id)  # a report it waited on forgets it too
        self.delete()
