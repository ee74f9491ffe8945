"""/v1/devices: anonymous push registrations and what each one follows; every change needs the device secret."""

from api.resources.blueprint import Blueprint

blp = Blueprint("devices", __name__, url_prefix="/v1/devices",
                description="Register a phone for push notifications (no account, no personal data) and choose "
                            "what it follows. Every route but registration needs the device secret.")

# The OpenAPI name of the device-secret scheme, so /docs offers an "Authorize" box for it.
DEVICE_SECRET = "deviceSecret"


def document_security(spec) -> None:
    """Declare the bearer scheme the device routes name in their `security`."""
    spec.components.security_scheme(DEVICE_SECRET, {
        "type": "http", "scheme": "bearer",
        "description": "The `secret` returned once by POST /v1/devices."})


from api.resources.devices import resources  # noqa: E402,F401  (registers the views on blp)
