"""The Flask extensions the admin area binds, created unbound so views can import them."""

from flask import request
from flask_limiter import Limiter
from flask_login import LoginManager
from flask_wtf import CSRFProtect

from api.rate_limits import client_key

login_manager = LoginManager()
login_manager.login_view = "admin.login"
login_manager.session_protection = "strong"
csrf = CSRFProtect()
# Counters live where the app's RATELIMIT_STORAGE_URI says (api/backends.py), shared by every worker, for their
# window only, under a keyed hash of the address: addresses are never stored.
limiter = Limiter(key_func=client_key, default_limits=[])


@limiter.request_filter
def _outside_the_admin_area() -> bool:
    """Every request passes each limiter of the app: this one has limits under /admin only, so it lets the public
    API's requests (the API's own limiter counts those) through before resolving any (~20 µs each)."""
    return not request.path.startswith("/admin")
