"""Field helpers shared by the documents: ids, clock, time-of-day and time-zone validation."""

import re
import uuid
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mongoengine import ValidationError

from api.i18n.text import gettext as _

HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def new_id() -> str:
    """A fresh UUID string: HSDS identifies every object by UUID."""
    return str(uuid.uuid4())


def utcnow() -> datetime:
    """Naive UTC now, the form MongoDB stores and returns datetimes in."""
    return datetime.now(UTC).replace(tzinfo=None)


def naive_utc(moment: datetime) -> datetime:
    """A datetime as MongoDB stores it: naive UTC (an aware one converted, a naive one taken as UTC already)."""
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def validate_hhmm(value: str) -> None:
    """A 24-hour HH:MM time of day, as the Meeting Guide spec and HSDS opens_at/closes_at use."""
    if value is not None and not HHMM.match(value):
        raise ValidationError(_("{value} is not a time of day in HH:MM 24-hour form", value=repr(value)))


def validate_timezone(value: str) -> None:
    """An IANA time-zone name that this machine's tz database knows."""
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a directory of zones, such as "America"
        raise ValidationError(_("{value} is not an IANA time zone", value=repr(value))) from None
