"""The admin area's pages, one module per screen family; importing them attaches their routes to the blueprint."""

from admin.views import auth, history, home, push, quality, quick, staff  # noqa: F401
