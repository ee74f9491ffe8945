"""One-time links: invitations that offer an account, and password resets. Only a token's sha256 is kept.

An invitation answers the same whatever the address. When it already has an account the inviter cannot see (on
another organisation's staff), the invitation is made and listed like any other and its link simply does not work
(an email is one account), so inviting never tells an organisation who works for another. The account itself is
made when the link is used.
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from mongoengine import ValidationError

from api.errors import Conflict, NotFound
from api.i18n.text import N_
from api.i18n.text import gettext as _
from api.models.fields import naive_utc, new_id
from api.models.staff import Invitation, StaffUser
from api.services import accounts

LINK_TTL = {"invite": timedelta(days=7), "reset": timedelta(hours=2)}
LINK_REFUSED = N_("This link does not work: it has expired or has been used already. Ask for a new one.")
ON_STAFF = N_("Someone with this email address already has an account: find them in the staff list.")


def invite(email: str, name: str, role: str, organization: str | None, by: StaffUser | None,
           now: datetime) -> str:
    """A link offering an account (its token, shown once); earlier links for the same person stop working.

    Conflict only when the address is on staff that `by` manages, and can see in the staff list anyway.
    """
    email = accounts.normal_email(email)
    organization = accounts.checked_organization(role, organization)
    existing = StaffUser.objects(email=email).first()
    if existing is not None and _manages(by, existing):
        raise Conflict(_(ON_STAFF))
    earlier = Invitation.objects(purpose="invite", email=email, organization=organization, used_at=None).first()
    return _issue(Invitation(purpose="invite", user=earlier.user if earlier else new_id(), email=email,
                             name=(name or "").strip(), role=role, organization=organization), by, now)


def renew(invitation: Invitation, by: StaffUser | None, now: datetime) -> str:
    """A new link for someone invited (the same details); the one given before stops working."""
    return _issue(Invitation(purpose="invite", user=invitation.user, email=invitation.email, name=invitation.name,
                             role=invitation.role, organization=invitation.organization), by, now)


def reset_link(user: StaffUser, by: StaffUser | None, now: datetime) -> str:
    """A password reset link for an account; the one given before stops working."""
    return _issue(Invitation(purpose="reset", user=user.id), by, now)


def pending(person_id: str | None = None, organization: str | None = None) -> list[Invitation]:
    """Invitations not used yet, the newest per person (expired ones too, so they can be renewed); of one person
    or one organisation when asked."""
    found = Invitation.objects(purpose="invite", used_at=None, email__ne=None).order_by("-created_at")
    if person_id is not None:
        found = found.filter(user=person_id)
    if organization is not None:
        found = found.filter(organization=organization)
    newest = {}
    for invitation in found:
        newest.setdefault(invitation.user, invitation)
    return list(newest.values())


def find_invitation(token: str, purpose: str, now: datetime) -> tuple[Invitation, StaffUser]:
    """The unused, unexpired link of this purpose and its person (for an invitation, the account it offers,
    not saved yet), or NotFound, never saying which check failed."""
    invitation = Invitation.objects(id=_digest(token or "")).first()
    if invitation is None or invitation.purpose != purpose or invitation.used_at is not None \
            or invitation.expires_at <= naive_utc(now):
        raise NotFound(_(LINK_REFUSED))
    person = offered(invitation) if purpose == "invite" else StaffUser.objects(id=invitation.user).first()
    if person is None:
        raise NotFound(_(LINK_REFUSED))
    return invitation, person


def redeem(token: str, new_password: str, now: datetime, purpose: str = "invite") -> StaffUser:
    """Use a link once: the invited account is made, or the reset account gets its new password (ending every
    session of it). An address that has an account already makes the link refused like a used one."""
    now = naive_utc(now)
    invitation, person = find_invitation(token, purpose, now)
    accounts.check_password_policy(new_password, person.email)
    # Claimed atomically, so two people submitting the same link at once cannot both use it.
    if not Invitation.objects(id=invitation.id, used_at=None).update_one(set__used_at=now):
        raise NotFound(_(LINK_REFUSED))
    if purpose == "reset":
        return accounts.set_password(person, new_password, now)
    person.password_hash, person.active = accounts.hash_password(new_password), True
    try:
        accounts.save_new(person, (person.id, person.name), now)
    except Conflict:
        raise NotFound(_(LINK_REFUSED)) from None
    accounts.audit((person.id, person.name), "password_set", person, now, {})
    return person


def offered(invitation: Invitation) -> StaffUser:
    """The account an invitation offers, as it will be saved (not saved: inactive, without a password)."""
    return StaffUser(id=invitation.user, email=invitation.email, name=invitation.name, role=invitation.role,
                     organization=invitation.organization, active=False)


def _issue(invitation: Invitation, by: StaffUser | None, now: datetime) -> str:
    now = naive_utc(now)
    token = secrets.token_urlsafe(32)
    invitation.id, invitation.created_by = _digest(token), getattr(by, "id", None)
    invitation.created_at, invitation.expires_at = now, now + LINK_TTL[invitation.purpose]
    try:
        invitation.validate()
    except ValidationError as invalid:
        raise accounts.invalid_field(invalid) from None
    # Only the newest link a person was given works, so a link shown on the wrong screen can be replaced.
    Invitation.objects(user=invitation.user, used_at=None).update(set__used_at=now)
    invitation.save(force_insert=True)
    person = offered(invitation) if invitation.purpose == "invite" else StaffUser.objects.get(id=invitation.user)
    accounts.audit(accounts.actor_of(by), "invited" if invitation.purpose == "invite" else "reset_link_created",
                   person, now, {})
    return token


def _manages(by: StaffUser | None, person: StaffUser) -> bool:
    """Whether `by` sees person in the staff list: the command line and network admins see everyone."""
    return by is None or by.role == "network_admin" or person.organization == by.organization


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
