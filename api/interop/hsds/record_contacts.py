"""HSDS phones, contacts and languages, as a service, a place and an organisation each have them.

Each phone and contact keeps the id its source gave it (provenance; /hsds serves it back when it is a UUID).
A number keeps its digits and punctuation: quotes around it (as in the official examples) are dropped. HSDS
contacts need no name; ours do, so a nameless contact is left out (it has nothing a person could ask for).
"""

import re

from api.domain.vocabulary import PHONE_TYPES
from api.i18n.text import gettext as _
from api.interop.hsds.values import Values
from api.models.contact import Contact, Phone

HOTLINE = "Hotline"


def phone(item: dict, path: str, values: Values) -> Phone | None:
    """One HSDS phone (a number is needed)."""
    number = values.text(item, "number", path, 60)
    if number is None:
        values.fail(f"{path}.number", _("needed"))
        return None
    description = values.text(item, "description", path, 300) or ""
    kind = values.text(item, "type", path) or "voice"
    if description.startswith(HOTLINE):  # how our own output says "hotline", which RFC 6350 types have not
        kind, description = "hotline", description[len(HOTLINE):].lstrip(", ")
    extension = item.get("extension")
    return Phone(id=source_id(item), number=number.strip("\"' "),
                 extension=str(extension) if isinstance(extension, int) and not isinstance(extension, bool)
                 else values.text(item, "extension", path, 10),
                 type=kind if kind in PHONE_TYPES else "voice", description=description[:200] or None,
                 languages=languages(item, path, values))


def phones(owner: dict, path: str, values: Values) -> list[Phone]:
    """The phones of a place, an organisation or a contact."""
    found = (phone(item, item_path, values) for item_path, item in values.objects(owner, "phones", path))
    return [item for item in found if item is not None]


def contacts(owner: dict, path: str, values: Values) -> list[Contact]:
    found = []
    for item_path, item in values.objects(owner, "contacts", path):
        name = values.text(item, "name", item_path, 120)
        if name is None:
            continue
        lines = phones(item, item_path, values)
        found.append(Contact(id=source_id(item), name=name, title=values.text(item, "title", item_path, 120),
                             department=values.text(item, "department", item_path, 120),
                             email=values.text(item, "email", item_path, 200),
                             phone=lines[0].number[:40] if lines else None, phones=lines))
    return found


def languages(owner: dict, path: str, values: Values) -> list[str]:
    """Language codes (a region is dropped: "en-US" is en)."""
    codes = []
    for item_path, language in values.objects(owner, "languages", path):
        code = (values.text(language, "code", item_path) or "").lower().split("-")[0]
        if not re.match(r"^[a-z]{2,3}$", code):
            values.fail(f"{item_path}.code", _("{value} is not a language code such as en or es",
                                               value=repr(code[:20])))
        elif code not in codes:
            codes.append(code)
    return codes


def source_id(item: dict) -> str | None:
    """The id an HSDS object was given, as text; None when it has none."""
    value = item.get("id")
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    return str(value).strip()[:200] or None
