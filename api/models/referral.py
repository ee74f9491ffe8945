"""Warm referrals: one worker hands one client to one service, with consent, a status, and nothing left over.

What identifies the client lives only in `sealed`, one token the referral key seals (api/adapters/sealing.py), and is
erased on a schedule: the first or chosen name, a way to reach them, the note, and the two things a worker writes in
their own words, which can name the client too (a programme asked for, the consent's purpose). The rest is what the
figures count, and what every member of staff who may see the referral reads.
A referral is not part of the directory: it takes no change number, so no index, feed or notification sees it.
"""

from mongoengine import (
    BooleanField,
    DateTimeField,
    Document,
    EmbeddedDocument,
    EmbeddedDocumentField,
    ListField,
    StringField,
)

from api.domain.referral_status import DECLINE_REASONS, STATUSES
from api.models.fields import new_id, utcnow

CONSENT_FORMS = ("verbal", "signed")
# What a referral discloses, as the consent names it (42 CFR 2.31(a)(3): how much and what kind of information).
DISCLOSED = ("name", "contact", "request", "note")
ERASED_BECAUSE = ("retention", "consent_revoked", "consent_expired")
# Why the system (or a revocation) ended a referral, beside the receivers' decline reasons.
ENDED_BECAUSE = ("consent_revoked", "consent_expired", "no_activity")
CONTACT_METHODS = ("client_will_call", "phone", "text")


class Consent(EmbeddedDocument):
    """The client's consent to this disclosure, with the elements of 42 CFR 2.31(a); the client's name (a)(1) is
    sealed with the other personal fields, which this record is stored beside."""

    discloser = StringField(required=True)  # (a)(2) the referring organisation's id, and its name then
    discloser_name = StringField(required=True, max_length=200)
    recipient = StringField(required=True)  # (a)(4) the receiving organisation's id, and its name then
    recipient_name = StringField(required=True, max_length=200)
    disclosed = ListField(StringField(choices=DISCLOSED), required=True)  # (a)(3)
    # (a)(5) is sealed with the client's details (api/services/referrals/personal.py): only a referral stored before
    # that holds it here, and erasing the details clears it.
    purpose = StringField(max_length=300)
    revocable = BooleanField(required=True)  # (a)(6) the client was told they may revoke it at any time
    expires_at = DateTimeField(required=True)  # (a)(7)
    given_as = StringField(required=True, choices=CONSENT_FORMS)  # (a)(8) signed on paper, or spoken
    attested_by = StringField(required=True)  # the worker who heard or saw it given, and attests to it
    attested_by_name = StringField(required=True, max_length=120)
    given_at = DateTimeField(required=True)  # (a)(9)
    revoked_at = DateTimeField()
    revoked_by = StringField()


class Step(EmbeddedDocument):
    """One status change: who made it (a staff id, or "system" for expiry) and when."""

    status = StringField(required=True, choices=tuple(STATUSES))
    at = DateTimeField(required=True)
    by = StringField(required=True)
    by_name = StringField(required=True, max_length=120)
    reason = StringField(choices=(*DECLINE_REASONS, *ENDED_BECAUSE))


class Referral(Document):
    """One client sent by one worker to one listing: who, where, what, the status and its steps, the consent."""

    id = StringField(primary_key=True, default=new_id)
    code = StringField(max_length=8)  # on the client's hand-off card; forgotten with the personal fields
    sending_org = StringField(required=True)
    sender = StringField(required=True)  # the referring worker's staff id
    sender_name = StringField(required=True, max_length=120)
    receiving_org = StringField(required=True)
    service = StringField(required=True)
    service_name = StringField(required=True, max_length=200)  # as it was: the listing may be renamed or removed
    category = StringField(required=True)
    timezone = StringField(required=True)  # the service's: times on both sides' pages read in it
    unit_code = StringField(max_length=60)  # the unit asked for, when the listing counts units
    requested = StringField(max_length=200)  # the unit's name, as asked (a programme the worker typed is sealed)
    status = StringField(required=True, choices=tuple(STATUSES), default="sent")
    steps = ListField(EmbeddedDocumentField(Step))
    created_at = DateTimeField(required=True, default=utcnow)
    respond_by = DateTimeField(required=True)
    answered_at = DateTimeField()
    ended_at = DateTimeField()
    updated_at = DateTimeField(required=True, default=utcnow)
    held_unit = StringField()  # the unit whose free place accepting took; given back if the client does not come
    hold_released = BooleanField(default=False)
    sealed = StringField()  # the personal fields, sealed; None once erased
    erased_at = DateTimeField()
    erased_because = StringField(choices=ERASED_BECAUSE)
    consent = EmbeddedDocumentField(Consent, required=True)
    alerted = BooleanField(default=False)  # the receiving staff's push alert has been handed to the sender

    meta = {"collection": "referrals",
            "indexes": [{"fields": ["code"], "unique": True, "sparse": True}, ("receiving_org", "status"),
                        ("sending_org", "status"), "sender", ("status", "respond_by"), "ended_at", "alerted",
                        "consent.expires_at", "consent.revoked_at"],
            "ordering": ["-created_at"]}

    @property
    def asked_for(self) -> str:
        """What anyone who may see the referral reads of what was asked for: the unit's name, else the listing's."""
        return self.requested if self.unit_code else self.service_name


class ReferralView(Document):
    """Who opened whose personal fields, and when: one entry per view, kept after the fields are erased."""

    id = StringField(primary_key=True, default=new_id)
    referral = StringField(required=True)
    viewer = StringField(required=True)
    viewer_name = StringField(required=True, max_length=120)
    organization = StringField()  # the viewer's
    via = StringField(required=True, choices=("page", "api"))
    at = DateTimeField(required=True, default=utcnow)

    meta = {"collection": "referral_views", "indexes": [("referral", "-at"), "viewer"], "ordering": ["-at"]}


class ReferralAlert(Document):
    """A staff member's phone that asked to be told of new referrals to their organisation (a push token)."""

    id = StringField(primary_key=True, default=new_id)
    staff = StringField(required=True)
    token = StringField(required=True, max_length=4096)
    platform = StringField(required=True, choices=("android", "ios", "web"))
    locale = StringField(required=True, default="en", max_length=35)
    created_at = DateTimeField(required=True, default=utcnow)

    meta = {"collection": "referral_alerts", "indexes": [{"fields": ["staff", "token"], "unique": True}, "token"]}
