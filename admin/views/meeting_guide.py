"""Meeting Guide import: upload a feed (dry run, then Apply all or nothing) or register a feed URL to re-import.

The same flow as the CSV import (admin/import_flow.py): the upload stays on the server with the options it was
planned with, and Apply plans it again and refuses if that differs from the dry run the person saw. The feed is the
whole list of its source's meetings, so meetings of that source it no longer lists are removed. Organisation
admins and network admins import; editors do not (404). Another organisation's feed is not found (404).
"""

from datetime import datetime

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf.file import FileField, FileRequired
from wtforms import IntegerField, SelectField, StringField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from admin.access import can_see_organization, organization_or_404, staff_required
from admin.blueprint import bp
from admin.forms import PageForm, choices
from admin.import_flow import ImportPage, Records
from api.backends import backends
from api.domain.vocabulary import FELLOWSHIPS
from api.i18n.text import N_, lazy_gettext
from api.i18n.text import gettext as _
from api.interop.imports.plan import ImportPlan
from api.interop.limits import ImportLimits, megabytes
from api.interop.meeting_guide import importer as feeds
from api.interop.meeting_guide import subscriptions as feed_subscriptions
from api.interop.meeting_guide.entries import FeedOptions, timezone_or_error
from api.models import Organization, Service
from api.models.feed_subscription import FeedSubscription

IMPORTERS = ("network_admin", "org_admin")


class FeedOptionsForm(PageForm):
    name = StringField(lazy_gettext("Feed name (meetings of the same name that the feed no longer lists are removed)"),
                       validators=[Optional(), Length(max=150)])
    timezone = StringField(lazy_gettext("Time zone for meetings that give none"),
                           validators=[Optional(), Length(max=60)])
    fellowship = SelectField(lazy_gettext("Fellowship"), choices=choices(FELLOWSHIPS), default="aa")

    def validate_timezone(self, field):
        if field.data:
            try:
                timezone_or_error(field.data.strip())
            except ValueError as error:
                raise ValueError(str(error)) from None


class FeedUploadForm(FeedOptionsForm):
    file = FileField(lazy_gettext("Meeting Guide JSON file"),
                     validators=[FileRequired(lazy_gettext("Choose a JSON file."))])


class FeedRegisterForm(FeedOptionsForm):
    url = StringField(lazy_gettext("Feed address (https://...)"), validators=[
        InputRequired(lazy_gettext("Enter the feed's address.")), Length(max=2000)])
    every_hours = IntegerField(lazy_gettext("Re-import every (hours)"), default=24,
                               validators=[InputRequired(), NumberRange(min=1, max=24 * 7)])


class MeetingGuideImportPage(ImportPage):
    kind = "meeting-guide"
    endpoint = "admin.meeting_guide_import"
    template = "admin/meeting_guide_import.html"
    unreadable = feeds.FeedError
    form_class = FeedUploadForm
    record = Records(N_("Meeting"), N_("Meeting {number}"), N_("Meetings with errors"))
    reports_removals = True
    label = "Meeting Guide import"
    apply = staticmethod(feeds.apply)

    def max_bytes(self, limits: ImportLimits) -> int:
        return limits.feed_bytes

    def read(self, content: bytes, filename: str, limits: ImportLimits):
        return feeds.read_feed(content, limits)

    def plan(self, organization: Organization, records, options: dict | None, at: datetime) -> ImportPlan:
        feed_options = FeedOptions(options["source"], options["fellowship"], options.get("timezone"),
                                   backends().geocoder)
        return feeds.plan(organization, records, feed_options, now=at, who=self.who())

    def options(self, form: PageForm, filename: str) -> dict:
        return {"source": (form.name.data or "").strip() or filename or "upload",
                "timezone": (form.timezone.data or "").strip() or None, "fellowship": form.fellowship.data}

    def dry_run_form(self, options: dict | None) -> PageForm:
        return FeedUploadForm(formdata=None, data={"name": options["source"], "timezone": options.get("timezone"),
                                                   "fellowship": options["fellowship"]})

    def page_context(self, limits: ImportLimits) -> dict:
        return {"limits": (megabytes(limits.feed_bytes), limits.feed_meetings)}


PAGE = MeetingGuideImportPage()


@bp.route("/organizations/<organization_id>/meeting-guide", methods=["GET", "POST"])
@staff_required(*IMPORTERS)
def meeting_guide_import(organization_id: str):
    """The upload form; posted, the dry run: per-meeting errors, or the changes with an Apply button."""
    organization = organization_or_404(organization_id)
    form = FeedUploadForm()
    if request.method == "GET":
        form.timezone.data = _usual_timezone(organization)
    return PAGE.upload(organization, form)


@bp.post("/organizations/<organization_id>/meeting-guide/<plan_id>/apply")
@staff_required(*IMPORTERS)
def meeting_guide_apply(organization_id: str, plan_id: str):
    """Apply the dry run the person saw, all or nothing; if anything changed since, show the new dry run instead."""
    return PAGE.apply_upload(organization_or_404(organization_id), plan_id)


@bp.route("/organizations/<organization_id>/meeting-guide/feeds", methods=["GET", "POST"])
@staff_required(*IMPORTERS)
def meeting_guide_feeds(organization_id: str):
    """The organisation's scheduled feeds, and the form to register another."""
    organization = organization_or_404(organization_id)
    form = FeedRegisterForm()
    status = 200
    if request.method == "POST":
        if form.validate_on_submit():
            try:
                feed_subscriptions.register(organization.id, form.url.data.strip(), form.name.data,
                                            form.every_hours.data, (form.timezone.data or "").strip(),
                                            form.fellowship.data, current_user.id)
            except ValueError as error:
                form.url.errors = [str(error)]
            else:
                flash(_("Feed registered: it is imported within minutes, then on its schedule."), "success")
                return redirect(url_for("admin.meeting_guide_feeds", organization_id=organization.id))
        status = 422
    elif not form.timezone.data:
        form.timezone.data = _usual_timezone(organization)
    subscriptions = FeedSubscription.objects(organization=organization.id).order_by("created_at")
    return render_template("admin/meeting_guide_feeds.html", organization=organization, form=form,
                           feeds=subscriptions), status


@bp.post("/feeds/<feed_id>/remove")
@staff_required(*IMPORTERS)
def remove_feed(feed_id: str):
    """Stop re-importing a feed (its meetings stay as they are)."""
    feed = FeedSubscription.objects(id=feed_id).first()
    if feed is None or not can_see_organization(current_user, feed.organization):
        abort(404)
    feed.delete()
    flash(_("Feed removed: its meetings stay as they are."), "success")
    return redirect(url_for("admin.meeting_guide_feeds", organization_id=feed.organization))


def _usual_timezone(organization: Organization) -> str | None:
    """The time zone most of the organisation's listings use: a good default for meetings that give none."""
    zones = [row["timezone"] for row in Service._get_collection().find({"organization": organization.id},
                                                                       {"timezone": 1}) if row.get("timezone")]
    return max(set(zones), key=zones.count) if zones else None

