"""CSV import: upload a spreadsheet of listings, see the dry run (errors per row, or what would change), apply it.

The upload and Apply flow is admin/import_flow.py's: Apply plans the kept file again, over the listings as they
are now, and refuses if that plan differs from the dry run the person saw. Organisation admins and network admins
import; editors do not (404).
"""

from datetime import datetime

from flask_wtf.file import FileField, FileRequired

from admin.access import organization_or_404, staff_required
from admin.blueprint import bp
from admin.forms import PageForm
from admin.import_flow import ImportPage
from api.i18n.text import lazy_gettext
from api.interop.csv import importer as listings_csv
from api.interop.imports.plan import ImportPlan
from api.interop.limits import ImportLimits, megabytes
from api.models import Organization

IMPORTERS = ("network_admin", "org_admin")


class UploadForm(PageForm):
    file = FileField(lazy_gettext("CSV file"), validators=[FileRequired(lazy_gettext("Choose a CSV file."))])


class CsvImportPage(ImportPage):
    kind = "csv"
    endpoint = "admin.csv_import"
    template = "admin/csv_import.html"
    unreadable = listings_csv.CsvFileError
    form_class = UploadForm
    label = "CSV import"
    apply = staticmethod(listings_csv.apply)

    def max_bytes(self, limits: ImportLimits) -> int:
        return limits.csv_bytes

    def read(self, content: bytes, filename: str, limits: ImportLimits):
        return listings_csv.read_csv(content, limits)

    def plan(self, organization: Organization, records, options: dict | None, at: datetime) -> ImportPlan:
        return listings_csv.plan(organization, records, now=at, who=self.who())

    def page_context(self, limits: ImportLimits) -> dict:
        return {"columns": listings_csv.COLUMNS, "limits": (megabytes(limits.csv_bytes), limits.csv_rows)}


PAGE = CsvImportPage()


@bp.route("/organizations/<organization_id>/import", methods=["GET", "POST"])
@staff_required(*IMPORTERS)
def csv_import(organization_id: str):
    """The upload form; posted, the dry run: per-row errors, or the changes with an Apply button."""
    return PAGE.upload(organization_or_404(organization_id), UploadForm())


@bp.post("/organizations/<organization_id>/import/<plan_id>/apply")
@staff_required(*IMPORTERS)
def csv_apply(organization_id: str, plan_id: str):
    """Apply the dry run the person saw, all or nothing; if anything changed since, show the new dry run instead."""
    return PAGE.apply_upload(organization_or_404(organization_id), plan_id)
