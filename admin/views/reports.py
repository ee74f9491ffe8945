"""Reports from the public: each organisation's queue (the suggested change as before/after against the listing),
answered in one tap; network admins also see the reports partners left unanswered too long."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from admin.access import can_see_organization, organization_or_404, staff_required, visible_organizations
from admin.blueprint import bp
from admin.conflict import conflict_page
from api.backends import backends
from api.errors import Conflict, InvalidField, NotFound
from api.i18n.text import N_
from api.i18n.text import gettext as _
from api.i18n.text import number as figure  # (a number in the current language)
from api.models.fields import naive_utc
from api.models.report import Report
from api.services.editing import Actor, InvalidEdit, StaleEdit
from api.services.reports import answers, changes, queue

# A report's kind as the partner reads it.
KIND_LABELS = {"closed": N_("Closed"), "moved": N_("Moved"), "wrong_hours": N_("Wrong hours"),
               "full": N_("Full when shown open"), "phone_wrong": N_("Phone number wrong"),
               "meeting_not_held": N_("Meeting not held"), "other": N_("Something else")}
DONE = {"accept": N_("Report accepted: the listing is updated."), "fixed": N_("Marked as already fixed."),
        "reject": N_("Report rejected.")}


@bp.get("/organizations/<organization_id>/reports")
@staff_required()
def organization_reports(organization_id: str):
    organization = organization_or_404(organization_id)
    return _page(organization.name, queue.waiting([organization.id]), back=organization.id)


@bp.get("/reports")
@staff_required()
def reports():
    """Network admins: every report waiting past the deadline; partners: every report of their organisations."""
    if current_user.role == "network_admin":
        days = backends().config.REPORT_OVERDUE_DAYS
        title = _("Unanswered for more than {days} days", days=figure(days))
        return _page(title, queue.overdue(backends().clock(), days))
    return _page(_("Your listings"), queue.waiting([organization.id for organization in visible_organizations()]))


@bp.post("/reports/<report_id>/answer")
@staff_required()
def answer_report(report_id: str):
    report = Report.objects(id=report_id).first()
    if report is None or not can_see_organization(current_user, report.organization):
        abort(404)
    action, form = request.form.get("action", ""), request.form
    actor, now = Actor(current_user.id, current_user.name), backends().clock()
    back = _back(report)
    try:
        report = answers.open_report(report.id)
        if action == "accept":
            answers.accept(report, int(form.get("version", "")), actor, now)
        elif action == "reject":
            answers.reject(report, form.get("reason", ""), actor, now)
        elif action == "fixed":
            answers.already_fixed(report, actor, now)
        else:
            abort(400)
    except ValueError:
        abort(400)
    except StaleEdit as conflict:
        return conflict_page(conflict, _("accepting a public report"), url_for("admin.answer_report",
                                                                               report_id=report.id), back)
    except (InvalidEdit, InvalidField, Conflict, NotFound) as refused:
        flash(_message(refused), "error")
        return redirect(back, 303)
    flash(_(DONE[action]), "success")
    return redirect(back, 303)


def _page(title: str, waiting: list, back: str | None = None):
    now = backends().clock()
    who, stamp = current_user.name, naive_utc(now)
    cards = [(item, changes.preview(item.report, item.service, who, stamp)) for item in waiting]
    return render_template("admin/reports.html", title=title, cards=cards, kinds=KIND_LABELS,
                           organization_id=back)


def _back(report: Report) -> str:
    return url_for("admin.organization_reports", organization_id=report.organization) + f"#r-{report.id}"


def _message(refused: Exception) -> str:
    errors = getattr(refused, "errors", None)
    if isinstance(errors, dict) and errors:
        # InvalidField nests {"json": {field: [message]}}; InvalidEdit is {field: message}.
        flat = [message for value in errors.values()
                for message in (value.values() if isinstance(value, dict) else [value])]
        return " ".join(str(message[0] if isinstance(message, list) else message) for message in flat)
    return str(refused)
