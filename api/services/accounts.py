"""Staff accounts: argon2 passwords and their policy, sign-in slowed after wrong tries, deactivation.

One-time links (invitations, password resets) are api/services/invitations.py.
"""

import hashlib
import hmac
import re
import secrets
from datetime import UTC, datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from mongoengine import NotUniqueError, ValidationError

from api.errors import Conflict, InvalidField, Unauthorized
from api.i18n.catalogs import LANGUAGES
from api.i18n.text import N_
from api.i18n.text import gettext as _
from api.models import Organization
from api.models.audit import AuditEntry
from api.models.fields import naive_utc, utcnow
from api.models.staff import ROLES, Invitation, SignInAttempts, StaffUser

# argon2id with the library's current defaults (RFC 9106 low-memory); a stored hash made with other parameters is
# replaced at the next sign-in. Tests swap in cheaper parameters: the hasher is read at call time.
HASHER = PasswordHasher()
# Wrong passwords in a row that cost nothing; after them each one makes the next try wait twice as long as the last
# (30 s, 1, 2, 4, 8 minutes, then 15 at most). A try made while waiting is refused unchecked and uncounted, so
# hammering does not lengthen the wait. Browsers the person has signed in on before keep a count of their own, so
# strangers guessing cannot keep the owner out; a reset link clears both. The admin area adds a limit per address.
FREE_FAILURES = 5
FIRST_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(minutes=15)
# OWASP ASVS 2.1: at least 12 characters, any characters, no composition rules, and not a common or guessable
# password, which zxcvbn scores from 0 to 4 (3: "safely unguessable" by an online attack slowed as above).
MIN_PASSWORD_LENGTH = 12
MIN_PASSWORD_SCORE = 3
SCORED_LENGTH = 72  # zxcvbn refuses longer input (its work grows with length): a longer one is scored on its start
# One answer for an unknown email, a wrong password, an inactive or a waiting account: none of them is revealed.
SIGN_IN_REFUSED = N_("That email and password do not open an account. After {tries} wrong tries each new try waits "
                     "longer (up to {minutes} minutes), except on a browser you have signed in on before; your "
                     "organisation's admin can give you a password reset link.")
EMAIL_TAKEN = N_("Someone with this email address already has an account.")
# What zxcvbn can say of a weak password (zxcvbn/feedback.py writes them in English, for gettext's global catalog):
# ours translates them; one a later zxcvbn adds is replaced by our general warning until it is listed here.
PASSWORD_WARNINGS = (
    N_("Straight rows of keys are easy to guess."), N_("Short keyboard patterns are easy to guess."),
    N_('Repeats like "aaa" are easy to guess.'),
    N_('Repeats like "abcabcabc" are only slightly harder to guess than "abc".'),
    N_('Sequences like "abc" or "6543" are easy to guess.'), N_("Recent years are easy to guess."),
    N_("Dates are often easy to guess."), N_("This is a top-10 common password."),
    N_("This is a top-100 common password."), N_("This is a very common password."),
    N_("This is similar to a commonly used password."), N_("A word by itself is easy to guess."),
    N_("Names and surnames by themselves are easy to guess."), N_("Common names and surnames are easy to guess."),
)


def hash_password(password: str) -> str:
    """An argon2id hash (with its own salt and parameters) of password."""
    return HASHER.hash(password)


def check_password_policy(password: str, email: str | None) -> None:
    """At least MIN_PASSWORD_LENGTH characters besides spaces at either end, not the email address, and not easily
    guessed: common passwords, words and names, keyboard runs, repeats, dates (zxcvbn)."""
    text = (password or "").strip()
    if len(text) < MIN_PASSWORD_LENGTH:
        raise InvalidField("password", _("Use at least {count} characters (spaces at either end do not count).",
                                         count=MIN_PASSWORD_LENGTH), location="form")
    if email and text.lower() == email.strip().lower():
        raise InvalidField("password", _("Your password cannot be your email address."), location="form")
    from zxcvbn import zxcvbn  # its word lists cost 13 MB a process: loaded by the rare password change alone

    verdict = zxcvbn(text[:SCORED_LENGTH], user_inputs=[*re.split(r"[@.+_-]", (email or "").lower()), "lantern"])
    if verdict["score"] < MIN_PASSWORD_SCORE:
        warning = verdict["feedback"]["warning"]
        why = _(warning) if warning in PASSWORD_WARNINGS else _("This password would be easy to guess.")
        raise InvalidField("password", _("{why} Try three or four words that do not belong together.", why=why),
                           location="form")


def create_user(email: str, name: str, role: str, organization: str | None, password: str, *,
                actor: tuple[str, str] = ("system", "Lantern"), now: datetime | None = None) -> StaffUser:
    """An active account with a password (the CLI's first accounts, the demo seed); staff come by invitation."""
    email = normal_email(email)
    organization = checked_organization(role, organization)
    check_password_policy(password, email)
    if StaffUser.objects(email=email).first() is not None:
        raise Conflict(_(EMAIL_TAKEN))
    return save_new(StaffUser(email=email, name=(name or "").strip(), role=role, organization=organization,
                              password_hash=hash_password(password), active=True), actor, now)


def checked_organization(role: str, organization: str | None) -> str | None:
    """The organisation an account of this role belongs to (none for a network admin), or InvalidField."""
    if role not in ROLES:
        raise InvalidField("role", _("Choose one of: {roles}.", roles=", ".join(ROLES)), location="form")
    if role == "network_admin":
        return None
    if not organization or Organization.objects(id=organization).first() is None:
        raise InvalidField("organization", _("Choose an existing organisation."), location="form")
    return organization


def save_new(user: StaffUser, actor: tuple[str, str], now: datetime | None) -> StaffUser:
    """Store a new account and audit it; Conflict when its email has an account already, InvalidField for a bad
    field."""
    try:
        user.save(force_insert=True)
    except NotUniqueError:  # the same email saved by someone else since any check before
        raise Conflict(_(EMAIL_TAKEN)) from None
    except ValidationError as invalid:
        raise invalid_field(invalid) from None
    audit(actor, "created", user, now, {"email": [None, user.email], "role": [None, user.role]})
    return user


def set_password(user: StaffUser, password: str, now: datetime) -> StaffUser:
    """A new password (already checked): the account is active, waits cleared, and every session of it ends."""
    was_active = user.active
    StaffUser.objects(id=user.id).update_one(set__password_hash=hash_password(password), set__active=True,
                                             **{f"set__{count}": 0 for count, _ in THROTTLES.values()},
                                             **{f"unset__{until}": True for _, until in THROTTLES.values()},
                                             inc__session_version=1)
    user.reload()
    audit((user.id, user.name), "password_set", user, now, {} if was_active else {"active": [False, True]})
    return user


def choose_language(user: StaffUser, language: str | None) -> StaffUser:
    """The language the admin area speaks to this person: one of LANGUAGES, or None for their browser's."""
    if language is not None and language not in LANGUAGES:
        raise InvalidField("language", _("Choose one of the languages offered."), location="form")
    StaffUser.objects(id=user.id).update_one(**({"set__language": language} if language else {"unset__language": True}))
    user.reload()
    return user


def sign_in_refused() -> str:
    """The one answer to a sign-in that does not open an account, whatever was wrong, in the current language."""
    return _(SIGN_IN_REFUSED, tries=FREE_FAILURES, minutes=MAX_DELAY.seconds // 60)


def normal_email(email: str | None) -> str:
    return (email or "").strip().lower()


def authenticate(email: str, password: str, now: datetime, known_account: str | None = None, *,
                 key: str) -> StaffUser:
    """The active account these credentials open, unless wrong tries made this one wait (see FREE_FAILURES).

    known_account: the account id a browser's own signed cookie says it signed in to before; such a browser
    waits only for its owner's wrong tries, never for a stranger's. key: the app's secret, for the keyed hash
    under which an email that opens no account has its wrong tries counted.
    """
    now = naive_utc(now)
    user = StaffUser.objects(email=normal_email(email)).first()
    if user is None or not user.active or not user.password_hash:
        _refuse_without_account(normal_email(email), password, now, key)
    count, until = THROTTLES[known_account is not None and known_account == user.id]
    if getattr(user, until) is not None and getattr(user, until) > now:
        _spend_a_verification(password)  # even the right password waits: nothing tells a guesser it was right
        raise Unauthorized(sign_in_refused(), given=True)
    try:
        HASHER.verify(user.password_hash, password or "")
    except (VerificationError, InvalidHashError):
        _count_failure(StaffUser.objects(id=user.id), count, until, now)
        raise Unauthorized(sign_in_refused(), given=True) from None
    updates = {f"set__{count}": 0, f"unset__{until}": True, "set__last_login_at": now}
    if HASHER.check_needs_rehash(user.password_hash):
        updates["set__password_hash"] = hash_password(password)
    StaffUser.objects(id=user.id).update_one(**updates)
    user.reload()
    return user


def deactivate(user: StaffUser, by: StaffUser, now: datetime) -> StaffUser:
    """Switch an account off: its sessions end at their next request and its outstanding links stop working."""
    now = naive_utc(now)
    if user.id == by.id:
        raise Conflict(_("You cannot deactivate your own account."))
    StaffUser.objects(id=user.id).update_one(set__active=False, inc__session_version=1)
    Invitation.objects(user=user.id, used_at=None).update(set__used_at=now)
    user.reload()
    audit(actor_of(by), "deactivated", user, now, {"active": [True, False]})
    return user


# (count, wait-until) fields on StaffUser: for browsers the account never signed in on, and for those it did.
THROTTLES = {False: ("failed_logins", "throttled_until"), True: ("known_failed_logins", "known_throttled_until")}


def retry_delay(failures: int) -> timedelta:
    """How long the next try waits after this many wrong passwords in a row."""
    if failures < FREE_FAILURES:
        return timedelta(0)
    return min(FIRST_DELAY * 2 ** min(failures - FREE_FAILURES, 20), MAX_DELAY)


def _count_failure(documents, count: str, until: str, now: datetime, upsert: bool = False, **also) -> None:
    """One more wrong password on the one document of a queryset, and the wait it earns. Atomic, so parallel
    guesses all count."""
    counted = documents.modify(upsert=upsert, **{f"inc__{count}": 1}, **also, new=True)
    if counted is not None and getattr(counted, count) >= FREE_FAILURES:
        documents.update_one(**{f"set__{until}": now + retry_delay(getattr(counted, count))})


def _refuse_without_account(email: str, password: str, now: datetime, key: str) -> None:
    """Refuse an email that opens no account as a wrong password is refused, the same reads and writes included
    (the writes' disk sync takes time a guesser can measure): the wait checked, a verification spent, the wrong
    try counted under a keyed hash of the email (the database never learns an email nobody has)."""
    attempts = SignInAttempts.objects(id=hmac.new(key.encode(), email.encode(), hashlib.sha256).hexdigest())
    held = attempts.only("throttled_until").first()
    _spend_a_verification(password)
    if held is None or held.throttled_until is None or held.throttled_until <= now:
        _count_failure(attempts, "failed_logins", "throttled_until", now, upsert=True, set__seen_at=utcnow())
    raise Unauthorized(sign_in_refused(), given=True)


def _spend_a_verification(password: str) -> None:
    """Take as long as checking a real password, so timing does not tell which accounts exist."""
    try:
        HASHER.verify(_timing_hash(HASHER), password or "")
    except VerificationError:
        pass


@cache
def _timing_hash(hasher: PasswordHasher) -> str:
    return hasher.hash(secrets.token_hex(16))


def audit(actor: tuple[str, str], action: str, user: StaffUser, now: datetime | None, changes: dict) -> None:
    """An entry in the organisation's history about this person (who did what, with values before and after)."""
    AuditEntry(at=naive_utc(now or datetime.now(UTC)), actor=actor[0], actor_name=actor[1],
               organization=user.organization, object_type="staff", object_id=user.id, object_name=user.name,
               action=action, changes=changes).save()


def actor_of(user: StaffUser | None) -> tuple[str, str]:
    """(id, name) for the audit trail: the person, or the system when nobody is signed in (the CLI)."""
    return (user.id, user.name) if user is not None else ("system", "Lantern")


def invalid_field(invalid: ValidationError) -> InvalidField:
    """A model's validation error as the form field it is about, in a sentence."""
    field, message = next(iter((invalid.errors or {"email": invalid.message}).items()))
    text = str(message)
    return InvalidField(field, text[:1].upper() + text[1:] + ("" if text.endswith(".") else "."), location="form")
