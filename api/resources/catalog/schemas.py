"""Responses of the catalog resources."""

from marshmallow import Schema, fields


class CategorySchema(Schema):
    code = fields.String()
    label = fields.String(metadata={"description": "In the answer's language (Content-Language)."})
    count = fields.Integer(metadata={"description": "Listings the public can find in this category."})


class MeetingTypeSchema(Schema):
    code = fields.String()
    label = fields.String(metadata={"description": "In the answer's language, as the specification translates it "
                                                   "(English where it has no translation)."})
    translations = fields.Dict(keys=fields.String(), values=fields.String())
