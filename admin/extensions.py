"""The Flask extensions the admin area binds, created unbound so views can import them."""

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf import CSRFProtect

login_manager = LoginManager()
login_manager.login_view = "admin.login"
login_manager.session_protection = "strong"
csrf = CSRFProtect()
# Counters live in this process's memory for their window only: addresses are never stored.
limiter = Limiter(key_func=get_remote_address, default_limits=[], storage_uri="memory://")
