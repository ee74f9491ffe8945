"""Taxonomy terms that classify services (HSDS taxonomy_term)."""

from mongoengine import DictField, Document, StringField

from api.models.fields import new_id


class TaxonomyTerm(Document):
    id = StringField(primary_key=True, default=new_id)
    code = StringField(required=True, unique=True, max_length=80, regex=r"^[a-z0-9][a-z0-9_-]*$")
    name = StringField(required=True, max_length=200)
    description = StringField(max_length=1000)
    taxonomy = StringField(default="lantern", max_length=80)
    parent_code = StringField(max_length=80)
    extra = DictField()  # an imported term's fields we have no place for (term_uri, ...), served back on /hsds

    meta = {"collection": "taxonomy_terms"}
