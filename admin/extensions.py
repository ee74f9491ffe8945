"""The Flask extensions the admin area binds, created unbound so views can import them."""

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
