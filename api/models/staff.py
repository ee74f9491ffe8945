"""Partner staff who keep listings true, and the one-time links that let them in (invitations, password resets)."""

from mongoengine import BooleanField, DateTimeField, Document, EmailField, IntField, StringField, ValidationError

from api.i18n.catalogs import LANGUAGES
from api.models.fields import new_id, utcnow

# network_admin: everything; org_admin: their organisation's listings and staff; editor: their organisation's listings.
ROLES = ("network_admin", "org_admin", "editor")


class StaffUser(Document):
    id = StringField(primary_key=True, default=new_id)
    email = EmailField(required=True, unique=True)  # stored lower-case
    name = StringField(required=True, max_length=120)
    password_hash = StringField()  # argon2; empty until an invitation is accepted
    role = StringField(required=True, choices=ROLES)
    organization = StringField()  # every role but network_admin belongs to one
    active = BooleanField(default=True)
    # May send warm referrals (outreach workers, peer specialists, navigators): granted by whoever manages them.
    can_refer = BooleanField(default=False)
    # The language the admin area speaks to this person (one of LANGUAGES); unset: their browser's Accept-Language.
    language = StringField(choices=LANGUAGES)
    # Wrong passwords in a row and until when the next try waits (api/services/accounts.py): one pair for browsers
    # this person never signed in on, one for those they did, so strangers' guesses never slow the owner down.
    failed_logins = IntField(default=0)
    throttled_until = DateTimeField(db_field="locked_until")  # the stored name from when it was a hard lock
    known_failed_logins = IntField(default=0)
    known_throttled_until = DateTimeField()
    session_version = IntField(default=0)  # bumped by a password change or deactivation: every session ends
    created_at = DateTimeField(default=utcnow)
    last_login_at = DateTimeField()

    meta = {"collection": "staff_users", "indexes": ["organization"]}

    def clean(self):
        self.email = (self.email or "").strip().lower()
        if self.role != "network_admin" and not self.organization:
            raise ValidationError("staff other than network admins belong to an organisation",
                                  field_name="organization")
        if self.role == "network_admin":
            self.organization = None


class Invitation(Document):
    """A one-time link: the token itself is shown once; only its hash is kept.

    A reset names an account; an invitation offers one, made when the link is used, with the id `user` and the
    details below (api/services/invitations.py).
    """

    id = StringField(primary_key=True)  # sha256 of the token
    purpose = StringField(required=True, choices=("invite", "reset"))
    user = StringField(required=True)
    email = EmailField()  # stored lower-case
    name = StringField(max_length=120)
    role = StringField(choices=ROLES)
    organization = StringField()
    created_by = StringField()
    created_at = DateTimeField(default=utcnow)
    expires_at = DateTimeField(required=True)
    used_at = DateTimeField()

    meta = {"collection": "staff_invitations", "indexes": ["user", "organization"]}


class StaffSession(Document):
    """One signed-in browser. Its cookie holds a random token; only the token's sha256 is kept here, and a session
    whose record is gone (signed out, idle, too old) stays ended whatever cookie comes back."""

    id = StringField(primary_key=True)  # sha256 of the token
    user = StringField(required=True)
    session_version = IntField(required=True)  # the account's at sign-in: a later password change ends it
    started_at = DateTimeField(required=True)
    seen_at = DateTimeField(required=True)
    expires_at = DateTimeField(required=True)  # the absolute end, however busy
    # Started by a one-time link (an invitation or a reset) rather than a password typed at sign-in, and who issued
    # that link (None: the command line): whoever issued it could have used it (api/services/referrals/personal.py).
    through_link = BooleanField(default=False)
    link_issued_by = StringField()

    # No TTL index: expiry follows the app's clock (which tests move), so sessions.start sweeps the ended ones.
    meta = {"collection": "staff_sessions", "indexes": ["expires_at"]}


class SignInAttempts(Document):
    """Wrong tries at an email that opens no account (none, inactive, or waiting for its invitation), under a keyed
    hash of the email: the same counting write a real account's wrong try makes (api/services/accounts.py), so
    neither the answer nor its time tells a guesser which emails have accounts."""

    id = StringField(primary_key=True)  # HMAC-SHA256 of the normalised email with SECRET_KEY: never the email
    failed_logins = IntField(default=0)
    throttled_until = DateTimeField()
    seen_at = DateTimeField(default=utcnow)  # by the machine's clock: what the TTL index removes by

    meta = {"collection": "sign_in_attempts",
            "indexes": [{"fields": ["seen_at"], "expireAfterSeconds": 24 * 60 * 60}]}
