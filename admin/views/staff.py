"""Staff management: who works here, invitations and reset links (shown on screen, no email server), deactivation.

Network admins manage everyone; organisation admins their own organisation's staff; editors none of it (404).
Someone invited is listed (by the id their account will have) until they use the link.
"""

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from admin.access import can_see_organization, staff_required, visible_organizations
from admin.blueprint import bp
from admin.forms import ROLE_LABELS, invite_form, show_domain_error
from api.backends import backends
from api.errors import Conflict, InvalidField
from api.i18n.text import gettext as _
from api.models.staff import Invitation, StaffUser
from api.services import accounts, invitations

MANAGERS = ("network_admin", "org_admin")


@bp.get("/staff")
@staff_required(*MANAGERS)
def staff():
    """The people this admin manages, each with a link and a deactivate button, and the invitation form."""
    organizations = list(visible_organizations())
    return _staff_page(invite_form(current_user, organizations), organizations)


@bp.post("/staff/invite")
@staff_required(*MANAGERS)
def invite():
    """Create an inactive account and show its one-time invitation link on screen."""
    organizations = list(visible_organizations())
    form = invite_form(current_user, organizations)  # offers only what this person may grant
    if not form.validate_on_submit():
        return _staff_page(form, organizations, status=422)
    try:
        # The same page whether or not the address has an account elsewhere (api/services/invitations.py).
        token = invitations.invite(form.email.data, form.name.data, form.role.data, form.organization.data or None,
                                   current_user.user, backends().clock())
    except (InvalidField, Conflict) as refused:
        show_domain_error(form, refused, default_field="email")
        return _staff_page(form, organizations, status=422)
    return _one_time_link(token, "invite")


@bp.post("/staff/<user_id>/reset")
@staff_required(*MANAGERS)
def reset_link(user_id: str):
    """Show a new one-time link for someone this admin manages: a password reset, or a new invitation."""
    if StaffUser.objects(id=user_id).first() is None:  # invited, with no account yet
        invited = invitation_or_404(user_id)
        return _one_time_link(invitations.renew(invited, current_user.user, backends().clock()), "invite")
    person = staff_member_or_404(user_id)
    return _one_time_link(invitations.reset_link(person, current_user.user, backends().clock()), "reset")


@bp.post("/staff/<user_id>/deactivate")
@staff_required(*MANAGERS)
def deactivate_staff(user_id: str):
    """Stop someone signing in (never yourself)."""
    person = staff_member_or_404(user_id)
    try:
        accounts.deactivate(person, current_user.user, backends().clock())
    except Conflict as refused:
        flash(str(refused), "error")
    else:
        flash(_("{name} can no longer sign in.", name=person.name), "success")
    return redirect(url_for("admin.staff"), 303)


def staff_member_or_404(user_id: str) -> StaffUser:
    """A person this admin manages; anyone else (another organisation, a network admin for an org admin) is 404."""
    person = StaffUser.objects(id=user_id).first()
    if person is None or not can_see_organization(current_user, person.organization):
        abort(404)
    return person


def invitation_or_404(person_id: str) -> Invitation:
    """The pending invitation of someone this admin may invite (their organisation's, or any for a network admin)."""
    found = invitations.pending(person_id)
    if not found or not can_see_organization(current_user, found[0].organization):
        abort(404)
    return found[0]


def _one_time_link(token: str, purpose: str):
    invitation, person = invitations.find_invitation(token, purpose, backends().clock())
    endpoint = "admin.accept_invitation" if purpose == "invite" else "admin.reset_password"
    # Rendered, not redirected: the token must never travel through a flash message in the session cookie.
    return render_template("admin/link.html", person=person, purpose=purpose, expires_at=invitation.expires_at,
                           link=url_for(endpoint, token=token, _external=True))


def _staff_page(form, organizations, status: int = 200):
    people = StaffUser.objects.order_by("name")
    if current_user.role != "network_admin":
        people = people.filter(organization=current_user.organization)
    # Someone invited shows as an account not yet active, whether or not their address has one elsewhere.
    organization = None if current_user.role == "network_admin" else current_user.organization
    invited = [invitations.offered(invitation) for invitation in invitations.pending(organization=organization)]
    people = sorted([*people, *invited], key=lambda person: (person.name or "").lower())
    return render_template("admin/staff.html", people=people, form=form, roles=ROLE_LABELS,
                           organizations={organization.id: organization.name for organization in organizations},
                           show_organization=current_user.role == "network_admin"), status
