"""What a Meeting Guide entry's values say: its text fields, and where its meeting is (address parts, coordinates)."""

import re

from api.i18n.text import gettext as _
from api.interop.imports.cells import CellError, degrees, text
from api.interop.imports.places import PlaceWanted

COUNTRIES = {"USA": "US", "UNITED STATES": "US", "UNITED STATES OF AMERICA": "US", "CANADA": "CA",
             "UNITED KINGDOM": "GB", "UK": "GB", "MEXICO": "MX", "AUSTRALIA": "AU"}
STATE_AND_CODE = re.compile(r"^(?P<region>[A-Za-z .]+?)(?:\s+(?P<code>[A-Za-z0-9][A-Za-z0-9 -]{2,9}))?$")


def text_of(entry: dict, key: str, limit: int, required: bool = False) -> str | None:
    """A text field (a number is taken as its text), trimmed, checked for its limit; ValueError when it is not text."""
    value = entry.get(key)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if value is not None and not isinstance(value, str):
        raise ValueError(_("should be text, not {kind}", kind=type(value).__name__))
    return text((value or "").strip(), limit, required)


def has_street(entry: dict) -> bool:
    """Whether a formatted_address starts with a street (more parts than town, region and country)."""
    formatted = entry.get("formatted_address")
    return isinstance(formatted, str) and len(_split_formatted(formatted)[0]) > 0


def _split_formatted(formatted: str) -> tuple[str, dict]:
    """"4953 W Addison St, Chicago, IL 60641, USA" -> ("4953 W Addison St", {city, region, postal_code, country})."""
    parts = [part.strip() for part in formatted.split(",") if part.strip()]
    found: dict = {}
    if parts and (parts[-1].upper() in COUNTRIES or re.fullmatch(r"[A-Z]{2}", parts[-1])) and len(parts) > 1:
        found["country"] = parts.pop()
    if len(parts) > 1 and (match := STATE_AND_CODE.match(parts[-1])) and (match["code"] or len(match["region"]) <= 3):
        parts.pop()
        found["region"], found["postal_code"] = match["region"].strip(), match["code"]
    if parts:
        found["city"] = parts.pop()
    return ", ".join(parts), found


def _country(value: str | None) -> str | None:
    if not value:
        return None
    code = COUNTRIES.get(value.strip().upper(), value.strip().upper())
    if not re.fullmatch(r"[A-Z]{2}", code):
        raise CellError(_("{value} is not a country code such as US", value=repr(value[:40])), "country")
    return code


def wanted_place(entry: dict) -> PlaceWanted | None:
    """The place as the entry gives it (separate fields, else formatted_address), or None when it gives none."""
    fields = {key: text_of(entry, key, 200) for key in ("address", "city", "state", "postal_code", "country",
                                                        "location", "formatted_address")}
    street, parsed = fields["address"], {}
    if not (street or fields["city"]) and fields["formatted_address"]:
        street, parsed = _split_formatted(fields["formatted_address"])
    city = fields["city"] or parsed.get("city")
    point = point_of(entry)
    if not (street or city or point):
        return None
    if not city:
        raise CellError(_("needed with an address or coordinates"), "city")
    return PlaceWanted(city=city[:120], address_1=street or None, region=fields["state"] or parsed.get("region"),
                       postal_code=fields["postal_code"] or parsed.get("postal_code"), point=point,
                       name=fields["location"], country=_country(fields["country"] or parsed.get("country")))


def point_of(entry: dict) -> tuple[float, float] | None:
    """(lng, lat) from latitude and longitude, None when the entry gives neither; CellError naming the bad one."""
    lat, lng = entry.get("latitude"), entry.get("longitude")
    if lat in (None, "") and lng in (None, ""):
        return None
    if lat in (None, "") or lng in (None, ""):
        raise CellError(_("give both latitude and longitude, or neither"), "latitude" if lat in (None, "")
                        else "longitude")
    for key, value in (("latitude", lat), ("longitude", lng)):
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise CellError(_("should be a number, not {kind}", kind=type(value).__name__), key)
    try:
        latitude = degrees(str(lat), 90)
    except ValueError as error:
        raise CellError(str(error), "latitude") from None
    try:
        return degrees(str(lng), 180), latitude
    except ValueError as error:
        raise CellError(str(error), "longitude") from None
