"""Response pieces shared by several resources: places, hours, availability, phones, meeting detail."""

from marshmallow import Schema, fields

from api.models.translations import ORIGINAL, TRANSLATED


def language_map(texts: str) -> fields.Dict:
    """The map that says which language each partner-written text of an object is in."""
    code = fields.String(metadata={"enum": [ORIGINAL, *TRANSLATED]})
    return fields.Dict(keys=fields.String(), values=code, metadata={
        "description": f"The language each of {texts} is in, by field: the answer's language when the partner gave "
                       f"the text in it, else the language it was written in ({ORIGINAL}). A text that is empty "
                       "is not listed.",
        "example": {"name": "es", "description": ORIGINAL}})


class PointSchema(Schema):
    lat = fields.Float(required=True)
    lng = fields.Float(required=True)


class LocationSchema(Schema):
    id = fields.String(required=True)
    name = fields.String(allow_none=True)
    area = fields.String(allow_none=True, metadata={"description": "Neighbourhood or district."})
    address_1 = fields.String(allow_none=True, metadata={"description": "Never given for a confidential place."})
    address_2 = fields.String(allow_none=True)
    city = fields.String()
    region = fields.String(allow_none=True)
    postal_code = fields.String(allow_none=True)
    country = fields.String()
    point = fields.Nested(PointSchema, metadata={
        "description": "Exact for ordinary places; the centre of a ~2 km cell for confidential ones."})
    confidential = fields.Boolean()
    address_note = fields.String(allow_none=True, metadata={"description": "\"Call for address\" when confidential."})
    accessibility = fields.List(fields.String())
    description = fields.String(allow_none=True, metadata={"description": "About the place; never given for a "
                                                                          "confidential one."})
    transit = fields.String(allow_none=True, metadata={"description": "How to get there; never given for a "
                                                                      "confidential place."})
    content_language = language_map("description and transit")


class OpeningSchema(Schema):
    start = fields.String(metadata={"description": "Local time with UTC offset (ISO 8601)."})
    end = fields.String(allow_none=True)


class HoursSchema(Schema):
    timezone = fields.String(metadata={"description": "IANA time zone the times are in."})
    open_now = fields.Boolean(allow_none=True, metadata={"description": "Null when the listing has no hours."})
    closes_at = fields.String(allow_none=True, metadata={
        "description": "End of the current opening; null while open when it runs a week or more (24/7)."})
    next_open = fields.Nested(OpeningSchema, allow_none=True)
    summary = fields.String(metadata={
        "description": "The same in words, in the answer's language and the listing's local time, e.g. \"Open until "
                       "5:00 PM\", \"Cerrado · abre mañana a las 9:00\"."})


class UnitSchema(Schema):
    code = fields.String()
    name = fields.String()
    available = fields.Integer()
    maximum = fields.Integer(allow_none=True)
    waitlist_open = fields.Boolean()
    waitlist_length = fields.Integer(allow_none=True)
    confirmed_at = fields.String()
    confirmed_by = fields.String()
    unconfirmed = fields.Boolean(metadata={"description": "Older than the category's freshness window."})


class AvailabilitySchema(Schema):
    state = fields.String(metadata={"description": "available | waitlist | full | unconfirmed | not_tracked"})
    accepting = fields.Boolean()
    available = fields.Integer(metadata={"description": "Open places among confirmed units only."})
    confirmed_at = fields.String(allow_none=True)
    reported = fields.String(allow_none=True, metadata={
        "description": "full | closed: several people reported it so and its partner has not confirmed the counts "
                       "since; state is then unconfirmed, whatever the counts say."})
    summary = fields.String(metadata={"description": "In the answer's language, e.g. \"2 open · confirmed 3 hours "
                                                     "ago\", \"1 lugar libre · confirmado hace 3 horas\"."})
    units = fields.List(fields.Nested(UnitSchema))


class PhoneSchema(Schema):
    number = fields.String()
    extension = fields.String(allow_none=True)
    type = fields.String()
    description = fields.String(allow_none=True)
    languages = fields.List(fields.String())


class OrganizationRefSchema(Schema):
    id = fields.String()
    name = fields.String()


class MeetingTypeLabelSchema(Schema):
    code = fields.String()
    label = fields.String()


class MeetingDetailSchema(Schema):
    fellowship = fields.String()
    fellowship_name = fields.String()
    types = fields.List(fields.Nested(MeetingTypeLabelSchema))
    attendance = fields.String(metadata={"description": "in_person | online | hybrid"})
    conference_url = fields.String(allow_none=True)
    conference_url_notes = fields.String(allow_none=True)
    conference_phone = fields.String(allow_none=True)
    conference_phone_notes = fields.String(allow_none=True)
    group = fields.String(allow_none=True)
    approximate = fields.Boolean()
    notes = fields.String(allow_none=True)


class PageSchema(Schema):
    page = fields.Integer()
    per_page = fields.Integer()
    total = fields.Integer()
