"""Staff accounts: argon2 passwords, sign-in with lockout, and one-time links for invitations and password resets."""

import hashlib
import secrets
from datetime import UTC, datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from mongoengine import NotUniqueError, ValidationError

from api.errors import Conflict, InvalidField, NotFound, Unauthorized
from api.models import Organization
from api.models.audit import AuditEntry
from api.models.staff import ROLES, Invitation, StaffUser

# argon2id with the library's current defaults (RFC 9106 low-memory); a stored hash made with other parameters is
# replaced at the next sign-in. Tests swap in cheaper parameters: the hasher is read at call time.
HASHER = PasswordHasher()
MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 12
LINK_TTL = {"invite": timedelta(days=7), "reset": timedelta(hours=2)}
# One answer for an unknown email, a wrong password, an inactive or a locked account: none of them is revealed.
SIGN_IN_REFUSED = (f"That email and password do not open an account. After {MAX_FAILED_LOGINS} wrong tries an "
                   f"account is locked for {LOCKOUT.seconds // 60} minutes.")
LINK_REFUSED = "This link does not work: it has expired or has been used already. Ask for a new one."


def hash_password(password: str) -> str:
    """An argon2id hash (with its own salt and parameters) of password."""
    return HASHER.hash(password)


def check_password_policy(password: str, email: str | None) -> None:
    """At least MIN_PASSWORD_LENGTH characters, and not the email address (length beats composition rules)."""
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise InvalidField("password", f"Use at least {MIN_PASSWORD_LENGTH} characters.", location="form")
    if email and password.strip().lower() == email.strip().lower():
        raise InvalidField("password", "Your password cannot be your email address.", location="form")


def create_user(email: str, name: str, role: str, organization: str | None = None, password: str | None = None,
                *, actor: tuple[str, str] = ("system", "Lantern"), now: datetime | None = None) -> StaffUser:
    """A staff account; without a password it stays inactive until an invitation is accepted."""
    email = (email or "").strip().lower()
    if role not in ROLES:
        raise InvalidField("role", f"Choose one of: {', '.join(ROLES)}.", location="form")
    if role == "network_admin":
        organization = None
    elif not organization or Organization.objects(id=organization).first() is None:
        raise InvalidField("organization", "Choose an existing organisation.", location="form")
    if password is not None:
        check_password_policy(password, email)
    if StaffUser.objects(email=email).first() is not None:
        raise Conflict("Someone with this email address already has an account.")
    user = StaffUser(email=email, name=(name or "").strip(), role=role, organization=organization,
                     password_hash=hash_password(password) if password is not None else None,
                     active=password is not None)
    try:
        user.save()
    except NotUniqueError:  # the same email saved by someone else since the check above
        raise Conflict("Someone with this email address already has an account.") from None
    except ValidationError as invalid:
        field, message = next(iter((invalid.errors or {"email": invalid.message}).items()))
        raise InvalidField(field, _sentence(message), location="form") from None
    _audit(actor, "created", user, now, {"email": [None, user.email], "role": [None, role]})
    return user


def authenticate(email: str, password: str, now: datetime) -> StaffUser:
    """The active account these credentials open; 5 wrong passwords in a row lock it for 15 minutes."""
    now = _naive(now)
    user = StaffUser.objects(email=(email or "").strip().lower()).first()
    if user is None or not user.active or not user.password_hash:
        _spend_a_verification(password)
        raise Unauthorized(SIGN_IN_REFUSED, given=True)
    if user.locked_until is not None and user.locked_until > now:
        _spend_a_verification(password)  # even the right password waits out the lock
        raise Unauthorized(SIGN_IN_REFUSED, given=True)
    try:
        HASHER.verify(user.password_hash, password or "")
    except (VerificationError, InvalidHashError):
        _count_failure(user, now)
        raise Unauthorized(SIGN_IN_REFUSED, given=True) from None
    updates = {"set__failed_logins": 0, "unset__locked_until": True, "set__last_login_at": now}
    if HASHER.check_needs_rehash(user.password_hash):
        updates["set__password_hash"] = hash_password(password)
    StaffUser.objects(id=user.id).update_one(**updates)
    user.reload()
    return user


def create_invitation(user: StaffUser, purpose: str, created_by: StaffUser | None, now: datetime,
                      ttl: timedelta | None = None) -> str:
    """A one-time link's token (shown once, never stored: only its sha256 is); earlier unused links stop working."""
    now = _naive(now)
    token = secrets.token_urlsafe(32)
    # Only the newest link a person was given works, so a link shown on the wrong screen can be replaced.
    Invitation.objects(user=user.id, used_at=None).update(set__used_at=now)
    Invitation(id=_digest(token), purpose=purpose, user=user.id, created_by=getattr(created_by, "id", None),
               created_at=now, expires_at=now + (ttl or LINK_TTL[purpose])).save(force_insert=True)
    _audit(_actor(created_by), "invited" if purpose == "invite" else "reset_link_created", user, now, {})
    return token


def find_invitation(token: str, purpose: str, now: datetime) -> tuple[Invitation, StaffUser]:
    """The unused, unexpired link of this purpose and its person, or NotFound (never saying which check failed)."""
    invitation = Invitation.objects(id=_digest(token or "")).first()
    if invitation is None or invitation.purpose != purpose or invitation.used_at is not None \
            or invitation.expires_at <= _naive(now):
        raise NotFound(LINK_REFUSED)
    user = StaffUser.objects(id=invitation.user).first()
    if user is None:
        raise NotFound(LINK_REFUSED)
    return invitation, user


def redeem(token: str, new_password: str, now: datetime, purpose: str = "invite") -> StaffUser:
    """Use a link once: set the password, activate the account, clear any lockout and end every other session."""
    now = _naive(now)
    invitation, user = find_invitation(token, purpose, now)
    check_password_policy(new_password, user.email)
    was_active = user.active
    # Claimed atomically, so two people submitting the same link at once cannot both use it.
    if not Invitation.objects(id=invitation.id, used_at=None).update_one(set__used_at=now):
        raise NotFound(LINK_REFUSED)
    StaffUser.objects(id=user.id).update_one(set__password_hash=hash_password(new_password), set__active=True,
                                             set__failed_logins=0, unset__locked_until=True,
                                             inc__session_version=1)
    user.reload()
    _audit((user.id, user.name), "password_set", user, now, {"active": [was_active, True]} if not was_active else {})
    return user


def deactivate(user: StaffUser, by: StaffUser, now: datetime) -> StaffUser:
    """Switch an account off: its sessions end at their next request and its outstanding links stop working."""
    now = _naive(now)
    if user.id == by.id:
        raise Conflict("You cannot deactivate your own account.")
    StaffUser.objects(id=user.id).update_one(set__active=False, inc__session_version=1)
    Invitation.objects(user=user.id, used_at=None).update(set__used_at=now)
    user.reload()
    _audit(_actor(by), "deactivated", user, now, {"active": [True, False]})
    return user


def _count_failure(user: StaffUser, now: datetime) -> None:
    """One more wrong password; an expired lock starts the count again. Atomic, so parallel guesses all count."""
    if user.locked_until is not None:
        StaffUser.objects(id=user.id, locked_until=user.locked_until).update_one(set__failed_logins=0,
                                                                                 unset__locked_until=True)
    counted = StaffUser.objects(id=user.id).modify(inc__failed_logins=1, new=True)
    if counted is not None and counted.failed_logins >= MAX_FAILED_LOGINS:
        StaffUser.objects(id=user.id).update_one(set__locked_until=now + LOCKOUT)


def _spend_a_verification(password: str) -> None:
    """Take as long as checking a real password, so timing does not tell which accounts exist."""
    try:
        HASHER.verify(_timing_hash(HASHER), password or "")
    except VerificationError:
        pass


@cache
def _timing_hash(hasher: PasswordHasher) -> str:
    return hasher.hash(secrets.token_hex(16))


def _audit(actor: tuple[str, str], action: str, user: StaffUser, now: datetime | None, changes: dict) -> None:
    AuditEntry(at=_naive(now or datetime.now(UTC)), actor=actor[0], actor_name=actor[1],
               organization=user.organization, object_type="staff", object_id=user.id, object_name=user.name,
               action=action, changes=changes).save()


def _actor(user: StaffUser | None) -> tuple[str, str]:
    return (user.id, user.name) if user is not None else ("system", "Lantern")


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _naive(moment: datetime) -> datetime:
    """Naive UTC, the form MongoDB stores and returns datetimes in."""
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def _sentence(message) -> str:
    text = str(message)
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")
