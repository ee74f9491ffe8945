"""Organization: the partner that runs services (HSDS organization)."""

from mongoengine import DateTimeField, Document, EmbeddedDocumentField, ListField, StringField, URLField

from api.models.contact import Phone
from api.models.fields import new_id, utcnow


class Organization(Document):
    id = StringField(primary_key=True, default=new_id)
    name = StringField(required=True, max_length=200)
    alternate_name = StringField(max_length=200)
    description = StringField(max_length=4000)
    email = StringField(max_length=200)
    website = URLField()
    phones = ListField(EmbeddedDocumentField(Phone))
    updated_at = DateTimeField(default=utcnow)

    meta = {"collection": "organizations", "indexes": ["name"]}
