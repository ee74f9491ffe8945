"""Signing in and out, and choosing a password through a one-time link (an invitation or a password reset)."""

import re
from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from admin.blueprint import bp
from admin.extensions import limiter
from admin.forms import NewPasswordForm, SignInForm, show_domain_error
from admin.sessions import known_account, remember_browser, sign_in, sign_out
from api.backends import backends
from api.errors import InvalidField, NotFound, Unauthorized
from api.i18n.text import gettext as _
from api.services import accounts, invitations

# Per client address, on top of the per-account waits (api/services/accounts.py), which guessing across many
# accounts from one address would otherwise never reach. ADMIN_LOGIN_LIMIT in the app's config overrides it.
LOGIN_LIMIT = "10 per minute"
HEADER_SAFE = re.compile(r"[!-~]+")


def _login_limit() -> str:
    return current_app.config.get("ADMIN_LOGIN_LIMIT", LOGIN_LIMIT)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login():
    """The sign-in form; success goes to a safe `next` inside the admin area, or home."""
    if request.method == "GET" and current_user.is_authenticated:
        return redirect(url_for("admin.home"))
    form = SignInForm(next=request.args.get("next", ""))
    refused = None
    if form.validate_on_submit():
        try:
            user = accounts.authenticate(form.email.data, form.password.data, backends().clock(), known_account(),
                                         key=current_app.config["SECRET_KEY"])
        except Unauthorized as error:
            refused = str(error)  # the same words whatever was wrong: nothing tells whether an account exists
        else:
            sign_in(user)
            return remember_browser(redirect(safe_next(form.next.data)), user)
    return render_template("admin/login.html", form=form, refused=refused)


@bp.post("/logout")
def logout():
    """Sign out, ending the session on the server (a POST with the CSRF token: another site cannot sign anyone out)."""
    sign_out()
    flash(_("You are signed out."), "success")
    return redirect(url_for("admin.login"))


@bp.route("/invitations/<token>", methods=["GET", "POST"])
def accept_invitation(token: str):
    """An invited person chooses their password and is signed in."""
    return _choose_password(token, "invite")


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    """Choose a new password through a reset link; every other session of the account ends."""
    return _choose_password(token, "reset")


def _choose_password(token: str, purpose: str):
    """Show the link's password form; a good password is saved once and signs its owner in (ending other sessions)."""
    try:
        link, person = invitations.find_invitation(token, purpose, backends().clock())
    except NotFound as gone:
        return _link_gone(gone)
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            person = invitations.redeem(token, form.password.data, backends().clock(), purpose)
        except InvalidField as refused:
            show_domain_error(form, refused)
        except NotFound as gone:  # used by someone else since the page was shown
            return _link_gone(gone)
        else:
            sign_in(person, link)
            flash(_("Your password is saved and you are signed in."), "success")
            return remember_browser(redirect(url_for("admin.home")), person)
    return render_template("admin/set_password.html", form=form, person=person, purpose=purpose)


def _link_gone(error: NotFound):
    # One page for unknown, used and expired links alike, so a token's fate is not revealed.
    return render_template("admin/error.html", status=410, message=str(error)), 410


def safe_next(target: str | None) -> str:
    """Where to go after signing in: only a path inside the admin area on this site, never another site."""
    parts = urlsplit(target or "")
    inside = parts.path == "/admin" or parts.path.startswith("/admin/")
    # Only visible ASCII goes into the Location header: a CR/LF there would be a 500 (or a split header).
    if not target or not HEADER_SAFE.fullmatch(target) or parts.scheme or parts.netloc or "\\" in target \
            or not inside:
        return url_for("admin.home")
    return target
