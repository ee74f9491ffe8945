"""Views of /v1/devices: the secret checked first, then body in, device call, response out."""

from flask import g, request
from flask.views import MethodView
from marshmallow import RAISE

from api import rate_limits
from api.backends import backends
from api.resources.devices import DEVICE_SECRET, blp
from api.resources.devices.schemas import (
    DeviceChangesSchema,
    DeviceCreatedSchema,
    DeviceRegistrationSchema,
    DeviceSchema,
    SubscriptionArgsSchema,
    SubscriptionListSchema,
    SubscriptionSchema,
)
from api.services import devices


@blp.before_request
def authenticate():
    """Every route under a device id needs its secret, checked before a body is even read."""
    device_id = (request.view_args or {}).get("device_id")
    if device_id is not None and request.method != "OPTIONS":  # Flask's automatic OPTIONS reveals nothing
        g.device = devices.get(device_id, bearer(), backends().clock())


def bearer() -> str | None:
    """The credential of an `Authorization: Bearer` header, or None (the report route reads it too)."""
    scheme, _, credential = request.headers.get("Authorization", "").partition(" ")
    return credential.strip() if scheme.lower() == "bearer" else None


def secured(view):
    """Document a view as needing the device secret, with the 401 and 404 it may answer."""
    for decorate in (blp.doc(security=[{DEVICE_SECRET: []}]), blp.alt_response(401, response="UNAUTHORIZED"),
                     blp.alt_response(404, response="NOT_FOUND")):
        view = decorate(view)
    return view


@blp.route("")
class Devices(MethodView):
    decorators = [rate_limits.registrations()]

    @blp.arguments(DeviceRegistrationSchema, unknown=RAISE)
    @blp.response(201, DeviceCreatedSchema)
    def post(self, fields):
        """Register a device for push: its id, and the secret (shown only now) that every later change needs."""
        device, secret = devices.register(fields, backends().clock())
        return devices.device_view(device) | {"secret": secret}


@blp.route("/<string:device_id>")
class DeviceById(MethodView):
    @secured
    @blp.response(200, DeviceSchema)
    def get(self, device_id):
        """The device's settings and how many things it follows (never its token or secret)."""
        return devices.device_view(g.device)

    @secured
    @blp.arguments(DeviceChangesSchema, unknown=RAISE)
    @blp.response(200, DeviceSchema)
    def patch(self, changes, device_id):
        """Change the token (FCM rotates it), the locale or lock-screen discretion."""
        return devices.device_view(devices.update(g.device, changes))

    @secured
    @blp.response(204)
    def delete(self, device_id):
        """Forget the device: its subscriptions, queued notifications and delivery records go with it."""
        devices.forget(g.device)


@blp.route("/<string:device_id>/subscriptions")
class Subscriptions(MethodView):
    @secured
    @blp.response(200, SubscriptionListSchema)
    def get(self, device_id):
        """Everything the device follows, oldest first."""
        return {"items": [devices.subscription_view(s) for s in devices.subscriptions(g.device)]}

    @secured
    @blp.arguments(SubscriptionArgsSchema, unknown=RAISE)
    @blp.response(201, SubscriptionSchema)
    @blp.alt_response(200, schema=SubscriptionSchema, description="Already following this service.", success=True)
    @blp.alt_response(409, response="CONFLICT")
    def post(self, fields, device_id):
        """Follow a service, a category within an area, or meetings of some types near a point."""
        context = backends()
        subscription, created = devices.subscribe(g.device, context.reader, fields, context.clock())
        return devices.subscription_view(subscription), 201 if created else 200


@blp.route("/<string:device_id>/subscriptions/<string:subscription_id>")
class SubscriptionById(MethodView):
    @secured
    @blp.response(204)
    def delete(self, device_id, subscription_id):
        """Stop following one thing; the place it held goes with it."""
        devices.unsubscribe(g.device, subscription_id)
