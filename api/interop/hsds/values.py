"""Reading values out of an HSDS object: each checked for its JSON type, each problem kept under the field's path.

HSDS JSON types its fields (strings, integers, numbers, arrays of objects); a file that gives a number where text
belongs, or a string where a list belongs, gets a message for that field ("schedules.0.opens_at: ..."), never a
crash. Values is handed the path prefix of the object it reads, so nested objects report where they are.
"""

import re
from datetime import UTC, date, datetime

from api.i18n.text import N_
from api.i18n.text import gettext as _
from api.i18n.text import number as figure  # (a number in the current language)
from api.models.fields import new_id

TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d+)?)?(Z|[+-]\d\d:?\d\d)?$")
SLUG = re.compile(r"[^a-z0-9_-]+")


class Values:
    """The problems found while reading one record, by field path."""

    def __init__(self):
        self.errors: dict[str, str] = {}

    def fail(self, path: str, message: str) -> None:
        self.errors.setdefault(path, message)

    def text(self, obj: dict, key: str, path: str, limit: int | None = None) -> str | None:
        """Text, stripped; None when absent or empty."""
        value = obj.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            self.fail(_at(path, key), _("must be text, not {kind}", kind=_kind(value)))
            return None
        value = value.strip()
        if limit is not None and len(value) > limit:
            self.fail(_at(path, key), _("longer than {count} characters", count=figure(limit)))
            return None
        return value or None

    def integer(self, obj: dict, key: str, path: str, low: int = 0, high: int = 100_000) -> int | None:
        value = obj.get(key)
        if value is None:
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(_at(path, key), _("must be a whole number, not {kind}", kind=_kind(value)))
            return None
        if not low <= value <= high:
            self.fail(_at(path, key), _("{value} is not between {low} and {high}",
                                        value=value, low=low, high=figure(high)))
            return None
        return value

    def number(self, obj: dict, key: str, path: str) -> float | None:
        value = obj.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(_at(path, key), _("must be a number, not {kind}", kind=_kind(value)))
            return None
        return float(value)

    def objects(self, obj: dict, key: str, path: str) -> list[tuple[str, dict]]:
        """The objects of a list field as (their path, object); a wrong shape is one error, and no items."""
        value = obj.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(_at(path, key), _("must be a list of objects, not {kind}", kind=_kind(value)))
            return []
        found = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                found.append((f"{_at(path, key)}.{index}", item))
            else:
                self.fail(f"{_at(path, key)}.{index}", _("must be an object, not {kind}", kind=_kind(item)))
        return found

    def time_of_day(self, obj: dict, key: str, path: str) -> str | None:
        """HH:MM from HSDS's HH:MM[:SS][offset] (seconds dropped; an offset is read as local: see records)."""
        value = self.text(obj, key, path)
        if value is None:
            return None
        match = TIME.match(value)
        if not match:
            self.fail(_at(path, key), _("{value} is not a time of day such as 09:00 or 09:00:00",
                                        value=repr(value[:40])))
            return None
        return f"{match.group(1)}:{match.group(2)}"

    def day(self, obj: dict, key: str, path: str) -> date | None:
        value = self.text(obj, key, path)
        if value is None:
            return None
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            self.fail(_at(path, key), _("{value} is not a date such as 2025-01-31", value=repr(value[:40])))
            return None

    def moment(self, obj: dict, key: str, path: str) -> datetime | None:
        """A date-time as naive UTC (a date alone is its midnight UTC)."""
        value = self.text(obj, key, path)
        if value is None:
            return None
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            self.fail(_at(path, key), _("{value} is not a date-time such as 2025-01-31T09:00:00Z",
                                        value=repr(value[:40])))
            return None
        return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def object_id(value, fallback: str | None = None) -> str:
    """An HSDS id as we keep it (ids of any text are accepted, up to 200 characters); else a fresh one."""
    if isinstance(value, (str, int)) and not isinstance(value, bool) and 0 < len(str(value).strip()) <= 200:
        return str(value).strip()
    return fallback or new_id()


def slug(text: str, limit: int = 60) -> str:
    """A code from free text: lower case, letters, digits, - and _ ("Bed – women" -> "bed-women")."""
    code = SLUG.sub("-", text.strip().lower()).strip("-_")[:limit].strip("-_")
    return code or "term"


def _at(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


KINDS = {bool: N_("true/false"), int: N_("a number"), float: N_("a number"), str: N_("text"), list: N_("a list"),
         dict: N_("an object")}


def _kind(value) -> str:
    kind = KINDS.get(type(value))
    return _(kind) if kind else type(value).__name__
