"""Who may touch what: every admin route asks here, and another organisation's objects are simply not found.

Answering 404 (not 403) for another organisation's ids means guessing ids learns nothing.
"""

from functools import wraps

from flask import abort
from flask_login import current_user, login_required

from api.models import Location, Organization, Service
from api.models.staff import StaffUser

# What each role may do beyond editing its organisation's listings.
MANAGES_STAFF = {"network_admin", "org_admin"}


def staff_required(*roles: str):
    """Signed in, active, and (when roles are named) holding one of them."""
    def decorate(view):
        @login_required
        @wraps(view)
        def guarded(*args, **kwargs):
            if roles and current_user.role not in roles:
                abort(404)
            return view(*args, **kwargs)
        return guarded
    return decorate


def can_see_organization(user: StaffUser, organization_id: str | None) -> bool:
    return user.role == "network_admin" or (organization_id is not None and organization_id == user.organization)


def organization_or_404(organization_id: str) -> Organization:
    organization = Organization.objects(id=organization_id).first()
    if organization is None or not can_see_organization(current_user, organization.id):
        abort(404)
    return organization


def service_or_404(service_id: str) -> Service:
    service = Service.objects(id=service_id).first()
    if service is None or not can_see_organization(current_user, _id(service.organization)):
        abort(404)
    return service


def location_or_404(location_id: str) -> Location:
    location = Location.objects(id=location_id).first()
    if location is None or not can_see_organization(current_user, _id(location.organization)):
        abort(404)
    return location


def visible_organizations():
    """The organisations the signed-in user works for (all of them for a network admin)."""
    if current_user.role == "network_admin":
        return Organization.objects.order_by("name")
    return Organization.objects(id=current_user.organization)


def _id(reference) -> str | None:
    """A reference field's id, whether dereferenced or not."""
    return getattr(reference, "id", reference)
