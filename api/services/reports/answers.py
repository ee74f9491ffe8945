"""A partner's answer to a report: accept (the edit goes through the one editing path), reject with a reason, or
"already fixed". Each answer closes the report, records who answered and when, and tells the devices that asked.
"""

from datetime import datetime

from api.errors import Conflict, InvalidField, NotFound
from api.i18n.text import gettext as _
from api.models.fields import naive_utc
from api.models.report import Report
from api.services.editing import Actor, save_edit
from api.services.reports import changes, outcome

# How the audit trail words an accepted report's edit: "Rosa updated (from a public report) Maple House".
PROVENANCE = "updated (from a public report)"


def open_report(report_id: str) -> Report:
    """A report still waiting for an answer; one answered already is a conflict (someone else answered it)."""
    report = Report.objects(id=report_id).first()
    if report is None:
        raise NotFound(_("No report with id {id}.", id=repr(report_id[:100])))
    if report.state != "open":
        raise Conflict(_("This report was already answered by {who}.", who=report.answered_by))
    return report


def accept(report: Report, expected_version: int, actor: Actor, now: datetime) -> None:
    """Apply the suggested change over the version the partner saw (StaleEdit if it moved), then close the report."""
    change = changes.proposed(report, actor.name, naive_utc(now))
    if change is None:
        raise InvalidField("action", _("This report suggests nothing to apply: edit the listing, then mark it fixed."))
    save_edit(report.service, expected_version, change, actor, action=PROVENANCE)
    _close(report, "accepted", actor, now)


def reject(report: Report, reason: str, actor: Actor, now: datetime) -> None:
    """Keep the listing as it is; the reason stays with the report, for the partner's own record."""
    reason = (reason or "").strip()
    if not reason:
        raise InvalidField("reason", _("Say why, for your colleagues: the person who reported is not shown it."))
    _close(report, "rejected", actor, now, reason=reason[:500])


def already_fixed(report: Report, actor: Actor, now: datetime) -> None:
    """The listing already says what the report asked for."""
    _close(report, "fixed", actor, now)


def _close(report: Report, state: str, actor: Actor, now: datetime, reason: str | None = None) -> None:
    # Conditional on the report still being open: two staff answering at once, only the first answer counts.
    closed = Report.objects(id=report.id, state="open").update_one(
        set__state=state, set__answered_at=naive_utc(now), set__answered_by=actor.name, set__reason=reason)
    if not closed:
        raise Conflict(_("This report was answered by someone else meanwhile."))
    report.reload()
    outcome.tell(report, now)
