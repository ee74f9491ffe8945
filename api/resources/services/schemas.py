"""Arguments and responses of /v1/services."""

from marshmallow import Schema, fields, validate
from webargs.fields import DelimitedList

from api.domain.vocabulary import CATEGORIES, GENDERS, MOUD_TYPES, PAYMENT_OPTIONS
from api.resources.query_schemas import SearchArgsSchema
from api.resources.view_schemas import (
    AvailabilitySchema,
    HoursSchema,
    LocationSchema,
    MeetingDetailSchema,
    OpeningSchema,
    OrganizationRefSchema,
    PageSchema,
    PhoneSchema,
    language_map,
)


class ServiceSearchArgsSchema(SearchArgsSchema):
    category = DelimitedList(fields.String(validate=validate.OneOf(tuple(CATEGORIES))), load_default=list,
                                    metadata={"description": "One or more categories, comma-separated."})
    open_now = fields.Boolean(load_default=False, metadata={"description": "Only services open at this moment."})
    accepting = fields.Boolean(load_default=False,
                               metadata={"description": "Only services with a confirmed free place now."})
    gender = fields.String(validate=validate.OneOf(GENDERS),
                           metadata={"description": "Services that serve this gender (or everyone)."})
    language = fields.String(validate=validate.Regexp(r"^[a-z]{2,3}$"), metadata={"description": "ISO 639 code."})
    moud = fields.String(validate=validate.OneOf(tuple(MOUD_TYPES)))
    payment = fields.String(validate=validate.OneOf(tuple(PAYMENT_OPTIONS)))
    narr_level = fields.Integer(validate=validate.Range(1, 4))


class OrganizationSchema(OrganizationRefSchema):
    website = fields.String(allow_none=True)
    description = fields.String(allow_none=True)


class ServiceSummarySchema(Schema):
    id = fields.String()
    name = fields.String()
    category = fields.String()
    category_label = fields.String()
    status = fields.String(metadata={"description": "active | inactive | temporarily_closed"})
    status_note = fields.String(allow_none=True)
    content_language = language_map("name and status_note (in a listing's detail also description and "
                                        "eligibility.description)")
    organization = fields.Nested(OrganizationRefSchema)
    distance_m = fields.Integer(allow_none=True, metadata={"description": "Metres from lat/lng, when given."})
    location = fields.Nested(LocationSchema, allow_none=True)
    phone = fields.Nested(PhoneSchema, allow_none=True)
    hours = fields.Nested(HoursSchema)
    availability = fields.Nested(AvailabilitySchema)
    version = fields.Integer()


class ServicePageSchema(PageSchema):
    items = fields.List(fields.Nested(ServiceSummarySchema))
    facets = fields.Dict(keys=fields.String(), values=fields.Dict(keys=fields.String(), values=fields.Integer()),
                         metadata={"description": "Counts per filter value over all matches."})


class ScheduleSchema(Schema):
    freq = fields.String()
    byday = fields.List(fields.String())
    opens_at = fields.String()
    closes_at = fields.String()
    text = fields.String(allow_none=True, metadata={
        "description": "In words, in the answer's language: \"Monday to Friday, 9:00 AM – 5:00 PM\"; null for a rule "
                       "words cannot say briefly (every other week, ...), which upcoming shows instead."})
    valid_from = fields.String(allow_none=True)
    valid_to = fields.String(allow_none=True)
    description = fields.String(allow_none=True)


class ExceptionSchema(Schema):
    date = fields.String()
    closed = fields.Boolean()
    opens_at = fields.String(allow_none=True)
    closes_at = fields.String(allow_none=True)
    reason = fields.String(allow_none=True)


class ContactSchema(Schema):
    name = fields.String()
    title = fields.String(allow_none=True)
    email = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)


class EligibilitySchema(Schema):
    min_age = fields.Integer(allow_none=True)
    max_age = fields.Integer(allow_none=True)
    genders = fields.List(fields.String())
    populations = fields.List(fields.String())
    description = fields.String(allow_none=True)


class CostSchema(Schema):
    free = fields.Boolean()
    fees_description = fields.String(allow_none=True)
    payment_options = fields.List(fields.String())


class HousingSchema(Schema):
    narr_level = fields.Integer(allow_none=True)
    narr_label = fields.String(allow_none=True)
    certified_by = fields.String(allow_none=True)
    certification_expires = fields.String(allow_none=True)
    certification_current = fields.Boolean()
    accepts_families = fields.Boolean()
    pets_allowed = fields.Boolean()
    moud_friendly = fields.Boolean()
    weekly_cost = fields.Float(allow_none=True)
    currency = fields.String()


class LevelOfCareSchema(Schema):
    code = fields.String()
    label = fields.String()


class ClinicalSchema(Schema):
    moud = fields.List(fields.String())
    walk_in = fields.Boolean()
    same_day_induction = fields.Boolean()
    levels_of_care = fields.List(fields.Nested(LevelOfCareSchema))


class EmploymentSchema(Schema):
    programme_type = fields.String()
    programme_label = fields.String()
    paid = fields.Boolean()
    duration_weeks = fields.Integer(allow_none=True)


class ServiceDetailSchema(ServiceSummarySchema):
    alternate_name = fields.String(allow_none=True)
    description = fields.String(allow_none=True)
    url = fields.String(allow_none=True)
    email = fields.String(allow_none=True)
    languages = fields.List(fields.String())
    taxonomy_terms = fields.List(fields.String())
    phones = fields.List(fields.Nested(PhoneSchema))
    contacts = fields.List(fields.Nested(ContactSchema))
    organization = fields.Nested(OrganizationSchema)
    locations = fields.List(fields.Nested(LocationSchema))
    eligibility = fields.Nested(EligibilitySchema)
    cost = fields.Nested(CostSchema)
    schedules = fields.List(fields.Nested(ScheduleSchema))
    upcoming = fields.List(fields.Nested(OpeningSchema), metadata={"description": "Next openings, local time."})
    exceptions = fields.List(fields.Nested(ExceptionSchema), metadata={"description": "Closures from today on."})
    meeting = fields.Nested(MeetingDetailSchema, allow_none=True)
    housing = fields.Nested(HousingSchema, allow_none=True)
    clinical = fields.Nested(ClinicalSchema, allow_none=True)
    employment = fields.Nested(EmploymentSchema, allow_none=True)
    updated_at = fields.String()
