"""Responses of the catalog resources."""

from marshmallow import Schema, fields


class CategorySchema(Schema):
    code = fields.String()
    label = fields.String()
    count = fields.Integer(metadata={"description": "Listings the public can find in this category."})


class MeetingTypeSchema(Schema):
    code = fields.String()
    label = fields.String(metadata={"description": "In the language asked for, else English."})
    translations = fields.Dict(keys=fields.String(), values=fields.String())
