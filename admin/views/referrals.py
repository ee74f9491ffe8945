"""Referrals in the admin area: the lists (inbox, sent, the network's), one referral with its one-tap steps, the
client's hand-off card, and turning push alerts off.

The client's details are on no page until someone involved asks for them (?details=1), and each time they are shown
it is recorded (api/services/referrals/personal.py): a phone held up in a waiting room shows a code, not a name.
"""

from flask import flash, redirect, request, url_for
from flask_login import current_user

from admin.access import staff_required
from admin.blueprint import bp
from admin.referral_pages import listing_url, now, referral_or_404, render
from admin.views.staff import staff_member_or_404
from api.backends import backends
from api.domain.referral_status import CANCELLABLE, RECEIVER_STEPS, STATUSES
from api.errors import LanternError
from api.i18n.text import N_
from api.i18n.text import gettext as _
from api.models import Organization, Service
from api.models.referral import ReferralView
from api.services.editing import InvalidEdit
from api.services.referrals import access, alerts, finder, queues, sending, steps
from api.services.referrals.personal import SignInAgain, Unreadable, reveal

STEP_DONE = {"accepted": N_("Accepted."), "declined": N_("Declined."), "waitlisted": N_("On the waitlist."),
             "arrived": N_("Marked arrived."), "did_not_arrive": N_("Marked did not arrive."), "closed": N_("Closed.")}


@bp.context_processor
def _navigation():
    # The admin bar's link and the staff page's button, in the reader's language (those pages render outside
    # these views).
    return {"referrals_label": _("Referrals"),
            "referring_labels": {False: _("Let them send referrals"), True: _("Stop them sending referrals")}}


@bp.get("/referrals")
@staff_required()
def referrals():
    """The inbox of the person's organisation, what they sent, and (network admins) the network's."""
    moment, user = now(), current_user
    inbox = queues.inbox(user.organization, moment) if user.organization else []
    sent = queues.sent(user, moment) if user.organization else []
    network = queues.network(moment) if user.role == "network_admin" else []
    found = access.by_code(user, request.args.get("code", "")) if request.args.get("code") else None
    return render("admin/referrals.html", inbox=inbox, sent=sent, network=network, looked_up=request.args.get("code"),
                  found=found, can_refer=access.may_refer(user), alert_phones=alerts.registered(user),
                  organizations=_names({r.receiving_org for r in [*sent, *network]} |
                                       {r.sending_org for r in [*inbox, *network]}))


@bp.get("/referrals/<referral_id>")
@staff_required()
def referral(referral_id: str):
    """One referral: where it stands, who did what when, and the steps this person may take now."""
    found = steps.mark_seen(referral_or_404(referral_id), current_user, now())
    details, shown = None, request.args.get("details") == "1" and access.involved(current_user, found)
    if shown:
        try:
            details = reveal(found, current_user, backends().seal, "page", now())
        except (Unreadable, SignInAgain) as refused:
            flash(str(refused), "error")
    service = Service.objects(id=found.service).first()
    return render("admin/referral.html", referral=found, details=details, shown=shown, service=service,
                  involved=access.involved(current_user, found), receives=access.receives(current_user, found),
                  sends=access.sends(current_user, found), next_steps=RECEIVER_STEPS.get(found.status, ()),
                  cancellable=found.status in CANCELLABLE,
                  views=ReferralView.objects(referral=found.id).count() if access.involved(current_user, found)
                  else None,
                  organizations=_names({found.sending_org, found.receiving_org}))


@bp.post("/referrals/<referral_id>/step")
@staff_required()
def referral_step(referral_id: str):
    """A receiver's one tap: accept (holding a place when asked), decline with a reason, waitlist, arrived, ..."""
    found = referral_or_404(referral_id)
    step = request.form.get("step", "")
    if step not in STATUSES:
        flash(_("That button did not send what it should; reload the page and try again."), "error")
        return _back(found), 303
    try:
        steps.answer(found, step, current_user, now(), hold_unit=request.form.get("hold_unit") or None,
                     reason=request.form.get("reason") or None)
    except InvalidEdit as refused:
        for message in refused.errors.values():
            flash(message, "error")
    except LanternError as refused:
        flash(str(refused), "error")
    else:
        flash(_(STEP_DONE[step]), "success")
    return _back(found), 303


@bp.post("/referrals/<referral_id>/cancel")
@staff_required()
def cancel_referral(referral_id: str):
    """The sender withdraws the referral (a place held for the client goes back)."""
    return _senders_step(referral_id, sending.cancel, _("Cancelled. The service has been told."))


@bp.post("/referrals/<referral_id>/revoke")
@staff_required()
def revoke_referral_consent(referral_id: str):
    """The client withdrew consent: the referral closes and their details are erased now."""
    return _senders_step(referral_id, sending.revoke_consent,
                         _("Consent revoked: the referral is closed and the client's details are erased."))


def _senders_step(referral_id: str, step, done: str):
    """Take a step only the sending side takes; say how it went and go back to the referral."""
    found = referral_or_404(referral_id)
    try:
        step(found, current_user, now())
    except LanternError as refused:
        flash(str(refused), "error")
    else:
        flash(done, "success")
    return _back(found), 303


@bp.get("/referrals/<referral_id>/card")
@staff_required()
def referral_card(referral_id: str):
    """The client's hand-off card: the code and how to reach the service. Nothing about the client."""
    found = referral_or_404(referral_id)
    entries = finder.sheet(backends().reader, [found.service], now(), listing_url)
    return render("admin/referral_card.html", referral=found, entry=entries[0] if entries else None)


@bp.post("/staff/<user_id>/referring")
@staff_required("network_admin", "org_admin")
def staff_referring(user_id: str):
    """Give or take someone's permission to send referrals (from the staff page)."""
    person = staff_member_or_404(user_id)
    allowed = request.form.get("can_refer") == "1"
    try:
        access.grant(person, allowed, current_user.user, now())
    except LanternError as refused:
        flash(str(refused), "error")
    else:
        flash(_("{name} can send referrals now.", name=person.name) if allowed else
              _("{name} can no longer send referrals.", name=person.name), "success")
    return redirect(url_for("admin.staff") + f"#staff-{person.id}", 303)


@bp.post("/referrals/alerts/off")
@staff_required()
def referral_alerts_off():
    """Stop push alerts of new referrals on every phone this person registered."""
    alerts.unregister(current_user)
    flash(_("Referral alerts are off on all your phones."), "success")
    return redirect(url_for("admin.referrals"), 303)


def _back(found):
    return redirect(url_for("admin.referral", referral_id=found.id))


def _names(organization_ids: set[str]) -> dict[str, str]:
    return {organization.id: organization.name
            for organization in Organization.objects(id__in=list(organization_ids)).only("name")}
