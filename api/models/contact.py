"""Phones and contacts, shared by organizations, places and services (HSDS phone / contact)."""

from mongoengine import EmbeddedDocument, EmbeddedDocumentField, ListField, StringField

from api.domain.vocabulary import PHONE_TYPES


class Phone(EmbeddedDocument):
    # The id an HSDS source gave it (provenance, served back when it is a UUID); unset for phones made here.
    id = StringField(max_length=200)
    number = StringField(required=True, max_length=40, regex=r"^[0-9+()\-. ]{3,40}$")
    extension = StringField(max_length=10)
    type = StringField(choices=PHONE_TYPES, default="voice")
    description = StringField(max_length=200)
    languages = ListField(StringField(regex=r"^[a-z]{2,3}$"))


class Contact(EmbeddedDocument):
    id = StringField(max_length=200)  # as on Phone
    name = StringField(required=True, max_length=120)
    title = StringField(max_length=120)
    department = StringField(max_length=120)
    email = StringField(max_length=200)
    phone = StringField(max_length=40)  # the number people are shown; phones holds every line in full
    phones = ListField(EmbeddedDocumentField(Phone))
