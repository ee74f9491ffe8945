"""Response of /v1/health."""

from marshmallow import Schema, fields


class ComponentSchema(Schema):
    backend = fields.String()
    ok = fields.Boolean()


class HealthSchema(Schema):
    status = fields.String(metadata={"description": "ok, or unavailable when a component cannot answer."})
    storage = fields.Nested(ComponentSchema)
    search = fields.Nested(ComponentSchema)
