"""The body of a report and the answer to it."""

from marshmallow import Schema, ValidationError, fields, validate, validates, validates_schema

from api.domain.spam import spam_reason
from api.i18n.text import N_
from api.i18n.text import gettext as _
from api.models.report import KINDS, MAX_NOTE
from api.models.schedule import WEEKDAYS
from api.resources.devices.schemas import LOCALE_RULES

# The suggested fields each kind takes, and those it cannot do without.
KIND_FIELDS = {"closed": (), "moved": ("address",), "wrong_hours": ("days", "opens_at", "closes_at"), "full": (),
               "phone_wrong": ("phone",), "meeting_not_held": ("date",), "other": ()}
KIND_REQUIRES = {"moved": ("address",), "wrong_hours": ("days", "opens_at", "closes_at"),
                 "meeting_not_held": ("date",), "other": ("note",)}
HHMM = validate.Regexp(r"^([01]\d|2[0-3]):[0-5]\d$", error=N_("Use a 24-hour time such as 09:30."))


class ReportArgsSchema(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(KINDS), metadata={
        "description": "closed | moved | wrong_hours | full (shown with room, but full) | phone_wrong | "
                       "meeting_not_held | other"})
    days = fields.List(fields.String(validate=validate.OneOf(WEEKDAYS)), validate=validate.Length(1, 7),
                       metadata={"description": "wrong_hours: the days (MO..SU) the right hours apply to."})
    opens_at = fields.String(validate=HHMM, metadata={"description": "wrong_hours: opens (HH:MM, local time)."})
    closes_at = fields.String(validate=HHMM, metadata={"description": "wrong_hours: closes (HH:MM, local time)."})
    phone = fields.String(validate=[validate.Length(3, 40), validate.Regexp(
        r"^[0-9+()\-. ]{3,40}$", error=N_("Digits, spaces and + ( ) - . only."))],
        metadata={"description": "phone_wrong: the number that works, if known."})
    date = fields.Date(metadata={"description": "meeting_not_held: the date (in the meeting's local time) it was "
                                                "not held, within the last 30 days or the next 90."})
    address = fields.String(validate=validate.Length(3, 300),
                            metadata={"description": "moved: the new address, as the person would say it."})
    note = fields.String(validate=validate.Length(max=MAX_NOTE), metadata={
        "description": "What else the partner should know, in a few words. No links, no contact details: the "
                       "partner cannot answer here."})
    language = fields.String(validate=LOCALE_RULES, metadata={"description": "The note's language, BCP 47."})
    device_id = fields.String(validate=validate.Length(1, 100), metadata={
        "description": "To hear the outcome (one discreet notification): the device's id, with its secret as "
                       "`Authorization: Bearer`. The report then keeps that device's id until it is told."})

    @validates("note")
    def reads_like_a_note(self, value, **kwargs):
        reason = spam_reason(value)
        if reason:
            raise ValidationError(_(reason))

    @validates_schema
    def fits_the_kind(self, data, **kwargs):
        """Every field the kind needs, and none it does not use."""
        kind = data.get("kind")
        if kind not in KIND_FIELDS:
            return  # the kind's own error says it
        allowed = set(KIND_FIELDS[kind]) | {"kind", "note", "language", "device_id"}
        errors = {name: [_("Not used by kind {kind}.", kind=repr(kind))] for name in data if name not in allowed}
        errors |= {name: [_("Missing data for required field.")]
                   for name in KIND_REQUIRES.get(kind, ()) if not _given(data.get(name))}
        if errors:
            raise ValidationError(errors)


def _given(value) -> bool:
    """A value that says something: blank text or an empty list does not."""
    return bool(value.strip()) if isinstance(value, str) else value not in (None, [])


class ReportSchema(Schema):
    id = fields.String()
    kind = fields.String()
    count = fields.Integer(metadata={"description": "How many people reported the same thing, this one included."})
    state = fields.String(metadata={"description": "open: waiting for the listing's partner."})
    notify = fields.Boolean(metadata={"description": "Whether this device will be told the outcome."})
