"""The feed is the specification's bare array, not our envelope; it is rebuilt only when the directory changed."""

from flask import Response, current_app, request
from flask.views import MethodView

from api import rate_limits
from api.backends import backends
from api.interop.meeting_guide.feed import meeting_guide_feed
from api.models import changes
from api.resources.meeting_guide import blp


@blp.route("/meeting-guide.json")
class MeetingGuideFeed(MethodView):
    decorators = [rate_limits.exports()]

    @blp.response(200, description="A JSON array of meetings in the Meeting Guide format "
                                   "(https://github.com/code4recovery/spec).")
    def get(self):
        """Every listed meeting as a Meeting Guide JSON feed."""
        # Any change to the directory bumps the counter, so it tags the feed without building it.
        sequence = changes.current()
        tag = f'"mg-{sequence}"'
        if tag in request.headers.get("If-None-Match", ""):
            return "", 304, {"ETag": tag}
        # Built once per change sequence, however many clients ask for it at once.
        body = backends().exports.get(("meeting-guide", sequence),
                                      lambda: (current_app.json.dumps(meeting_guide_feed()) + "\n").encode())
        response = Response(body, mimetype=current_app.json.mimetype)
        response.headers["ETag"] = tag
        return response
