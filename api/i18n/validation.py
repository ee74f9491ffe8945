"""Error answers in the reader's language, including the field messages marshmallow and webargs write in English.

Our own messages are translated where they are raised. The libraries' are fixed English templates filled in with
values ("Must be one of: {choices}."), so they are listed here for the catalog, and an answer's messages are matched
against them and written again from the translated template with the same values. tests/i18n checks that this list
holds every message the installed marshmallow and webargs can produce.
"""

import re
from functools import cache

from api.i18n.catalogs import SOURCE_LANGUAGE
from api.i18n.language import current
from api.i18n.text import N_
from api.i18n.text import gettext as _

LIBRARY_MESSAGES = (
    # marshmallow fields
    N_("Missing data for required field."), N_("Field may not be null."), N_("Invalid value."),
    N_("Not a valid boolean."), N_("Not a valid integer."), N_("Not a valid number."), N_("Number too large."),
    N_("Special numeric values (nan or infinity) are not permitted."), N_("Not a valid string."),
    N_("Not a valid utf-8 string."), N_("Not a valid list."), N_("Not a valid tuple."),
    N_("Not a valid mapping type."), N_("Invalid type."), N_("Not a valid email address."), N_("Not a valid URL."),
    N_("Not a valid UUID."), N_("Not a valid IP address."), N_("Not a valid IPv4 address."),
    N_("Not a valid IPv6 address."), N_("Not a valid IP interface."), N_("Not a valid IPv4 interface."),
    N_("Not a valid IPv6 interface."), N_("Not a valid period of time."), N_("Not a valid date."),
    N_("Not a valid {obj_type}."), N_("Not a valid {awareness} {obj_type}."),
    N_('"{input}" cannot be formatted as a date.'), N_('"{input}" cannot be formatted as a {obj_type}.'),
    N_("{input!r} cannot be formatted as a timedelta."), N_("Must be one of: {choices}."),
    # marshmallow schemas
    N_("Unknown field."), N_("Invalid input type."),
    # marshmallow validators (Range's sentences as it assembles them)
    N_("Must be greater than or equal to {min} and less than or equal to {max}."),
    N_("Must be greater than or equal to {min} and less than {max}."),
    N_("Must be greater than {min} and less than or equal to {max}."),
    N_("Must be greater than {min} and less than {max}."),
    N_("Must be greater than or equal to {min}."), N_("Must be greater than {min}."),
    N_("Must be less than or equal to {max}."), N_("Must be less than {max}."),
    N_("Length must be between {min} and {max}."), N_("Length must be {equal}."),
    N_("Longer than maximum length {max}."), N_("Shorter than minimum length {min}."),
    N_("Must be equal to {other}."), N_("Invalid input."), N_("String does not match expected pattern."),
    N_("One or more of the choices you made was in: {values}."),
    N_("One or more of the choices you made was not in: {choices}."),
    # webargs
    N_("Not a valid delimited list."), N_("Not a valid delimited tuple."), N_("Invalid JSON body."),
)
FIELD = re.compile(r"\{(\w+)(![rsa])?\}")


def translate_errors(errors):
    """The field messages of a 422 (nested dicts and lists of strings) in the current language; keys unchanged."""
    if current() == SOURCE_LANGUAGE:
        return errors
    if isinstance(errors, dict):
        return {key: translate_errors(value) for key, value in errors.items()}
    if isinstance(errors, list):
        return [translate_errors(value) for value in errors]
    return translate(errors) if isinstance(errors, str) else errors


def translate(message: str) -> str:
    """One message in the current language: a catalog entry as it is, a library template with its values kept; a
    message already translated where it was raised, or unknown, as it came."""
    if (exact := _(message)) != message:
        return exact
    for template, pattern in _patterns():
        if match := pattern.fullmatch(message):
            return FIELD.sub(lambda field: match[field[1]], _(template))
    return message


@cache
def _patterns() -> list[tuple[str, re.Pattern]]:
    """Each template with fields as a pattern that captures their values ("Must be one of: (?P<choices>.+?).")."""
    found = []
    for template in LIBRARY_MESSAGES:
        if FIELD.search(template):
            parts = FIELD.split(template)  # text, name, conversion, text, name, conversion, ..., text
            pattern = "".join(re.escape(part) if index % 3 == 0 else f"(?P<{part}>.+?)" if index % 3 == 1 else ""
                              for index, part in enumerate(parts) if part is not None)
            found.append((template, re.compile(pattern, re.DOTALL)))
    return found
