"""HSDS import: upload an HSDS file (JSON, ndjson, or the CSV datapackage as a .zip), see the dry run, apply it.

The same flow as the CSV import (admin/views/csv_import.py): the upload stays on the server with the options it was
planned with, and Apply plans it again and refuses if that differs from the dry run the person saw; Apply is all
or nothing. An org admin imports into their own organisation only (the file's other organisations' services are
per-record errors); a network admin also imports the file's other organisations (created when new). Editors: 404.
"""

from datetime import UTC, datetime

from flask import abort, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectField, StringField
from wtforms.validators import Length, Optional, ValidationError

from admin.access import organization_or_404, staff_required
from admin.blueprint import bp
from api.backends import backends
from api.domain.vocabulary import CATEGORIES
from api.models import Organization
from api.services import hsds_import as importer
from api.services import pending_imports
from api.services.editing import Actor
from api.services.hsds_files import MAX_BYTES, HsdsFileError, read_bytes
from api.services.hsds_record_parts import is_zone
from api.services.import_apply import ImportFailed, ImportRefused

IMPORTERS = ("network_admin", "org_admin")
KIND = "hsds"
UPLOAD_LIMIT = MAX_BYTES + 64 * 1024


class HsdsUploadForm(FlaskForm):
    file = FileField("HSDS file (.json, .ndjson, or the CSV datapackage as .zip)",
                     validators=[FileRequired("Choose an HSDS file.")])
    category = SelectField("Category of services whose attributes name none of ours",
                           choices={"": "(the file says)"} | CATEGORIES, default="")
    timezone = StringField("Time zone of services whose schedules name none (e.g. America/Chicago)",
                           validators=[Optional(), Length(max=60)])

    def validate_timezone(self, field):
        if field.data and not is_zone(field.data.strip()):
            raise ValidationError(f"{field.data[:60]!r} is not a time zone such as America/Chicago")


@bp.before_app_request
def _limit_hsds_upload():
    # App-level, so it runs before the blueprint's CSRF check reads the body: a larger upload is refused unread.
    if request.endpoint == "admin.hsds_import":
        request.max_content_length = UPLOAD_LIMIT


@bp.route("/organizations/<organization_id>/hsds", methods=["GET", "POST"])
@staff_required(*IMPORTERS)
def hsds_import(organization_id: str):
    """The upload form; posted, the dry run: per-record errors, or the changes with an Apply button."""
    organization = organization_or_404(organization_id)
    form = HsdsUploadForm()
    if request.method == "GET":
        return _page(organization, form)
    if not form.validate_on_submit():
        return _page(organization, form, status=422)
    upload = form.file.data
    content = upload.read(MAX_BYTES + 1)
    options = {"category": form.category.data or None, "timezone": (form.timezone.data or "").strip() or None}
    now = _now()
    try:
        plan = _plan(organization, content, upload.filename, options, now)
    except HsdsFileError as error:
        form.file.errors = [str(error)]
        return _page(organization, form, status=422)
    plan_id = None
    if not plan.errors and plan.writes:
        plan_id = pending_imports.keep(KIND, organization.id, current_user.id, upload.filename, content,
                                       plan.fingerprint(), now, now, options)
    return _page(organization, HsdsUploadForm(formdata=None), plan=plan, plan_id=plan_id, filename=upload.filename)


@bp.post("/organizations/<organization_id>/hsds/<plan_id>/apply")
@staff_required(*IMPORTERS)
def hsds_apply(organization_id: str, plan_id: str):
    """Apply the dry run the person saw, all or nothing; if anything changed since, show the new dry run instead."""
    organization = organization_or_404(organization_id)
    upload = pending_imports.find(plan_id, KIND, organization.id, current_user.id, _now())
    if upload is None:
        abort(404)
    pending_imports.discard(upload.id)  # one Apply per dry run, whatever happens next
    try:
        plan = _plan(organization, upload.content, upload.filename, upload.options, upload.planned_at)
    except HsdsFileError:  # it was read for the dry run; only a change of the format's limits gets here
        abort(409)
    context = {"organization": organization, "plan": plan, "filename": upload.filename, "record": "Record",
               "again_url": url_for("admin.hsds_import", organization_id=organization.id)}
    if plan.fingerprint() != upload.fingerprint:
        return _page(organization, HsdsUploadForm(formdata=None), status=409, plan=plan, plan_id=None,
                     filename=upload.filename, changed=True)
    try:
        summary = importer.apply(plan, Actor(current_user.id, _who()))
    except (ImportRefused, ImportFailed) as refused:
        return render_template("admin/csv_report.html", report=None, failure=str(refused), **context), 409
    return render_template("admin/csv_report.html", report=summary, failure=None, **context)


def _plan(organization: Organization, content: bytes, filename: str, options: dict, now: datetime):
    scope = importer.Scope(organization, others=current_user.role == "network_admin")
    return importer.plan(read_bytes(content, filename), scope, "hsds:admin", category=options.get("category"),
                            timezone=options.get("timezone"), geocoder=backends().geocoder, now=now, who=_who())


def _page(organization: Organization, form: HsdsUploadForm, status: int = 200, **dry_run):
    return render_template("admin/hsds_import.html", organization=organization, form=form,
                           limit_mb=MAX_BYTES // (1024 * 1024), **dry_run), status


def _who() -> str:
    return f"HSDS import by {current_user.name}"


def _now() -> datetime:
    """The app's clock as naive UTC, the form stored times take."""
    now = backends().clock()
    return now.astimezone(UTC).replace(tzinfo=None) if now.tzinfo else now
