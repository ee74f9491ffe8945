"""Quick update: an organisation's listings on one phone screen, each button one audited, versioned edit."""

from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from admin.access import organization_or_404, service_or_404, staff_required
from admin.blueprint import bp
from admin.conflict import conflict_page
from api.backends import backends
from api.domain.freshness import availability
from api.i18n.text import N_
from api.i18n.text import gettext as _
from api.models import Service
from api.services import quick_update as updates
from api.services.editing import Actor, InvalidEdit, StaleEdit, save_edit

DONE = {"inc": N_("One more place free"), "dec": N_("One place fewer"), "full": N_("Marked full"),
        "waitlist_open": N_("Waitlist open"), "waitlist_closed": N_("Waitlist closed"),
        "confirm": N_("Confirmed as accurate"), "close": N_("Marked temporarily closed"), "reopen": N_("Open again"),
        "cancel": N_("Meeting cancelled")}


@bp.get("/organizations/<organization_id>/quick")
@staff_required()
def quick_update(organization_id: str):
    organization = organization_or_404(organization_id)
    services = Service.objects(organization=organization.id, status__ne="inactive").order_by("name")
    now, ttl = backends().clock(), backends().config.FRESHNESS_TTL_HOURS
    rows = [(service, availability(service.capacity, ttl[service.category], now, service.capacity_doubt))
            for service in services]
    return render_template("admin/quick.html", organization=organization, rows=rows, today=now.date())


@bp.post("/services/<service_id>/quick")
@staff_required()
def quick_action(service_id: str):
    service = service_or_404(service_id)
    action, form = request.form.get("action", ""), request.form
    try:
        change = _change(action, form)
        version = int(form.get("version", ""))
    except (KeyError, ValueError):
        flash(_("That button did not send what it should; reload the page and try again."), "error")
        return _back(service), 303
    try:
        save_edit(service.id, version, change, Actor(current_user.id, current_user.name),
                  action="confirmed" if action == "confirm" else "updated")
    except StaleEdit as conflict:
        return conflict_page(conflict, _(DONE[action]), url_for("admin.quick_action", service_id=service.id),
                             url_for("admin.quick_update", organization_id=service.organization.id))
    except InvalidEdit as invalid:
        for message in invalid.errors.values():
            flash(_("{listing}: {problem}", listing=service.name, problem=message), "error")
        return _back(service), 303
    flash(_("{listing}: {done}.", listing=service.name, done=_(DONE[action])), "success")
    return _back(service), 303


def _change(action: str, form) -> updates.Change:
    """The edit a button asks for; KeyError/ValueError when the form is not what the page sends."""
    who, now = current_user.name, backends().clock().replace(tzinfo=None)
    unit = form.get("unit", "")
    changes = {
        "inc": lambda: updates.adjust(unit, 1, who, now),
        "dec": lambda: updates.adjust(unit, -1, who, now),
        "full": lambda: updates.full(unit, who, now),
        "waitlist_open": lambda: updates.waitlist(unit, True, who, now),
        "waitlist_closed": lambda: updates.waitlist(unit, False, who, now),
        "confirm": lambda: updates.still_accurate(who, now),
        "close": lambda: updates.set_status("temporarily_closed", form.get("note")),
        "reopen": lambda: updates.set_status("active", None),
        "cancel": lambda: updates.cancel_meeting(date.fromisoformat(form["date"]), form.get("reason"),
                                                      now.date()),
    }
    return changes[action]()


def _back(service: Service):
    return redirect(url_for("admin.quick_update", organization_id=service.organization.id) + f"#s-{service.id}")
