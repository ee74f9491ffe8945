"""Who is signed in: a Flask-Login view of a StaffUser whose session id carries the account's session version.

A password change, reset or deactivation bumps StaffUser.session_version, so every session signed in before it no
longer loads: it ends at its next request (api/ stays free of Flask, hence this thin wrapper here).
"""

from flask_login import UserMixin

from admin.extensions import login_manager
from api.models.staff import StaffUser


class SignedInStaff(UserMixin):
    """The signed-in StaffUser (as .user); its fields read through (current_user.role, .organization, .name)."""

    def __init__(self, user: StaffUser):
        self.user = user

    def __getattr__(self, name):
        if name == "user":  # not set yet (copying, unpickling): no recursion through __getattr__
            raise AttributeError(name)
        return getattr(self.user, name)

    def get_id(self) -> str:
        return f"{self.user.id}:{self.user.session_version}"

    @property
    def is_active(self) -> bool:
        return bool(self.user.active)


@login_manager.user_loader
def load_signed_in(session_id: str) -> SignedInStaff | None:
    """The session's person, if still active and no password change or deactivation has happened since."""
    user_id, _, version = (session_id or "").partition(":")
    user = StaffUser.objects(id=user_id, active=True).first()
    if user is None or str(user.session_version) != version:
        return None
    return SignedInStaff(user)
