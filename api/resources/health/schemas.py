"""Response of /v1/health."""

from marshmallow import Schema, fields


class ComponentSchema(Schema):
    backend = fields.String()
    ok = fields.Boolean()


class IndexLagSchema(Schema):
    checkpoint = fields.Integer(metadata={"description": "Change number the index holds everything up to."})
    changes = fields.Integer(metadata={"description": "Changes not yet in the index."})
    seconds = fields.Float(metadata={"description": "Age of the oldest change not yet in the index."})


class ReadinessSchema(Schema):
    state = fields.String(metadata={"description": "ready, or starting while background work catches up after start "
                                                   "(requests are answered meanwhile)."})
    pending = fields.List(fields.String(), metadata={"description": "What is still catching up, e.g. the "
                                                                    "notifier's first pass."})


class HealthSchema(Schema):
    status = fields.String(metadata={"description": "ok, or unavailable when a component cannot answer."})
    storage = fields.Nested(ComponentSchema)
    search = fields.Nested(ComponentSchema)
    readiness = fields.Nested(ReadinessSchema)
    index = fields.Nested(IndexLagSchema, metadata={"description": "Only with SEARCH_BACKEND=meilisearch."})
