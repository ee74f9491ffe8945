"""CSV import: upload a spreadsheet of listings, see the dry run (errors per row, or what would change), apply it.

The upload and Apply flow is admin/import_flow.py's: Apply plans the kept file again, over the listings as they
are now, and refuses if that plan differs from the dry run the person saw. Organisation admins and network admins
import; editors do not (404).
"""

from datetime import datetime

from flask import abort, render_template, request
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired

from admin import import_flow
from admin.access import organization_or_404, staff_required
from admin.blueprint import bp
from api.models import Organization
from api.services import csv_import as listings_csv
from api.services.editing import Actor
from api.services.import_plan import ImportPlan

IMPORTERS = ("network_admin", "org_admin")
KIND = "csv"
import_flow.limit_uploads("admin.csv_import", listings_csv.MAX_BYTES)


class UploadForm(FlaskForm):
    file = FileField("CSV file", validators=[FileRequired("Choose a CSV file.")])


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
    now = import_flow.now()
    plan = listings_csv.plan(organization, rows, now=now, who=_who())
    return _dry_run(organization, plan, upload.filename, content, now)


@bp.post("/organizations/<organization_id>/import/<plan_id>/apply")
@staff_required(*IMPORTERS)
def csv_apply(organization_id: str, plan_id: str):
    """Apply the dry run the person saw, all or nothing; if anything changed since, show the new dry run instead."""
    organization = organization_or_404(organization_id)
    upload = import_flow.take_upload(KIND, organization, plan_id)
    try:
        rows = listings_csv.read_csv(upload.content)
    except listings_csv.CsvFileError:  # it was read for the dry run; only a change of the format's limits gets here
        abort(409)
    plan = listings_csv.plan(organization, rows, now=upload.planned_at, who=_who())
    if plan.fingerprint() != upload.fingerprint:
        return _dry_run(organization, plan, upload.filename, upload.content, import_flow.now(), changed=True)
    return import_flow.apply_page(listings_csv.apply, plan, Actor(current_user.id, _who()),
                                  organization=organization, filename=upload.filename)


def _dry_run(organization: Organization, plan: ImportPlan, filename: str, content: bytes, now: datetime,
             changed: bool = False):
    """Show the plan; keep the file for its Apply when there is something to apply and nothing in the way."""
    plan_id = import_flow.keep_for_apply(KIND, organization, plan, filename, content, now)
    status = 409 if changed else 200  # a dry run that found errors did its job: its report is the answer
    return _page(organization, UploadForm(formdata=None), plan=plan, plan_id=plan_id, filename=filename,
                 changed=changed, status=status)


def _page(organization: Organization, form: UploadForm, status: int = 200, **dry_run):
    limits = (listings_csv.MAX_BYTES // (1024 * 1024), listings_csv.MAX_ROWS)
    return render_template("admin/csv_import.html", organization=organization, form=form,
                           columns=listings_csv.COLUMNS, limits=limits, **dry_run), status


def _who() -> str:
    return f"CSV import by {current_user.name}"
