"""Reading one spreadsheet cell: text, codes, lists, yes/no, numbers, web and email addresses.

Each reader returns the value a listing stores or raises ValueError with a message a person can act on; an empty
cell reads as "nothing" (None, [] or the default) unless the column requires a value.
"""

import math
import re

from mongoengine import URLField, ValidationError

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
            raise ValueError("needed")
        return None
    if len(value) > limit:
        raise ValueError(f"longer than {limit:,} characters")
    return value


def one_of(value: str, choices, required: bool = False, default: str | None = None) -> str | None:
    if not value:
        if required:
            raise ValueError(f"needed: one of {', '.join(choices)}")
        return default
    code = value.strip().lower().replace(" ", "_")
    if code not in choices:
        raise ValueError(f"{value[:40]!r} is not one of {', '.join(choices)}")
    return code


def items(value: str) -> list[str]:
    """A list cell's entries, in order, each once."""
    return list(dict.fromkeys(part.strip() for part in re.split(r"[;,]", value) if part.strip()))


def yes_no(value: str) -> bool | None:
    if not value:
        return None
    answer = value.strip().lower()
    if answer not in TRUE | FALSE:
        raise ValueError(f"{value[:20]!r} is not yes or no")
    return answer in TRUE


def whole_number(value: str, minimum: int, maximum: int) -> int:
    if not INTEGER.match(value):
        raise ValueError(f"{value[:20]!r} is not a whole number")
    number = int(value)
    if not minimum <= number <= maximum:
        raise ValueError(f"must be from {minimum} to {maximum:,}")
    return number


def degrees(value: str, limit: float) -> float:
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"{value[:20]!r} is not a number in decimal degrees") from None
    if not math.isfinite(number) or abs(number) > limit:
        raise ValueError(f"must be from -{limit:g} to {limit:g}")
    return number


def web_address(value: str) -> str | None:
    if not value:
        return None
    try:
        URL.validate(value)
    except ValidationError:
        raise ValueError(f"{value[:60]!r} is not a web address starting with https://") from None
    return value


def email(value: str) -> str | None:
    if value and not (len(value) <= 200 and EMAIL.match(value)):
        raise ValueError(f"{value[:60]!r} is not an email address")
    return value or None


def in_column(read, *args, column: str, **kwargs):
    """A reader's ValueError as an error of the named column."""
    try:
        return read(*args, **kwargs)
    except ValueError as error:
        raise CellError(str(error), column) from None
