"""Reading one spreadsheet cell: text, codes, lists, yes/no, numbers, web and email addresses.

Each reader returns the value a listing stores or raises ValueError with a message a person can act on; an empty
cell reads as "nothing" (None, [] or the default) unless the column requires a value.
"""

import math
import re

from mongoengine import URLField, ValidationError

from api.i18n.text import gettext as _
from api.i18n.text import number as figure  # (a number in the current language)

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^[0-9+()\-. ]{3,40}$")
INTEGER = re.compile(r"^[+-]?\d{1,9}$")
URL = URLField()
TRUE, FALSE = {"yes", "y", "true", "1", "x"}, {"no", "n", "false", "0"}


class CellError(ValueError):
    """A cell that cannot be used; column names it when it is not the column being read."""

    def __init__(self, message: str, column: str | None = None):
        super().__init__(message)
        self.column = column


def text(value: str, limit: int, required: bool = False) -> str | None:
    if not value:
        if required:
            raise ValueError(_("needed"))
        return None
    if len(value) > limit:
        raise ValueError(_("longer than {count} characters", count=figure(limit)))
    return value


def one_of(value: str, choices, required: bool = False, default: str | None = None) -> str | None:
    if not value:
        if required:
            raise ValueError(_("needed: one of {choices}", choices=", ".join(choices)))
        return default
    code = value.strip().lower().replace(" ", "_")
    if code not in choices:
        raise ValueError(_("{value} is not one of {choices}", value=repr(value[:40]), choices=", ".join(choices)))
    return code


def items(value: str) -> list[str]:
    """A list cell's entries, in order, each once."""
    return list(dict.fromkeys(part.strip() for part in re.split(r"[;,]", value) if part.strip()))


def yes_no(value: str) -> bool | None:
    if not value:
        return None
    answer = value.strip().lower()
    if answer not in TRUE | FALSE:
        raise ValueError(_("{value} is not yes or no", value=repr(value[:20])))
    return answer in TRUE


def whole_number(value: str, minimum: int, maximum: int) -> int:
    if not INTEGER.match(value):
        raise ValueError(_("{value} is not a whole number", value=repr(value[:20])))
    number = int(value)
    if not minimum <= number <= maximum:
        raise ValueError(_("must be from {minimum} to {maximum}", minimum=minimum, maximum=figure(maximum)))
    return number


def degrees(value: str, limit: float) -> float:
    try:
        number = float(value)
    except ValueError:
        raise ValueError(_("{value} is not a number in decimal degrees", value=repr(value[:20]))) from None
    if not math.isfinite(number) or abs(number) > limit:
        raise ValueError(_("must be from {minimum} to {maximum}", minimum=figure(-limit), maximum=figure(limit)))
    return number


def web_address(value: str) -> str | None:
    if not value:
        return None
    try:
        URL.validate(value)
    except ValidationError:
        raise ValueError(_("{value} is not a web address starting with https://", value=repr(value[:60]))) from None
    return value


def email(value: str) -> str | None:
    if value and not (len(value) <= 200 and EMAIL.match(value)):
        raise ValueError(_("{value} is not an email address", value=repr(value[:60])))
    return value or None


def in_column(read, *args, column: str, **kwargs):
    """A reader's ValueError as an error of the named column."""
    try:
        return read(*args, **kwargs)
    except ValueError as error:
        raise CellError(str(error), column) from None
