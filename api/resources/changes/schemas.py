"""Arguments and response of /v1/changes."""

from marshmallow import Schema, fields, validate

from api.resources.query_schemas import MAX_PER_PAGE, LangArgsSchema
from api.resources.services.schemas import ServiceSummarySchema


class ChangesArgsSchema(LangArgsSchema):
    since = fields.Integer(load_default=0, validate=validate.Range(min=0, max=2**63 - 1),
                           metadata={"description": "The next_since of the previous answer (0 for everything)."})
    limit = fields.Integer(load_default=MAX_PER_PAGE, validate=validate.Range(1, 500))


class ChangeSchema(Schema):
    id = fields.String()
    change = fields.String(metadata={"description": "upsert (store the summary) or removed (forget the id)."})
    change_seq = fields.Integer()
    service = fields.Nested(ServiceSummarySchema, allow_none=True)


class ChangesSchema(Schema):
    changes = fields.List(fields.Nested(ChangeSchema))
    next_since = fields.Integer(metadata={"description": "Send as since next time."})
    has_more = fields.Boolean(metadata={"description": "Ask again at once with next_since for the rest."})
