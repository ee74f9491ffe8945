"""Places: where an organisation's services are, with confidential addresses kept from the public.

An address saved without coordinates is looked up by the configured geocoder (a confidential one never is); when
it gives no point the form comes back asking for the coordinates by hand. Saves are versioned and audited like
listing edits.
"""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from admin.access import location_or_404, organization_or_404, staff_required
from admin.blueprint import bp
from admin.conflict import conflict_page
from admin.location_form import ADDRESS, LocationForm, location_data, location_values
from api.backends import backends
from api.i18n.text import N_
from api.i18n.text import gettext as _
from api.models import Location, Organization, Service
from api.services import locations as places
from api.services.editing import Actor, InvalidEdit, StaleEdit, save_location_edit
from api.services.geocoding import FAILED, MESSAGES, NOT_FOUND, geocode

STALE_FORM = N_("This page is out of date: open the place again.")


@bp.get("/organizations/<organization_id>/locations")
@staff_required()
def locations(organization_id: str):
    """The organisation's places, each with how many of its listings are there."""
    organization = organization_or_404(organization_id)
    found = sorted(Location.objects(organization=organization.id), key=lambda place: place.label.lower())
    used = {place.id: Service.objects(locations__location=place.id).count() for place in found}
    return render_template("admin/locations.html", organization=organization, places=found, used=used)


@bp.route("/organizations/<organization_id>/locations/new", methods=["GET", "POST"])
@staff_required()
def new_location(organization_id: str):
    organization = organization_or_404(organization_id)
    form = LocationForm()
    if request.method == "GET":
        return _page(form, organization)
    point, status = _point(form, organization.id) if form.validate_on_submit() else (None, None)
    if point is None:
        return _page(form, organization, status=422)
    try:
        place = places.create_location(organization, location_values(form, point), status, _actor())
    except InvalidEdit as refused:
        _place_errors(form, refused)
        return _page(form, organization, status=422)
    return _saved(place, status)


@bp.route("/locations/<location_id>/edit", methods=["GET", "POST"])
@staff_required()
def edit_location(location_id: str):
    location = location_or_404(location_id)
    organization = location.organization
    if request.method == "GET":
        return _page(LocationForm(data=location_data(location)), organization, location)
    form = LocationForm()
    if form.version.data is None:
        form.form_errors.append(_(STALE_FORM))
    valid = form.validate_on_submit() and form.version.data is not None
    point, status = _point(form, organization.id) if valid else (None, None)
    if point is None:
        return _page(form, organization, location, 422)
    try:
        saved = save_location_edit(location.id, form.version.data,
                                   places.edit_location(location_values(form, point), status), _actor())
    except StaleEdit as conflict:
        here = url_for("admin.edit_location", location_id=location.id)
        return conflict_page(conflict, _("your edits to this place"), here, here, _("Save mine over theirs"))
    except InvalidEdit as refused:
        _place_errors(form, refused)
        return _page(form, organization, location, 422)
    return _saved(saved, status)


def _point(form: LocationForm, organization_id: str) -> tuple[list[float] | None, str | None]:
    """(point, where it came from): typed in, or looked up (never for a confidential place); (None, None) with a
    message beside the coordinates."""
    typed = form.point()
    if typed is not None:
        return typed, places.hand_placed_status(form.lookup.data)
    address = {name: (form[name].data or "").strip() for name in ADDRESS}
    found = geocode(address, backends().geocoder, organization_id, confidential=form.confidential.data)
    if found.point is not None:
        return found.point, "geocoded"
    form.latitude.errors = [*form.latitude.errors, _(MESSAGES[found.status])]
    # Remembered in the form: coordinates typed in next are recorded as placed by hand after a failed lookup.
    form.lookup.data = found.status if found.status in (NOT_FOUND, FAILED) else ""
    return None, None


def _place_errors(form: LocationForm, refused: InvalidEdit) -> None:
    for path, message in refused.errors.items():
        name = {"point": "latitude"}.get(path, path.removeprefix("address."))
        target = form[name] if name in form else None
        if target is None:
            form.form_errors.append(message)
        else:
            target.errors = [*target.errors, message]


def _saved(place: Location, status: str):
    # The flash message travels in the session cookie, which is signed but readable: no address, no point, and no
    # name of a confidential place (the public never sees that either). The places page shows the rest.
    saved = _("Place {name} saved.", name=place.name) if place.name and not place.confidential else _("Place saved.")
    found = _("Its point was found from the address: check it below.") if status == "geocoded" else ""
    flash(f"{saved} {found}".strip(), "success")
    return redirect(url_for("admin.locations", organization_id=place.organization.id), 303)


def _page(form: LocationForm, organization: Organization, location: Location | None = None, status: int = 200):
    return render_template("admin/location_form.html", form=form, organization=organization,
                           location=location), status


def _actor() -> Actor:
    return Actor(current_user.id, current_user.name)
