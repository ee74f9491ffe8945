"""HSDS 3.0 objects as we publish them (official schemas: api/data/hsds/). Fields we have no value for are left
out, never null, since the official schemas allow no nulls."""

from marshmallow import Schema, fields, post_dump


def strings(*names: str) -> dict:
    return {name: fields.String() for name in names}


def many(schema) -> fields.List:
    return fields.List(fields.Nested(schema))


class HsdsObject(Schema):
    """Documents the fields we publish, and passes the others through: an imported record's fields that we have no
    model for are served back as the source gave them (api/interop/hsds/extra.py), and HSDS allows any field."""

    @post_dump(pass_original=True)
    def keep_undeclared(self, data: dict, original, **kwargs) -> dict:
        if not isinstance(original, dict):
            return data
        return data | {key: value for key, value in original.items() if key not in self.fields}


def hsds(object_name: str, /, **declared) -> type[Schema]:
    """A response schema named after its HSDS object."""
    return HsdsObject.from_dict(declared, name=f"Hsds{object_name}Schema")


InfoSchema = hsds(
    "Info", version=fields.String(metadata={"description": "HSDS version of this API."}),
    profile=fields.String(metadata={"description": "URL of this API's HSDS profile: what it adds and how."}),
    openapi_url=fields.String(metadata={"description": "URL of the OpenAPI document describing this API."}))
ProfileSchema = hsds("Profile", name=fields.String(), hsds_version=fields.String(), description=fields.String(),
                     additions=fields.List(fields.Dict()), conventions=fields.List(fields.String()))
TaxonomySchema = hsds("Taxonomy", **strings("id", "name", "description", "uri", "version"))
TaxonomyTermSchema = hsds("TaxonomyTerm", **strings("id", "code", "name", "description", "parent_id", "taxonomy",
                                                     "taxonomy_id", "language"),
                          taxonomy_detail=fields.Nested(TaxonomySchema))
AttributeSchema = hsds("Attribute", **strings("id", "link_id", "link_type", "link_entity", "taxonomy_term_id",
                                               "value"),
                       taxonomy_term=fields.Nested(TaxonomyTermSchema))
MetadataSchema = hsds("Metadata", **strings("id", "resource_id", "resource_type", "last_action_date",
                                             "last_action_type", "field_name", "previous_value", "replacement_value",
                                             "updated_by"))
LanguageSchema = hsds("Language", **strings("id", "service_id", "location_id", "phone_id", "name", "code", "note"))
PhoneSchema = hsds("Phone", **strings("id", "location_id", "service_id", "organization_id", "contact_id",
                                       "service_at_location_id", "number", "type", "description"),
                   extension=fields.Integer(), languages=many(LanguageSchema))
ContactSchema = hsds("Contact", **strings("id", "organization_id", "service_id", "name", "title", "email"),
                     phones=many(PhoneSchema))
ScheduleSchema = hsds("Schedule", **strings("id", "service_id", "location_id", "service_at_location_id",
                                             "valid_from", "valid_to", "dtstart", "freq", "byday", "opens_at",
                                             "closes_at", "description", "attending_type", "notes"))
AddressSchema = hsds("Address", **strings("id", "location_id", "address_1", "address_2", "city", "region",
                                           "state_province", "postal_code", "country", "address_type"))
AccessibilitySchema = hsds("Accessibility", **strings("id", "location_id", "description", "details", "url"))
LocationSchema = hsds("Location", **strings("id", "location_type", "url", "organization_id", "name",
                                             "alternate_name", "description", "transportation"),
                      latitude=fields.Float(), longitude=fields.Float(), addresses=many(AddressSchema),
                      accessibility=many(AccessibilitySchema))
CostOptionSchema = hsds("CostOption", **strings("id", "service_id", "option", "currency", "amount_description"),
                        amount=fields.Float())
UnitSchema = hsds("Unit", **strings("id", "name", "scheme", "identifier", "uri"))
ServiceCapacitySchema = hsds("ServiceCapacity", **strings("id", "service_id", "unit_id", "description", "updated"),
                             available=fields.Integer(), maximum=fields.Integer(), unit=fields.Nested(UnitSchema),
                             metadata=many(MetadataSchema))
# The one-to-one fields of a service; nested objects are added below, once the schemas they name exist.
SERVICE_FIELDS = strings("id", "organization_id", "name", "alternate_name", "description", "url", "email",
                         "fees_description", "accreditations", "eligibility_description", "alert",
                         "last_modified") | {
    "status": fields.String(metadata={"description": "active | inactive | temporarily closed"}),
    "minimum_age": fields.Integer(), "maximum_age": fields.Integer()}
ORGANIZATION_FIELDS = strings("id", "name", "alternate_name", "description", "email", "website") | {
    "phones": many(PhoneSchema), "locations": many(LocationSchema)}
SERVICE_NESTED = {
    "phones": many(PhoneSchema), "schedules": many(ScheduleSchema), "languages": many(LanguageSchema),
    "contacts": many(ContactSchema), "cost_options": many(CostOptionSchema), "attributes": many(AttributeSchema),
    "capacities": fields.List(fields.Nested(ServiceCapacitySchema), metadata={
        "description": "Capacity per unit (HSDS 3.1-dev service_capacity), with when and by whom confirmed."})}

OrganizationRefSchema = hsds("OrganizationRef", **ORGANIZATION_FIELDS)
ServiceAtLocationRefSchema = hsds("ServiceAtLocationRef", **strings("id", "service_id", "location_id",
                                                                     "description"),
                                  location=fields.Nested(LocationSchema))
# A service inside an organization (without the organization again) or inside a service_at_location (without
# its places again).
OrganizationServiceSchema = hsds("OrganizationService", **SERVICE_FIELDS, **SERVICE_NESTED,
                                 service_at_locations=many(ServiceAtLocationRefSchema))
ServiceOfPlaceSchema = hsds("ServiceOfPlace", **SERVICE_FIELDS, **SERVICE_NESTED,
                            organization=fields.Nested(OrganizationRefSchema))
ServiceSchema = hsds("Service", **SERVICE_FIELDS, **SERVICE_NESTED, organization=fields.Nested(OrganizationRefSchema),
                     service_at_locations=many(ServiceAtLocationRefSchema))
OrganizationSchema = hsds("Organization", **ORGANIZATION_FIELDS, services=many(OrganizationServiceSchema))
ServiceAtLocationSchema = hsds("ServiceAtLocation", **strings("id", "service_id", "location_id", "description"),
                               location=fields.Nested(LocationSchema), service=fields.Nested(ServiceOfPlaceSchema))

PAGE_FIELDS = {name: fields.Integer() for name in ("total_items", "total_pages", "page_number", "size")} | {
    name: fields.Boolean() for name in ("first_page", "last_page", "empty")}
ServicePageSchema = hsds("ServicePage", **PAGE_FIELDS, contents=many(ServiceSchema))
OrganizationPageSchema = hsds("OrganizationPage", **PAGE_FIELDS, contents=many(OrganizationSchema))
ServiceAtLocationPageSchema = hsds("ServiceAtLocationPage", **PAGE_FIELDS, contents=many(ServiceAtLocationSchema))
TaxonomyPageSchema = hsds("TaxonomyPage", **PAGE_FIELDS, contents=many(TaxonomySchema))
TaxonomyTermPageSchema = hsds("TaxonomyTermPage", **PAGE_FIELDS, contents=many(TaxonomyTermSchema))
