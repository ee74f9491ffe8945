"""Listings: an organisation's services, each created or edited whole on one page, or taken off the directory.

Every save goes through api/services/editing.py like a quick update: over the version the editor saw (else the
conflict screen), validated whole (else the form again, messages beside the fields, nothing saved), audited.
"""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from admin.access import organization_or_404, service_or_404, staff_required
from admin.blueprint import bp
from admin.conflict import conflict_page
from admin.listing_form import STATUS_LABELS, ListingForm, listing_form
from admin.listing_values import listing_data, listing_values, place_errors
from api.backends import backends
from api.domain.vocabulary import CATEGORIES
from api.i18n.text import N_
from api.i18n.text import gettext as _
from api.models import Location, Organization, Service
from api.services import listings as edits
from api.services.editing import Actor, InvalidEdit, StaleEdit, save_edit

STALE_FORM = N_("This page is out of date: open the listing again.")


@bp.get("/organizations/<organization_id>/listings")
@staff_required()
def listings(organization_id: str):
    """The organisation's listings, inactive ones too (marked), each with a link to edit it."""
    organization = organization_or_404(organization_id)
    services = Service.objects(organization=organization.id).order_by("name")
    return render_template("admin/listings.html", organization=organization, services=list(services),
                           categories=CATEGORIES, statuses=STATUS_LABELS)


@bp.route("/organizations/<organization_id>/listings/new", methods=["GET", "POST"])
@staff_required()
def new_listing(organization_id: str):
    """First the kind of service (it decides the form's detail section), then the form itself."""
    organization = organization_or_404(organization_id)
    category = (request.form if request.method == "POST" else request.args).get("category")
    if category not in CATEGORIES:
        status = 422 if request.method == "POST" else 200
        return render_template("admin/listing_kind.html", organization=organization, categories=CATEGORIES), status
    places = _places(organization.id)
    if request.method == "GET":
        start = {"category": category, "status": "active", "timezone": _usual_timezone(organization.id)}
        return _page(listing_form(category, places, start, spare_rows=True), organization)
    form = listing_form(category, places)
    if not form.validate_on_submit():
        return _page(form, organization, status=422)
    values, origins = listing_values(form)
    try:
        service = edits.create_listing(organization, values, _actor(), _now())
    except InvalidEdit as refused:
        place_errors(form, refused.errors, origins)
        return _page(form, organization, status=422)
    flash(_("{name} is listed.", name=service.name), "success")
    return redirect(url_for("admin.listings", organization_id=organization.id), 303)


@bp.route("/services/<service_id>/edit", methods=["GET", "POST"])
@staff_required()
def edit_listing(service_id: str):
    """The whole listing on one page; saved only over the version the page was loaded with."""
    service = service_or_404(service_id)
    organization, places = service.organization, _places(service.organization.id)
    if request.method == "GET":
        return _page(listing_form(service.category, places, listing_data(service), spare_rows=True), organization,
                     service)
    form = listing_form(service.category, places)
    if not form.validate_on_submit() or form.version.data is None:
        if form.version.data is None:
            form.form_errors.append(_(STALE_FORM))
        return _page(form, organization, service, 422)
    values, origins = listing_values(form)
    try:
        saved = save_edit(service.id, form.version.data, edits.edit_listing(values, current_user.name, _now()),
                          _actor())
    except StaleEdit as conflict:
        here = url_for("admin.edit_listing", service_id=service.id)
        return conflict_page(conflict, _("your edits to this listing"), here, here, _("Save mine over theirs"))
    except InvalidEdit as refused:
        place_errors(form, refused.errors, origins)
        return _page(form, organization, service, 422)
    flash(_("{name}: saved.", name=saved.name), "success")
    return redirect(url_for("admin.listings", organization_id=organization.id), 303)


@bp.post("/services/<service_id>/deactivate")
@staff_required()
def deactivate_listing(service_id: str):
    """Take a listing off the directory (its status "inactive"); setting it Open again lists it again."""
    service = service_or_404(service_id)
    version = request.form.get("version", type=int)
    if version is None:
        flash(_(STALE_FORM), "error")
        return redirect(url_for("admin.edit_listing", service_id=service.id), 303)
    try:
        save_edit(service.id, version, edits.deactivate(), _actor(), action="deactivated")
    except StaleEdit as conflict:
        return conflict_page(conflict, _("take it off the directory"),
                             url_for("admin.deactivate_listing", service_id=service.id),
                             url_for("admin.edit_listing", service_id=service.id))
    flash(_("{name} is no longer listed. To list it again, set its status to Open.", name=service.name), "success")
    return redirect(url_for("admin.listings", organization_id=service.organization.id), 303)


def _page(form: ListingForm, organization: Organization, service: Service | None = None, status: int = 200):
    return render_template("admin/listing_form.html", form=form, organization=organization, service=service,
                           category_label=_(CATEGORIES[form.category.data]) if form.category.data in CATEGORIES else "",
                           invalid=status == 422), status


def _places(organization_id: str) -> list[Location]:
    return sorted(Location.objects(organization=organization_id), key=lambda place: place.label.lower())


def _usual_timezone(organization_id: str) -> str:
    """The time zone of the organisation's other listings: most partners work in one."""
    other = Service.objects(organization=organization_id).only("timezone").order_by("-created_at").first()
    return other.timezone if other else ""


def _actor() -> Actor:
    return Actor(current_user.id, current_user.name)


def _now():
    return backends().clock().replace(tzinfo=None)
