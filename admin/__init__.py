"""Partner admin area: server-rendered, phone-first pages under /admin on the same Flask app.

`init_admin(app)` binds what the area needs (its language per person, sessions through Flask-Login, CSRF on every
form through Flask-WTF, rate limits through Flask-Limiter, security headers) and registers the blueprint with its
views.
"""

from datetime import timedelta

from flask import Flask

from admin import language
from admin.blueprint import bp
from admin.extensions import csrf, limiter, login_manager
from admin.security import add_security_headers


def init_admin(app: Flask) -> None:
    app.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
                      REMEMBER_COOKIE_HTTPONLY=True, REMEMBER_COOKIE_SAMESITE="Lax",
                      SESSION_COOKIE_SECURE=app.config["ADMIN_SECURE_COOKIES"],
                      REMEMBER_COOKIE_SECURE=app.config["ADMIN_SECURE_COOKIES"],
                      # Flask refuses a session cookie signed longer ago than this, whatever the server still has.
                      PERMANENT_SESSION_LIFETIME=timedelta(hours=app.config["ADMIN_SESSION_MAX_HOURS"]),
                      WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the session
                      WTF_CSRF_CHECK_DEFAULT=False)  # checked by the admin blueprint alone (admin/blueprint.py)
    language.init_app(app)  # first: what answers early (a 429, a refused CSRF token) speaks the language too
    login_manager.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    from admin import field_names, views  # noqa: F401 - they attach their template helpers and routes to bp
    app.register_blueprint(bp)
    _register_api(app)
    app.after_request(add_security_headers)


def _register_api(app: Flask) -> None:
    """The referrals' JSON API, documented in the app's OpenAPI beside the public API (flask-smorest's Api)."""
    from admin import referrals_api
    api = app.extensions["flask-smorest"]["apis"][""]["ext_obj"]
    referrals_api.document_security(api.spec)
    api.register_blueprint(referrals_api.blp)
