"""CSV import: upload a spreadsheet of listings, see the dry run (errors per row, or what would change), apply it.

The uploaded file stays on the server (api/services/pending_imports.py) under a random id for its uploader and
organisation; Apply plans it again from there, over the listings as they are now, and refuses if that plan differs
from the dry run the person saw. Organisation admins and network admins import; editors do not (404).
"""

from datetime import UTC, datetime

from flask import abort, render_template, request
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired

from admin.access import organization_or_404, staff_required
from admin.blueprint import bp
from api.backends import backends
from api.models import Organization
from api.services import csv_import as listings_csv
from api.services import pending_imports
from api.services.editing import Actor
from api.services.import_apply import ImportFailed, ImportRefused
from api.services.import_plan import ImportPlan

IMPORTERS = ("network_admin", "org_admin")
KIND = "csv"
# The file plus the rest of the form; set per request so no other admin form accepts a body this large.
UPLOAD_LIMIT = listings_csv.MAX_BYTES + 64 * 1024


class UploadForm(FlaskForm):
    file = FileField("CSV file", validators=[FileRequired("Choose a CSV file.")])


@bp.before_app_request
def _limit_upload():
    # App-level, so it runs before the blueprint's CSRF check reads the body: a larger upload is refused unread.
    if request.endpoint == "admin.csv_import":
        request.max_content_length = UPLOAD_LIMIT


@bp.errorhandler(413)
def _too_large(error):
    message = f"That file is larger than {listings_csv.MAX_BYTES // (1024 * 1024)} MB: split it into smaller files."
    return render_template("admin/error.html", status=413, message=message), 413


@bp.route("/organizations/<organization_id>/import", methods=["GET", "POST"])
@staff_required(*IMPORTERS)
def csv_import(organization_id: str):
    """The upload form; posted, the dry run: per-row errors, or the changes with an Apply button."""
    organization = organization_or_404(organization_id)
    form = UploadForm()
    if request.method == "GET":
        return _page(organization, form)
    if not form.validate_on_submit():
        return _page(organization, form, status=422)
    upload = form.file.data
    content = upload.read(listings_csv.MAX_BYTES + 1)
    try:
        rows = listings_csv.read_csv(content)
    except listings_csv.CsvFileError as error:
        form.file.errors = [str(error)]
        return _page(organization, form, status=422)
    now = _now()
    plan = listings_csv.plan(organization, rows, now=now, who=_who())
    return _dry_run(organization, plan, upload.filename, content, now)


@bp.post("/organizations/<organization_id>/import/<plan_id>/apply")
@staff_required(*IMPORTERS)
def csv_apply(organization_id: str, plan_id: str):
    """Apply the dry run the person saw, all or nothing; if anything changed since, show the new dry run instead."""
    organization = organization_or_404(organization_id)
    upload = pending_imports.find(plan_id, KIND, organization.id, current_user.id, _now())
    if upload is None:
        abort(404)
    pending_imports.discard(upload.id)  # one Apply per dry run, whatever happens next
    try:
        rows = listings_csv.read_csv(upload.content)
    except listings_csv.CsvFileError:  # it was read for the dry run; only a change of the format's limits gets here
        abort(409)
    plan = listings_csv.plan(organization, rows, now=upload.planned_at, who=_who())
    if plan.fingerprint() != upload.fingerprint:
        return _dry_run(organization, plan, upload.filename, upload.content, _now(), changed=True)
    try:
        report = listings_csv.apply(plan, Actor(current_user.id, _who()))
    except (ImportRefused, ImportFailed) as refused:
        return render_template("admin/csv_report.html", organization=organization, plan=plan, report=None,
                               failure=str(refused), filename=upload.filename), 409
    return render_template("admin/csv_report.html", organization=organization, plan=plan, report=report,
                           failure=None, filename=upload.filename)


def _dry_run(organization: Organization, plan: ImportPlan, filename: str, content: bytes, now: datetime,
             changed: bool = False):
    """Show the plan; keep the file for its Apply when there is something to apply and nothing in the way."""
    plan_id = None
    if not plan.errors and plan.writes:
        plan_id = pending_imports.keep(KIND, organization.id, current_user.id, filename, content, plan.fingerprint(),
                                       plan.planned_at, now)
    status = 409 if changed else 200  # a dry run that found errors did its job: its report is the answer
    return _page(organization, UploadForm(formdata=None), plan=plan, plan_id=plan_id, filename=filename,
                 changed=changed, status=status)


def _page(organization: Organization, form: UploadForm, status: int = 200, **dry_run):
    limits = (listings_csv.MAX_BYTES // (1024 * 1024), listings_csv.MAX_ROWS)
    return render_template("admin/csv_import.html", organization=organization, form=form,
                           columns=listings_csv.COLUMNS, limits=limits, **dry_run), status


def _who() -> str:
    return f"CSV import by {current_user.name}"


def _now() -> datetime:
    """The app's clock as naive UTC, the form stored times take."""
    now = backends().clock()
    return now.astimezone(UTC).replace(tzinfo=None) if now.tzinfo else now
