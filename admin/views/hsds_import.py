"""HSDS import: upload an HSDS file (JSON, ndjson, or the CSV datapackage as a .zip), see the dry run, apply it.

The upload and Apply flow is admin/import_flow.py's: the upload stays on the server with the options it was planned
with, and Apply plans it again and refuses if that differs from the dry run the person saw; Apply is all or nothing.
An org admin imports into their own organisation only (the file's other organisations' services are per-record
errors); a network admin also imports the file's other organisations (created when new). Editors: 404.
"""

from datetime import datetime

from flask_login import current_user
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectField, StringField
from wtforms.validators import Length, Optional, ValidationError

from admin.access import organization_or_404, staff_required
from admin.blueprint import bp
from admin.forms import PageForm, choices
from admin.import_flow import ImportPage, Records
from api.backends import backends
from api.domain.vocabulary import CATEGORIES
from api.i18n.text import N_, lazy_gettext
from api.i18n.text import gettext as _
from api.interop.hsds import importer
from api.interop.hsds.files import HsdsFileError, read_bytes
from api.interop.hsds.record_zones import is_zone
from api.interop.limits import ImportLimits, megabytes
from api.models import Organization

IMPORTERS = ("network_admin", "org_admin")


class HsdsUploadForm(PageForm):
    file = FileField(lazy_gettext("HSDS file (.json, .ndjson, or the CSV datapackage as .zip)"),
                     validators=[FileRequired(lazy_gettext("Choose an HSDS file."))])
    category = SelectField(lazy_gettext("Category of services whose attributes name none of ours"),
                           choices=choices({"": N_("(the file says)")} | CATEGORIES), default="")
    timezone = StringField(lazy_gettext("Time zone of services whose schedules name none (e.g. America/Chicago)"),
                           validators=[Optional(), Length(max=60)])

    def validate_timezone(self, field):
        if field.data and not is_zone(field.data.strip()):
            raise ValidationError(_("{zone} is not a time zone such as America/Chicago", zone=repr(field.data[:60])))


class HsdsImportPage(ImportPage):
    kind = "hsds"
    endpoint = "admin.hsds_import"
    template = "admin/hsds_import.html"
    unreadable = HsdsFileError
    form_class = HsdsUploadForm
    record = Records(N_("Record"), N_("Record {number}"), N_("Records with errors"))
    reports_removals = True
    label = "HSDS import"
    apply = staticmethod(importer.apply)

    def max_bytes(self, limits: ImportLimits) -> int:
        return limits.hsds_bytes

    def read(self, content: bytes, filename: str, limits: ImportLimits):
        return read_bytes(content, filename, limits)

    def plan(self, organization: Organization, records, options: dict | None, at: datetime) -> importer.HsdsPlan:
        scope = importer.Scope(organization, others=current_user.role == "network_admin")
        return importer.plan(records, scope, "hsds:admin", category=options.get("category"),
                             timezone=options.get("timezone"), geocoder=backends().geocoder, now=at, who=self.who())

    def options(self, form: PageForm, filename: str) -> dict:
        return {"category": form.category.data or None, "timezone": (form.timezone.data or "").strip() or None}

    def page_context(self, limits: ImportLimits) -> dict:
        return {"limit": megabytes(limits.hsds_bytes)}


PAGE = HsdsImportPage()


@bp.route("/organizations/<organization_id>/hsds", methods=["GET", "POST"])
@staff_required(*IMPORTERS)
def hsds_import(organization_id: str):
    """The upload form; posted, the dry run: per-record errors, or the changes with an Apply button."""
    return PAGE.upload(organization_or_404(organization_id), HsdsUploadForm())


@bp.post("/organizations/<organization_id>/hsds/<plan_id>/apply")
@staff_required(*IMPORTERS)
def hsds_apply(organization_id: str, plan_id: str):
    """Apply the dry run the person saw, all or nothing; if anything changed since, show the new dry run instead."""
    return PAGE.apply_upload(organization_or_404(organization_id), plan_id)
