"""/v1/meetings: mutual-support meetings by place, day, time, type and attendance."""

from api.resources.blueprint import Blueprint

blp = Blueprint("meetings", __name__, url_prefix="/v1/meetings",
                description="Meetings near a place, soonest first, with the next occurrence in local time.")

from api.resources.meetings import resources  # noqa: E402,F401  (registers the views on blp)
