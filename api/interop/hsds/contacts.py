"""HSDS phones, contacts and languages of a service, a place or an organisation (the /hsds output).

Phones and contacts an import brought keep their source's ids where those are UUIDs; the others get ids derived
from their owner and position. A hotline is a voice line (RFC 6350 has no hotline type), said in its description.
"""

from babel import Locale

from api.interop.hsds.ids import compact, derived_id
from api.interop.hsds.standard import is_uuid

# RFC 6350 types, as HSDS asks; a hotline is a voice line, said in the description.
PHONE_TYPES = {"voice": "voice", "text": "text", "fax": "fax", "hotline": "voice"}
LANGUAGE_NAMES = Locale("en").languages


def phones(owner, owner_field: str, owner_id: str | None = None) -> list[dict]:
    """The owner's phones (owner_id when the owner is an embedded document, such as a contact)."""
    owner_id = owner_id or owner.id
    found = []
    for index, phone in enumerate(owner.phones):
        phone_id = phone.id if is_uuid(phone.id) else derived_id(owner_id, "phone", index)
        extension, description = phone.extension, phone.description
        if extension and not extension.isdigit():  # HSDS extensions are numbers
            description, extension = ", ".join(filter(None, (description, f"ext. {extension}"))), None
        if phone.type == "hotline":
            description = ", ".join(filter(None, ("Hotline", description)))
        found.append(compact(
            id=phone_id, **{owner_field: owner_id}, number=phone.number,
            extension=int(extension) if extension else None, type=PHONE_TYPES.get(phone.type, "voice"),
            description=description) | {"languages": [
                language(derived_id(phone_id, "language", code), code, phone_id=phone_id)
                for code in phone.languages]})
    return found


def contacts(owner, owner_field: str) -> list[dict]:
    """The owner's contacts, each with its phones (a contact made here has one number)."""
    found = []
    for index, contact in enumerate(owner.contacts):
        contact_id = contact.id if is_uuid(contact.id) else derived_id(owner.id, "contact", index)
        lines = phones(contact, "contact_id", contact_id) if contact.phones else [
            compact(id=derived_id(contact_id, "phone", 0), contact_id=contact_id, number=contact.phone)
        ] if contact.phone else []
        found.append(compact(id=contact_id, **{owner_field: owner.id}, name=contact.name, title=contact.title,
                             department=contact.department, email=email(contact.email)) | {"phones": lines})
    return found


def language(language_id: str, code: str, **owner) -> dict:
    return compact(id=language_id, **owner, name=LANGUAGE_NAMES.get(code), code=code)


def email(value: str | None) -> str | None:
    """An address HSDS accepts as an email, else none."""
    return value if value and "@" in value else None
