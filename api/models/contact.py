"""Phones and contacts, shared by organizations and services (HSDS phone / contact)."""

from mongoengine import EmbeddedDocument, ListField, StringField

from api.domain.vocabulary import PHONE_TYPES


class Phone(EmbeddedDocument):
    number = StringField(required=True, max_length=40, regex=r"^[0-9+()\-. ]{3,40}$")
    extension = StringField(max_length=10)
    type = StringField(choices=PHONE_TYPES, default="voice")
    description = StringField(max_length=200)
    languages = ListField(StringField(regex=r"^[a-z]{2,3}$"))


class Contact(EmbeddedDocument):
    name = StringField(required=True, max_length=120)
    title = StringField(max_length=120)
    email = StringField(max_length=200)
    phone = StringField(max_length=40)
