"""The view of POST /v1/services/{id}/reports: the device checked if one is named, then intake, then the answer."""

from flask.views import MethodView
from marshmallow import RAISE

from api import rate_limits
from api.backends import backends
from api.errors import InvalidField, NotFound
from api.i18n.text import gettext as _
from api.resources.devices import DEVICE_SECRET
from api.resources.devices.resources import bearer
from api.resources.reports import blp
from api.resources.reports.schemas import ReportArgsSchema, ReportSchema
from api.services import devices
from api.services.reports import doubt, intake


@blp.route("/<string:service_id>/reports")
class Reports(MethodView):
    decorators = [rate_limits.reports(), rate_limits.doubting_reports(doubt.KINDS)]

    @blp.doc(security=[{}, {DEVICE_SECRET: []}])
    @blp.arguments(ReportArgsSchema, unknown=RAISE)
    @blp.response(201, ReportSchema)
    @blp.alt_response(200, schema=ReportSchema, success=True,
                      description="The same thing was already reported: this report was counted into it.")
    @blp.alt_response(401, response="UNAUTHORIZED")
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    @blp.alt_response(413, response="REQUEST_ENTITY_TOO_LARGE")
    def post(self, fields, service_id):
        """Report that a listing is wrong; its partner answers. Nothing about you is kept, not even your address."""
        context = backends()
        now = context.clock()
        device = _device(fields.get("device_id"), now)
        received = intake.receive(service_id, fields, device, now, context.config)
        report = received.report
        body = {"id": report.id, "kind": report.kind, "count": report.count, "state": report.state,
                "notify": device is not None}
        return body, 201 if received.created else 200


def _device(device_id: str | None, now):
    """The device that asked to hear the outcome, proven by its secret; None when none asked."""
    if device_id is None:
        return None
    try:
        return devices.get(device_id, bearer(), now)
    except NotFound:
        raise InvalidField("device_id", _("No device has this id.")) from None
