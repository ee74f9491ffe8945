"""Who is signed in: a Flask-Login view of a StaffUser, found through a session kept on the server.

Flask-Login's cookie carries only the session's token (api/services/sessions.py keeps the rest), so signing out,
ADMIN_SESSION_IDLE_MINUTES without a request, ADMIN_SESSION_MAX_HOURS since signing in, a password change, a
reset or a deactivation each end the session for good, copied cookies included (api/ stays free of Flask, hence
this thin wrapper here). A second, long-lived cookie marks the browsers a person signs in on, so that strangers'
wrong passwords never make those wait.
"""

from datetime import timedelta

from flask import Response, current_app, request, session
from flask_login import UserMixin, current_user, login_user, logout_user
from itsdangerous import BadSignature, URLSafeTimedSerializer

from admin.extensions import login_manager
from api.backends import backends
from api.models.staff import Invitation, StaffUser
from api.services import sessions

# A browser that signed in to an account says so with this signed cookie: wrong tries from elsewhere never make it
# wait (api/services/accounts.py). It names the account's id only, and outlives signing out, as a device should.
KNOWN_BROWSER_COOKIE = "lantern_known_browser"
KNOWN_BROWSER_AGE = timedelta(days=180)


class SignedInStaff(UserMixin):
    """The signed-in StaffUser (as .user); its fields read through (current_user.role, .organization, .name)."""

    def __init__(self, user: StaffUser, token: str):
        self.user, self.token = user, token

    def __getattr__(self, name):
        if name in ("user", "token"):  # not set yet (copying, unpickling): no recursion through __getattr__
            raise AttributeError(name)
        return getattr(self.user, name)

    def get_id(self) -> str:
        return self.token

    @property
    def is_active(self) -> bool:
        return bool(self.user.active)

    @property
    def through_link(self) -> bool:
        """Signed in by a one-time link rather than a password (read only where it matters: a client's details)."""
        return sessions.through_link(self.token)


@login_manager.user_loader
def load_signed_in(token: str) -> SignedInStaff | None:
    """The session's person, while the session lives (see the module docstring)."""
    idle = timedelta(minutes=current_app.config["ADMIN_SESSION_IDLE_MINUTES"])
    user = sessions.resume(token, backends().clock(), idle)
    return SignedInStaff(user, token) if user is not None else None


def sign_in(user: StaffUser, link: Invitation | None = None) -> None:
    """Start a server-side session for user in this browser (ending the one it had, if any), in a fresh browser
    session: nothing the last person left carries over (a shortlist, messages), and the CSRF token is a new one.
    link: the one-time link (invitation or reset) that signed them in, if a password typed did not."""
    # Read from the cookie, not through current_user: loading a user here would trip session protection.
    sessions.end(session.get("_user_id"))
    session.clear()
    lifetime = timedelta(hours=current_app.config["ADMIN_SESSION_MAX_HOURS"])
    login_user(SignedInStaff(user, sessions.start(user, backends().clock(), lifetime, link)))


def sign_out() -> None:
    """End this browser's session on the server, then forget it here, with all the browser session held."""
    if current_user.is_authenticated:
        sessions.end(current_user.token)
    logout_user()
    session.clear()


def known_account() -> str | None:
    """The account id this browser's own signed cookie says it signed in to before, if any."""
    try:
        return _known_browser_signer().loads(request.cookies.get(KNOWN_BROWSER_COOKIE, ""),
                                             max_age=KNOWN_BROWSER_AGE.total_seconds())
    except BadSignature:  # none, tampered with, or expired
        return None


def remember_browser(response: Response, user: StaffUser) -> Response:
    """Mark this browser as one user signs in on (see KNOWN_BROWSER_COOKIE)."""
    response.set_cookie(KNOWN_BROWSER_COOKIE, _known_browser_signer().dumps(user.id),
                        max_age=int(KNOWN_BROWSER_AGE.total_seconds()), path="/admin", httponly=True,
                        secure=current_app.config["ADMIN_SECURE_COOKIES"], samesite="Strict")
    return response


def _known_browser_signer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="lantern-admin-known-browser")
