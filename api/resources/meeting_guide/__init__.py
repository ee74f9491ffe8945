"""/v1/meeting-guide.json: our meetings as a Meeting Guide feed, for the Meeting Guide app and TSML UI."""

from api.resources.blueprint import Blueprint

blp = Blueprint("meeting-guide", __name__, url_prefix="/v1", translated=False,
                description="Meetings as a Meeting Guide JSON feed.")

from api.resources.meeting_guide import resources  # noqa: E402,F401  (registers the views on blp)
