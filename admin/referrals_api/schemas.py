"""The referral API's bodies. A referral as either side sees it carries no personal field; the client's details have
their own route, answered only to the staff involved and recorded each time."""

from marshmallow import Schema, fields, validate

from api.domain.referral_status import DECLINE_REASONS, STATUSES
from api.models.referral import CONSENT_FORMS, CONTACT_METHODS


class StepSchema(Schema):
    status = fields.String()
    at = fields.DateTime()
    by_name = fields.String(metadata={"description": "The staff member (or Lantern, for expiry)."})
    reason = fields.String(allow_none=True)


class ConsentSchema(Schema):
    """The consent record (42 CFR 2.31): who discloses, to whom, what, until when, how given, revocation; why (its
    purpose, in the worker's words) is sealed with the client's details."""

    discloser_name = fields.String()
    recipient_name = fields.String()
    disclosed = fields.List(fields.String())
    revocable = fields.Boolean()
    expires_at = fields.DateTime()
    given_as = fields.String()
    attested_by_name = fields.String()
    given_at = fields.DateTime()
    revoked_at = fields.DateTime(allow_none=True)


class ReferralSchema(Schema):
    id = fields.String()
    code = fields.String(allow_none=True, metadata={"description": "The client's hand-off code; gone once erased."})
    status = fields.String(metadata={"description": "One of: " + ", ".join(STATUSES)})
    fhir_task_status = fields.String(metadata={"description": "The FHIR R4 Task.status it maps to."})
    sending_org = fields.String()
    sender_name = fields.String()
    receiving_org = fields.String()
    service = fields.String()
    service_name = fields.String()
    category = fields.String()
    requested = fields.String(metadata={"description": "The unit asked for, else the listing's name: a programme the "
                                                       "worker typed is with the client's details."})
    created_at = fields.DateTime()
    respond_by = fields.DateTime()
    answered_at = fields.DateTime(allow_none=True)
    ended_at = fields.DateTime(allow_none=True)
    overdue = fields.Boolean(metadata={"description": "Unanswered past half its response window."})
    erased = fields.Boolean(metadata={"description": "The client's details have been erased."})
    steps = fields.List(fields.Nested(StepSchema))
    consent = fields.Nested(ConsentSchema)


class ReferralListArgsSchema(Schema):
    box = fields.String(load_default="inbox", validate=validate.OneOf(("inbox", "sent", "network")),
                        metadata={"description": "inbox: to your organisation; sent: yours (an organisation admin's: "
                                                 "your organisation's); network: every one (network admins)."})


class ReferralListSchema(Schema):
    items = fields.List(fields.Nested(ReferralSchema))


class NewReferralSchema(Schema):
    service = fields.String(required=True, metadata={"description": "The listing's id."})
    unit = fields.String(load_default=None, metadata={"description": "The code of the unit asked for."})
    requested = fields.String(load_default=None, validate=validate.Length(max=200))
    name = fields.String(required=True, validate=validate.Length(max=200))
    contact_method = fields.String(required=True, validate=validate.OneOf(CONTACT_METHODS))
    contact = fields.String(load_default=None, validate=validate.Length(max=200))
    note = fields.String(load_default=None, validate=validate.Length(max=2000),
                         metadata={"description": "At most 500 characters; never a diagnosis."})
    consent_given_as = fields.String(required=True, validate=validate.OneOf(CONSENT_FORMS))
    consent_purpose = fields.String(required=True, validate=validate.Length(max=1000))
    consent_expires_on = fields.Date(required=True)
    consent_revocable = fields.Boolean(required=True, metadata={"description": "The client was told they may "
                                                                               "revoke it; must be true."})
    consent_attested = fields.Boolean(required=True, metadata={"description": "The worker attests the client gave "
                                                                              "it; must be true."})


class StepArgsSchema(Schema):
    step = fields.String(required=True, validate=validate.OneOf(("seen", "accepted", "declined", "waitlisted",
                                                                 "arrived", "did_not_arrive", "closed")))
    hold_unit = fields.String(load_default=None, metadata={"description": "With accepted: the id of the unit whose "
                                                                          "free place to hold for the client."})
    reason = fields.String(load_default=None, validate=validate.OneOf(tuple(DECLINE_REASONS)),
                           metadata={"description": "With declined: why."})


class ClientSchema(Schema):
    name = fields.String()
    contact_method = fields.String()
    contact = fields.String(allow_none=True)
    note = fields.String(allow_none=True)
    requested = fields.String(allow_none=True, metadata={"description": "The programme the worker typed, if any."})
    purpose = fields.String(allow_none=True, metadata={"description": "What the client consented to the sharing for "
                                                                      "(42 CFR 2.31(a)(5)), in the worker's words."})


class AlertSchema(Schema):
    token = fields.String(required=True, validate=validate.Length(min=1, max=4096))
    platform = fields.String(required=True, validate=validate.OneOf(("android", "ios", "web")))
    locale = fields.String(load_default="en", validate=validate.Length(max=35))


class AlertOffSchema(Schema):
    token = fields.String(load_default=None, metadata={"description": "One phone's token; none: every phone."})


class AlertsSchema(Schema):
    phones = fields.Integer(metadata={"description": "Phones of yours that get referral alerts."})


class CsrfSchema(Schema):
    csrf_token = fields.String(metadata={"description": "Send it back as the X-CSRFToken header of every POST, PUT "
                                                        "and DELETE."})


class FigureSchema(Schema):
    organization = fields.String(allow_none=True, metadata={"description": "None: the whole network."})
    organization_name = fields.String()
    category = fields.String()
    sent = fields.Integer(allow_none=True, metadata={"description": "None: fewer than 5, suppressed."})
    answered = fields.Integer(allow_none=True)
    median_hours = fields.Float(allow_none=True)
    accepted = fields.Integer(allow_none=True)
    arrived = fields.Integer(allow_none=True)


class FigureArgsSchema(Schema):
    month = fields.String(load_default=None, metadata={
        "description": "A whole month that has ended, as 2026-10; the last one by default. Nothing shorter or "
                       "overlapping: two overlapping periods' figures, subtracted, would give hidden counts away."})


class FigureListSchema(Schema):
    month = fields.String(metadata={"description": "The month counted (UTC), as it stood when it ended."})
    items = fields.List(fields.Nested(FigureSchema))
