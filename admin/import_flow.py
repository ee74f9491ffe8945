"""What every import page shares: upload limits, the clock, the upload kept for its Apply and taken back, the report.

An import page (CSV, Meeting Guide, HSDS) shows a dry run of an uploaded file; the file stays on the server
(api/interop/imports/pending.py) under a random id for its uploader and organisation, with the options it was
planned with, so the Apply plans exactly the same edits again without trusting the browser.
"""

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import UTC, datetime

from flask import abort, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from admin.blueprint import bp
from api.backends import backends
from api.i18n.text import N_
from api.i18n.text import gettext as _
from api.interop.imports import pending as pending_imports
from api.interop.imports.apply import ImportFailed, ImportRefused, ImportReport
from api.interop.imports.plan import ImportPlan
from api.interop.limits import ImportLimits, megabytes
from api.models import Organization
from api.services.editing import Actor

FORM_ALLOWANCE = 64 * 1024  # the rest of the form besides the file


@dataclass(frozen=True)
class Records:
    """How a dry run and a report name the records of a format, marked for the catalog (the templates translate)."""

    heading: str  # a column's heading: "Row"
    numbered: str  # one of them: "Row {number}"
    with_errors: str  # a heading over those with errors: "Rows with errors"


ROWS = Records(N_("Row"), N_("Row {number}"), N_("Rows with errors"))
_UPLOAD_PAGES: dict[str, "ImportPage"] = {}  # upload endpoint -> its page, which says how large a file it takes


def limits() -> ImportLimits:
    """The import limits this app is configured with."""
    return ImportLimits.of(backends().config)


@bp.before_app_request
def _limit_upload():
    # App-level, so it runs before the blueprint's CSRF check reads the body: a larger upload is refused unread.
    if request.endpoint in _UPLOAD_PAGES:
        request.max_content_length = _UPLOAD_PAGES[request.endpoint].max_bytes(limits()) + FORM_ALLOWANCE


@bp.errorhandler(413)
def _too_large(error):
    page = _UPLOAD_PAGES.get(request.endpoint)
    message = _("That file is larger than {size}: split it into smaller files.",
                size=megabytes(page.max_bytes(limits()))) if page else _("That upload is too large.")
    return render_template("admin/error.html", status=413, message=message), 413


def now() -> datetime:
    """The app's clock as naive UTC, the form stored times take."""
    moment = backends().clock()
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


class ImportPage(ABC):
    """One format's import page; the upload, its dry run and its Apply go the same way for every format.

    A subclass (one per import view module) says how its files are read, planned and applied, and what its page
    shows; an instance is made once, at import, which registers its upload page for the body limit.
    """

    kind: str  # what its kept uploads are filed under
    endpoint: str  # the upload page's
    template: str
    unreadable: type[Exception]  # what `read` raises for a file that is not of the format at all
    form_class: type[FlaskForm]  # has a `file` field
    record = ROWS  # what the dry run and the report call its records
    reports_removals = False  # whether the report counts removed listings (and links back to this page to import again)
    label: str  # who did it, in the audit trail: "<label> by <name>"

    def __init__(self):
        _UPLOAD_PAGES[self.endpoint] = self  # every other admin form keeps the app's body limit

    @abstractmethod
    def max_bytes(self, limits: ImportLimits) -> int:
        """The largest file this page takes."""

    @abstractmethod
    def read(self, content: bytes, filename: str, limits: ImportLimits):
        """The file's records, for `plan`, read within the limits; raises `unreadable`."""

    @abstractmethod
    def plan(self, organization: Organization, records, options: dict | None, at: datetime) -> ImportPlan:
        """The dry run of the records, as if it were `at`."""

    @abstractmethod
    def apply(self, plan: ImportPlan, actor: Actor) -> ImportReport:
        """Write the plan, all or nothing."""

    def options(self, form: FlaskForm, filename: str) -> dict | None:
        """The options the upload is planned with, kept for its Apply: none unless the format has some."""
        return None

    def dry_run_form(self, options: dict | None) -> FlaskForm:
        """The form shown under a dry run, for the next upload."""
        return self.form_class(formdata=None)

    def page_context(self, limits: ImportLimits) -> dict:
        """What the page's own text shows besides (its limits, its columns)."""
        return {}

    def who(self) -> str:
        return f"{self.label} by {current_user.name}"

    def upload(self, organization: Organization, form: FlaskForm):
        """The upload form; posted, the dry run: per-record errors, or the changes with an Apply button."""
        if request.method == "GET":
            return self.page(organization, form)
        if not form.validate_on_submit():
            return self.page(organization, form, status=422)
        upload, configured = form.file.data, limits()
        content = upload.read(self.max_bytes(configured) + 1)
        options = self.options(form, upload.filename)
        try:
            records = self.read(content, upload.filename, configured)
        except self.unreadable as error:
            form.file.errors = [str(error)]
            return self.page(organization, form, status=422)
        at = now()
        plan = self.plan(organization, records, options, at)
        return self.dry_run(organization, plan, upload.filename, content, options, at)

    def apply_upload(self, organization: Organization, plan_id: str):
        """Apply the dry run the person saw, all or nothing; if anything changed since, show the new dry run instead.

        The kept upload is forgotten at once (404 if it is not theirs, not this organisation's, or expired): one
        Apply per dry run, whatever happens next.
        """
        upload = pending_imports.find(plan_id, self.kind, organization.id, current_user.id, now())
        if upload is None:
            abort(404)
        pending_imports.discard(upload.id)
        try:
            records = self.read(upload.content, upload.filename, limits())
        except self.unreadable:  # it was read for the dry run; only a change of the format's limits gets here
            abort(409)
        plan = self.plan(organization, records, upload.options, upload.planned_at)
        if plan.fingerprint() != upload.fingerprint:
            return self.dry_run(organization, plan, upload.filename, upload.content, upload.options, now(),
                                changed=True)
        context = {"organization": organization, "plan": plan, "filename": upload.filename, "record": self.record}
        if self.reports_removals:
            context["again_url"] = url_for(self.endpoint, organization_id=organization.id)
        try:
            report = self.apply(plan, Actor(current_user.id, self.who()))
        except (ImportRefused, ImportFailed) as refused:
            return render_template("admin/csv_report.html", report=None, failure=str(refused), **context), 409
        return render_template("admin/csv_report.html", report=report, failure=None, **context)

    def dry_run(self, organization: Organization, plan: ImportPlan, filename: str, content: bytes,
                options: dict | None, at: datetime, changed: bool = False):
        """Show the plan; keep the file and its options for its Apply when there is something to apply and nothing
        in the way."""
        plan_id = None
        if not plan.errors and (plan.writes or plan.removals):
            plan_id = pending_imports.keep(self.kind, organization.id, current_user.id, filename, content,
                                           plan.fingerprint(), plan.planned_at, at, options=options)
        status = 409 if changed else 200  # a dry run that found errors did its job: its report is the answer
        return self.page(organization, self.dry_run_form(options), plan=plan, plan_id=plan_id, filename=filename,
                         changed=changed, status=status)

    def page(self, organization: Organization, form: FlaskForm, status: int = 200, **dry_run):
        configured = limits()
        # listed_errors: a dry run lists that many errors and counts the rest, so its page stays small.
        return render_template(self.template, organization=organization, form=form, record=self.record,
                               listed_errors=configured.listed_errors, **self.page_context(configured),
                               **dry_run), status
