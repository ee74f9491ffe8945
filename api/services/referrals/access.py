"""Who may see a referral, act on it, and read its client's details.

A referral is visible to the two organisations it joins and to network admins; its personal fields only to the
staff involved: the worker who sent it and the receiving organisation's staff, who must reach the client. A network
admin, or a colleague of the sender, sees its status and never the client. Everyone else is told it does not exist.
"""

from datetime import datetime

from mongoengine import Q

from api.errors import InvalidField, NotFound
from api.i18n.text import gettext as _
from api.models.referral import Referral
from api.models.staff import StaffUser
from api.services import accounts


def visible(user, referral: Referral) -> bool:
    """The two organisations and network admins."""
    return user.role == "network_admin" or (user.organization is not None and
                                            user.organization in (referral.sending_org, referral.receiving_org))


def involved(user, referral: Referral) -> bool:
    """May read the client's details: the referring worker, and the receiving organisation's staff."""
    return user.id == referral.sender or (user.organization is not None and user.organization == referral.receiving_org)


def receives(user, referral: Referral) -> bool:
    """May answer it: the receiving organisation's staff."""
    return user.organization is not None and user.organization == referral.receiving_org


def sends(user, referral: Referral) -> bool:
    """May cancel it: the worker who sent it, or an admin of their organisation."""
    return user.id == referral.sender or (user.role == "org_admin" and user.organization == referral.sending_org)


def may_refer(user) -> bool:
    """Holds the referring permission and works for an organisation (a referral comes from one)."""
    return bool(getattr(user, "can_refer", False) and user.organization and user.active)


def scope(user):
    """The referrals this person may see, as a query."""
    if user.role == "network_admin":
        return Referral.objects
    return Referral.objects(Q(sending_org=user.organization) | Q(receiving_org=user.organization))


def referral_for(user, referral_id: str) -> Referral:
    """The referral with this id if the person may see it; NotFound otherwise, whether or not it exists."""
    referral = Referral.objects(id=referral_id).first()
    if referral is None or not visible(user, referral):
        raise NotFound(_("No referral with id {id}.", id=repr(referral_id[:100])))
    return referral


def by_code(user, code: str) -> Referral | None:
    """The referral a client's hand-off code names, among those this person may see ("I was sent by ...")."""
    wanted = normalise_code(code)
    return scope(user).filter(code=wanted).first() if wanted else None


def normalise_code(code: str) -> str:
    """K7Q-H3M, k7qh3m and "K7Q H3M" are one code."""
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())[:8]


def grant(person: StaffUser, allowed: bool, by, now: datetime) -> StaffUser:
    """Give or take the referring permission (whoever manages the person decides), recorded in their history."""
    if allowed and not person.organization:
        raise InvalidField("can_refer", _("Network admins belong to no organisation, so they cannot send referrals."),
                           location="form")
    before, person.can_refer = bool(person.can_refer), allowed
    person.save()
    if before != allowed:
        accounts.audit(accounts.actor_of(by), "updated", person, now, {"can_refer": [before, allowed]})
    return person
