"""The admin blueprint: every admin page hangs off it, with HTML (not JSON) error pages and CSRF on every form."""

from flask import Blueprint, render_template

from admin.extensions import csrf
from api.i18n.text import N_
from api.i18n.text import gettext as _

bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates", static_folder="static",
               static_url_path="/static")

MESSAGES = {400: N_("That request was not understood."), 403: N_("You cannot do that here."),
            404: N_("There is nothing here, or it is not yours."), 405: N_("That is not how this page is used."),
            409: N_("Someone else changed this first."), 429: N_("Too many tries. Wait a little and try again.")}


@bp.before_request
def _csrf():
    # Only the admin area's forms carry CSRF tokens: the public API is token-less and sessionless by design.
    csrf.protect()


@bp.errorhandler(400)
@bp.errorhandler(403)
@bp.errorhandler(404)
@bp.errorhandler(405)
@bp.errorhandler(429)
def _error_page(error):
    status = getattr(error, "code", 500)
    message = _(MESSAGES.get(status, N_("Something went wrong.")))
    return render_template("admin/error.html", status=status, message=message), status
