"""/admin/api/referrals: the referrals as JSON, under the admin session, for the partners' app to come.

The same rules as the admin pages: signed in (else 401), a referral visible only to its two organisations and to
network admins (else 404, whether or not it exists), the client's details only to the staff involved (403 for the
others), every showing of them recorded.

CSRF: the session is a cookie, so a browser would send it with a request another site makes. Every POST, PUT and
DELETE must carry the session's CSRF token in an X-CSRFToken header (GET /admin/api/referrals/csrf-token gives it),
which no other origin can read or set (no CORS is allowed under /admin); the cookie is SameSite=Lax and HttpOnly on
top. A native app holding the cookie sends the header the same way.
"""

import flask_smorest
from flask import abort, g, request
from flask_login import current_user

from admin.extensions import csrf
from api.services.referrals import access

blp = flask_smorest.Blueprint("admin_api", __name__, url_prefix="/admin/api/referrals",
                              description="Warm referrals for partner staff, under the admin session cookie: send "
                                          "with consent, answer, follow. Visible to the two organisations and "
                                          "network admins; the client's details to the staff involved only.")

SESSION, CSRF = "adminSession", "csrfToken"
UNSAFE = ("POST", "PUT", "PATCH", "DELETE")


def document_security(spec) -> None:
    """The session cookie and the CSRF header every operation here needs."""
    spec.components.security_scheme(SESSION, {"type": "apiKey", "in": "cookie", "name": "session",
                                              "description": "The admin area's session, from signing in at "
                                                             "/admin/login."})
    spec.components.security_scheme(CSRF, {"type": "apiKey", "in": "header", "name": "X-CSRFToken",
                                           "description": "The session's CSRF token (GET /admin/api/referrals/"
                                                          "csrf-token), on every POST, PUT and DELETE."})


@blp.before_request
def _signed_in_and_scoped():
    """Signed in, a CSRF token on every change, and a referral in the path only if this person may see it."""
    if not current_user.is_authenticated:
        abort(401)
    if request.method in UNSAFE:
        csrf.protect()
    referral_id = (request.view_args or {}).get("referral_id")
    if referral_id is not None:
        g.referral = access.referral_for(current_user, referral_id)


from admin.referrals_api import resources  # noqa: E402,F401  (registers the views on blp)
