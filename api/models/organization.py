"""Organization: the partner that runs services (HSDS organization)."""

from mongoengine import DictField, EmbeddedDocumentField, IntField, ListField, StringField, URLField

from api.models.changes import SequencedDocument
from api.models.contact import Contact, Phone
from api.models.facts import Funding
from api.models.fields import new_id


class Organization(SequencedDocument):
    id = StringField(primary_key=True, default=new_id)
    name = StringField(required=True, max_length=200)
    alternate_name = StringField(max_length=200)
    description = StringField(max_length=4000)
    email = StringField(max_length=200)
    website = URLField()
    phones = ListField(EmbeddedDocumentField(Phone))
    contacts = ListField(EmbeddedDocumentField(Contact))
    funding = ListField(EmbeddedDocumentField(Funding))
    tax_status = StringField(max_length=200)
    tax_id = StringField(max_length=100)
    year_incorporated = IntField(min_value=1000, max_value=3000)
    legal_status = StringField(max_length=200)
    logo = StringField(max_length=2000)
    uri = URLField()
    # Provenance of an organisation an HSDS import created: the source and its id there, so a re-import finds it.
    source = StringField(max_length=200)
    source_id = StringField(max_length=200)
    extra = DictField()  # the source record's fields this model has no place for (as on Service)

    meta = {"collection": "organizations", "indexes": ["name", "change_seq", ("source", "source_id")]}
