"""/v1/services/{id}/reports: tell a listing's partner it is wrong, without an account and without being known."""

from api.resources.blueprint import Blueprint

blp = Blueprint("reports", __name__, url_prefix="/v1/services",
                description="Report that a listing is wrong (closed, moved, hours, full, phone, a meeting not held). "
                            "Its partner answers; nothing about the person reporting is kept.")

from api.resources.reports import resources  # noqa: E402,F401  (registers the views on blp)
