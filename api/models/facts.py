"""What a service or an organisation states of itself in HSDS terms: cost options, documents, areas, funding.

Each keeps the id its HSDS source gave it (provenance, served back when it is a UUID); one made here has none.
"""

from mongoengine import DateField, EmbeddedDocument, FloatField, StringField, URLField, ValidationError

from api.i18n.text import gettext as _


class CostOption(EmbeddedDocument):
    """A price a service charges (HSDS cost_option), beyond "free" and a residence's weekly cost."""

    id = StringField(max_length=200)
    option = StringField(max_length=300)
    amount = FloatField(min_value=0)
    currency = StringField(max_length=10)
    amount_description = StringField(max_length=300)
    valid_from = DateField()
    valid_to = DateField()

    def clean(self):
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError(_("valid_to is before valid_from"), field_name="valid_to")


class RequiredDocument(EmbeddedDocument):
    """A document a person must bring (HSDS required_document)."""

    id = StringField(max_length=200)
    document = StringField(required=True, max_length=1000)
    uri = URLField()


class ServiceArea(EmbeddedDocument):
    """Where people may come from (HSDS service_area); extent is the source's text (GeoJSON, WKT, ...) as given."""

    id = StringField(max_length=200)
    name = StringField(max_length=300)
    description = StringField(max_length=1000)
    extent = StringField(max_length=100_000)
    extent_type = StringField(max_length=40)
    uri = StringField(max_length=500)


class Funding(EmbeddedDocument):
    """Who pays for a service or an organisation (HSDS funding)."""

    id = StringField(max_length=200)
    source = StringField(required=True, max_length=1000)
