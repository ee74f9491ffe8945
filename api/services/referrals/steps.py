"""The receiving side, and the one write every status change takes.

Each step is one conditional write on the status the person saw ("accept" when it is still waiting), with who and
when appended to the referral's steps: two receivers tapping at once make one step, and the second is told someone
moved it first. The referring worker's pages read the same record, so they see the step at once.
"""

from datetime import datetime

from api.domain.referral_status import (
    ANSWERS,
    DECLINE_REASONS,
    ENDED,
    STATUSES,
    StepRefused,
    check_receiver_step,
)
from api.errors import Conflict, NotFound
from api.i18n.text import gettext as _
from api.metrics import REFERRAL_STEPS
from api.models.fields import naive_utc
from api.models.referral import Referral, Step
from api.services.editing import Actor
from api.services.referrals import holds
from api.services.referrals.access import receives
from api.services.referrals.personal import InvalidReferral

# Leaving "accepted" this way means the client will not take the place held for them.
GIVES_BACK = ("did_not_arrive", "cancelled", "closed")


def move(referral: Referral, status: str, user, now: datetime, reason: str | None = None,
         held_unit: str | None = None) -> Referral:
    """Change the status in one write, if nobody changed it since `referral` was read; a held place is given back
    when the client will not take it."""
    stored_now = naive_utc(now)
    who, name = getattr(user, "id", "system"), getattr(user, "name", "Lantern")
    changes = {"set__status": status, "push__steps": Step(status=status, at=stored_now, by=who, by_name=name,
                                                           reason=reason),
               "set__updated_at": stored_now}
    if status in ANSWERS and referral.answered_at is None:
        changes["set__answered_at"] = stored_now
    if status in ENDED and referral.ended_at is None:
        changes["set__ended_at"] = stored_now
    if held_unit:
        changes["set__held_unit"] = held_unit
    if not Referral.objects(id=referral.id, status=referral.status).update_one(**changes):
        raise Conflict(_("Someone else changed this referral first: reload it."))
    REFERRAL_STEPS.labels(status).inc()
    if referral.status == "accepted" and status in GIVES_BACK and referral.held_unit and not referral.hold_released:
        if holds.release(referral.service, referral.held_unit, Actor(who, name), now):
            Referral.objects(id=referral.id).update_one(set__hold_released=True)
    referral.reload()
    return referral


def moved_on(referral: Referral) -> Conflict:
    """The refusal of a step that cannot follow the referral's status."""
    return Conflict(_("This referral is now “{status}”, so it cannot be changed that way: reload it.",
                      status=_(STATUSES[referral.status])))


def mark_seen(referral: Referral, user, now: datetime) -> Referral:
    """The receiving organisation opened it for the first time: sent becomes seen (anyone else's look changes
    nothing)."""
    if referral.status != "sent" or not receives(user, referral):
        return referral
    try:
        return move(referral, "seen", user, now)
    except Conflict:  # a colleague answered it in the same moment: that answer stands
        referral.reload()
        return referral


def answer(referral: Referral, step: str, user, now: datetime, hold_unit: str | None = None,
           reason: str | None = None) -> Referral:
    """A receiver's step: accept (optionally holding a free place in one of the listing's units), decline with a
    reason, waitlist, arrived, did not arrive, close."""
    if not receives(user, referral):
        raise NotFound(_("Only the receiving organisation's staff answer a referral."))
    try:
        check_receiver_step(referral.status, step)
    except StepRefused:
        raise moved_on(referral) from None
    if step == "declined" and reason not in DECLINE_REASONS:
        raise InvalidReferral({"reason": _("Choose why the referral is declined.")})
    held = None
    if step == "accepted" and hold_unit:
        holds.hold(referral.service, hold_unit, Actor(user.id, user.name), now)
        held = hold_unit
    try:
        return move(referral, step, user, now, reason=reason if step == "declined" else None, held_unit=held)
    except Conflict:
        if held:  # the referral moved under us: the place we just took is not this client's after all
            holds.release(referral.service, held, Actor(user.id, user.name), now)
        raise
