"""What every import page shares: upload limits, the clock, the upload kept for its Apply and taken back, the report.

An import page (CSV, Meeting Guide, ...) shows a dry run of an uploaded file; the file stays on the server
(api/services/pending_imports.py) under a random id for its uploader and organisation, with the options it was
planned with, so the Apply plans exactly the same edits again without trusting the browser.
"""

from collections.abc import Callable
from datetime import UTC, datetime

from flask import abort, render_template, request
from flask_login import current_user

from admin.blueprint import bp
from api.backends import backends
from api.models import Organization
from api.models.pending_import import PendingImport
from api.services import pending_imports
from api.services.editing import Actor
from api.services.import_apply import ImportFailed, ImportRefused, ImportReport
from api.services.import_plan import ImportPlan

FORM_ALLOWANCE = 64 * 1024  # the rest of the form besides the file
_UPLOAD_LIMITS: dict[str, int] = {}  # endpoint -> largest file it takes, in bytes


def limit_uploads(endpoint: str, max_bytes: int) -> None:
    """Let this endpoint take a file of up to max_bytes; every other admin form keeps Flask's default."""
    _UPLOAD_LIMITS[endpoint] = max_bytes


@bp.before_app_request
def _limit_upload():
    # App-level, so it runs before the blueprint's CSRF check reads the body: a larger upload is refused unread.
    if request.endpoint in _UPLOAD_LIMITS:
        request.max_content_length = _UPLOAD_LIMITS[request.endpoint] + FORM_ALLOWANCE


@bp.errorhandler(413)
def _too_large(error):
    limit = _UPLOAD_LIMITS.get(request.endpoint, 0) // (1024 * 1024)
    message = f"That file is larger than {limit} MB: split it into smaller files." if limit else \
        "That upload is too large."
    return render_template("admin/error.html", status=413, message=message), 413


def now() -> datetime:
    """The app's clock as naive UTC, the form stored times take."""
    moment = backends().clock()
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def keep_for_apply(kind: str, organization: Organization, plan: ImportPlan, filename: str, content: bytes,
                   at: datetime, options: dict | None = None) -> str | None:
    """Keep the upload for its Apply when there is something to apply and nothing in the way; its id, or None."""
    if plan.errors or not (plan.writes or plan.removals):
        return None
    return pending_imports.keep(kind, organization.id, current_user.id, filename, content, plan.fingerprint(),
                                plan.planned_at, at, options=options)


def take_upload(kind: str, organization: Organization, plan_id: str) -> PendingImport:
    """The signed-in person's kept upload (404 if it is not theirs, not this organisation's, or expired), forgotten
    at once: one Apply per dry run, whatever happens next."""
    upload = pending_imports.find(plan_id, kind, organization.id, current_user.id, now())
    if upload is None:
        abort(404)
    pending_imports.discard(upload.id)
    return upload


def apply_page(apply: Callable[[ImportPlan, Actor], ImportReport], plan: ImportPlan, actor: Actor, **context):
    """Apply the plan all or nothing and show what it did, or why nothing was saved (409)."""
    try:
        report = apply(plan, actor)
    except (ImportRefused, ImportFailed) as refused:
        return render_template("admin/csv_report.html", plan=plan, report=None, failure=str(refused), **context), 409
    return render_template("admin/csv_report.html", plan=plan, report=report, failure=None, **context)
