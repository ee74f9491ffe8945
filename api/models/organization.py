"""Organization: the partner that runs services (HSDS organization)."""

from mongoengine import EmbeddedDocumentField, ListField, StringField, URLField

from api.models.changes import SequencedDocument
from api.models.contact import Phone
from api.models.fields import new_id


class Organization(SequencedDocument):
    id = StringField(primary_key=True, default=new_id)
    name = StringField(required=True, max_length=200)
    alternate_name = StringField(max_length=200)
    description = StringField(max_length=4000)
    email = StringField(max_length=200)
    website = URLField()
    phones = ListField(EmbeddedDocumentField(Phone))
    # Provenance of an organisation an HSDS import created: the source and its id there, so a re-import finds it.
    source = StringField(max_length=200)
    source_id = StringField(max_length=200)

    meta = {"collection": "organizations", "indexes": ["name", "change_seq", ("source", "source_id")]}
