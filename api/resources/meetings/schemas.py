"""Arguments and responses of /v1/meetings."""

from marshmallow import Schema, ValidationError, fields, validate
from webargs.fields import DelimitedList

from api.domain.meeting_types import is_meeting_type
from api.domain.vocabulary import ATTENDANCE, FELLOWSHIPS
from api.i18n.text import N_
from api.i18n.text import gettext as _
from api.models.fields import HHMM
from api.resources.query_schemas import SearchArgsSchema
from api.resources.view_schemas import (
    LocationSchema,
    MeetingDetailSchema,
    OrganizationRefSchema,
    PageSchema,
    language_map,
)


def _known_type(code: str) -> None:
    if not is_meeting_type(code):
        raise ValidationError(_("{code} is not a Meeting Guide type code (see /v1/meeting-types).", code=repr(code)))


class MeetingSearchArgsSchema(SearchArgsSchema):
    day = fields.Integer(validate=validate.Range(0, 6),
                         metadata={"description": "Meeting Guide day: 0 = Sunday … 6 = Saturday."})
    starting_after = fields.String(validate=validate.Regexp(HHMM, error=N_("Use HH:MM, 24-hour.")),
                                   metadata={"description": "Only meetings starting at or after this local time."})
    types = DelimitedList(fields.String(validate=_known_type), load_default=list,
                                 metadata={"description": "Meeting Guide type codes, all required (e.g. W,O)."})
    attendance = DelimitedList(fields.String(validate=validate.OneOf(ATTENDANCE)), load_default=list,
                                      metadata={"description": "in_person, online and/or hybrid."})
    fellowship = fields.String(validate=validate.OneOf(tuple(FELLOWSHIPS)))


class OccurrenceSchema(Schema):
    start = fields.String(metadata={"description": "Local time with UTC offset."})
    end = fields.String()
    timezone = fields.String()
    day = fields.Integer(metadata={"description": "Meeting Guide day, 0 = Sunday."})
    time = fields.String(metadata={"description": "Local HH:MM."})
    summary = fields.String(metadata={"description": "When, in words, in the answer's language and local time: "
                                                     "\"Today at 7:00 PM\", \"Ahora · hasta las 20:00\"."})


class MeetingSummarySchema(Schema):
    id = fields.String()
    name = fields.String()
    status = fields.String()
    content_language = language_map("name")
    organization = fields.Nested(OrganizationRefSchema)
    distance_m = fields.Integer(allow_none=True)
    location = fields.Nested(LocationSchema, allow_none=True)
    in_progress = fields.Boolean()
    next_occurrence = fields.Nested(OccurrenceSchema, allow_none=True)
    meeting = fields.Nested(MeetingDetailSchema)
    version = fields.Integer()


class MeetingPageSchema(PageSchema):
    items = fields.List(fields.Nested(MeetingSummarySchema))
