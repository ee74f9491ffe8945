"""Bodies and responses of /v1/devices and its subscriptions."""

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from api.domain.meeting_types import is_meeting_type
from api.domain.vocabulary import CATEGORIES, GENDERS
from api.i18n.text import N_
from api.i18n.text import gettext as _
from api.models.device import MAX_RADIUS_KM, PLATFORMS, SUBSCRIPTION_KINDS, TOKEN_KINDS
from api.resources.query_schemas import LANGUAGE_TAG
from api.resources.view_schemas import PointSchema
from api.services.devices import KIND_FIELDS

LOCALE_RULES = [validate.Length(max=35), validate.Regexp(LANGUAGE_TAG, error=N_("Use a BCP 47 tag, e.g. en or es-MX."))]
DEFAULT_RADIUS_KM = 10
MAX_TYPES = 10
# Besides its own fields, a kind needs these; lat/lng place an area or meetings subscription.
KIND_REQUIRES = {"service": ("service",), "area": ("category", "lat", "lng"), "meetings": ("types", "lat", "lng")}


def _known_type(code: str) -> None:
    if not is_meeting_type(code):
        raise ValidationError(_("{code} is not a Meeting Guide type code (see /v1/meeting-types).", code=repr(code)))


class DeviceChangesSchema(Schema):
    token = fields.String(validate=validate.Length(1, 4096), metadata={"description": "The FCM token."})
    token_kind = fields.String(validate=validate.OneOf(TOKEN_KINDS),
                               metadata={"description": "What the token is; send it with the token it describes."})
    locale = fields.String(validate=LOCALE_RULES,
                           metadata={"description": "Language of notifications, BCP 47 (e.g. en, es-MX)."})
    discreet = fields.Boolean(metadata={"description": "Lock-screen text names no service."})

    @validates_schema
    def kind_comes_with_token(self, data, **kwargs):
        """A new kind describes a new token: alone it would mislabel the one we hold."""
        if "token_kind" in data and "token" not in data:
            raise ValidationError(_("Send token_kind together with the token it describes."), field_name="token_kind")


class DeviceRegistrationSchema(Schema):
    token = fields.String(required=True, validate=validate.Length(1, 4096),
                          metadata={"description": "The FCM registration token (or installation id)."})
    token_kind = fields.String(load_default="registration_token", validate=validate.OneOf(TOKEN_KINDS))
    platform = fields.String(required=True, validate=validate.OneOf(PLATFORMS))
    locale = fields.String(load_default="en", validate=LOCALE_RULES,
                           metadata={"description": "Language of notifications, BCP 47 (e.g. en, es-MX)."})
    discreet = fields.Boolean(load_default=True, metadata={"description": "Lock-screen text names no service."})


class DeviceSchema(Schema):
    id = fields.String()
    token_kind = fields.String()
    platform = fields.String()
    locale = fields.String()
    discreet = fields.Boolean()
    created_at = fields.DateTime()
    last_seen_at = fields.Date(allow_none=True, metadata={"description": "The day only."})
    subscription_count = fields.Integer()
    subscription_limit = fields.Integer()


class DeviceCreatedSchema(Schema):
    id = fields.String()
    secret = fields.String(metadata={"description": "Shown only here: keep it to change or delete the device."})
    token_kind = fields.String()
    platform = fields.String()
    locale = fields.String()
    discreet = fields.Boolean()
    created_at = fields.DateTime()


class SubscriptionArgsSchema(Schema):
    """One body for every kind; a field that the kind does not use is refused by name."""

    kind = fields.String(required=True, validate=validate.OneOf(SUBSCRIPTION_KINDS))
    service = fields.UUID(data_key="service_id", metadata={"description": "kind service: the listing to follow."})
    category = fields.String(validate=validate.OneOf(tuple(CATEGORIES)), metadata={"description": "kind area."})
    gender = fields.String(validate=validate.OneOf(GENDERS),
                           metadata={"description": "kind area: services open to this gender."})
    accepting = fields.Boolean(metadata={"description": "kind area: only news of a free place."})
    types = fields.List(fields.String(validate=_known_type), validate=validate.Length(1, MAX_TYPES),
                        metadata={"description": "kind meetings: Meeting Guide type codes, all required."})
    lat = fields.Float(validate=validate.Range(-90, 90),
                       metadata={"description": "kinds area, meetings; kept only as a ~2 km cell's centre."})
    lng = fields.Float(validate=validate.Range(-180, 180))
    radius_km = fields.Float(validate=validate.Range(0.5, MAX_RADIUS_KM),
                             metadata={"description": f"kinds area, meetings (default {DEFAULT_RADIUS_KM})."})

    @validates_schema
    def fits_the_kind(self, data, **kwargs):
        """Every field the kind needs, and none it does not use."""
        kind = data["kind"]
        allowed = set(KIND_FIELDS[kind]) | set(KIND_REQUIRES[kind])
        errors = {self.fields[name].data_key or name: [_("Not used by kind {kind}.", kind=repr(kind))]
                  for name in data if name != "kind" and name not in allowed}
        errors |= {self.fields[name].data_key or name: [_("Missing data for required field.")]
                   for name in KIND_REQUIRES[kind] if name not in data}
        if errors:
            raise ValidationError(errors)

    @post_load
    def normalise(self, data, **kwargs):
        if "service" in data:
            data["service"] = str(data["service"])
        if "types" in data:
            data["types"] = list(dict.fromkeys(data["types"]))  # the same code twice asks for nothing more
        if data["kind"] != "service":
            data.setdefault("radius_km", DEFAULT_RADIUS_KM)
        return data


class SubscriptionSchema(Schema):
    id = fields.String()
    kind = fields.String()
    service_id = fields.String()
    category = fields.String()
    gender = fields.String()
    accepting = fields.Boolean()
    types = fields.List(fields.String())
    centre = fields.Nested(PointSchema, metadata={"description": "The centre of the ~2 km cell kept, not the point "
                                                                 "that was sent."})
    radius_km = fields.Float()
    created_at = fields.DateTime()


class SubscriptionListSchema(Schema):
    items = fields.List(fields.Nested(SubscriptionSchema))
