"""The feed is the specification's bare array, not our envelope; it is rebuilt only when the directory changed."""

from flask import jsonify, request
from flask.views import MethodView

from api.interop.meeting_guide.feed import meeting_guide_feed
from api.models import changes
from api.resources.meeting_guide import blp


@blp.route("/meeting-guide.json")
class MeetingGuideFeed(MethodView):
    @blp.response(200, description="A JSON array of meetings in the Meeting Guide format "
                                   "(https://github.com/code4recovery/spec).")
    def get(self):
        """Every listed meeting as a Meeting Guide JSON feed."""
        # Any change to the directory bumps the counter, so it tags the feed without building it.
        tag = f'"mg-{changes.current()}"'
        if tag in request.headers.get("If-None-Match", ""):
            return "", 304, {"ETag": tag}
        response = jsonify(meeting_guide_feed())
        response.headers["ETag"] = tag
        return response
