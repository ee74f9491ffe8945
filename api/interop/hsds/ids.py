"""Stable ids for the HSDS objects we derive (a phone, a schedule, an attribute), and HSDS value formats."""

import uuid
from datetime import UTC, date, datetime

# Fixed for ever: changing it would give every derived HSDS object a new id, and consumers would see them all
# removed and re-added.
NAMESPACE = uuid.UUID("3d5f7a0c-8e21-5b4a-9c6d-1f2e3a4b5c6d")


def derived_id(*parts) -> str:
    """A UUID that is the same on every read for the same parts, e.g. derived_id(service_id, "phone", 0)."""
    return str(uuid.uuid5(NAMESPACE, ":".join(str(part) for part in parts)))


def timestamp(moment: datetime | None) -> str | None:
    """An RFC 3339 UTC date-time with milliseconds, as HSDS asks ("2023-03-15T10:30:45.123Z")."""
    if moment is None:
        return None
    if moment.tzinfo is not None:  # MongoDB gives naive UTC; a clock gives aware times
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat(timespec="milliseconds") + "Z"


def day(value: date | datetime | None) -> str | None:
    """A YYYY-MM-DD date (MongoDB hands dates back as midnight datetimes)."""
    if value is None:
        return None
    return (value.date() if isinstance(value, datetime) else value).isoformat()


def compact(**fields) -> dict:
    """An HSDS object without the fields we have no value for: the schemas type them, none allows null."""
    return {name: value for name, value in fields.items() if value is not None and value != ""}
