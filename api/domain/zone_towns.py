"""The town the tz database names each zone after, with its country and coordinates (zone.tab): a place in the zone.

zone.tab is read from the same tz database zoneinfo reads (the system's, else the tzdata package), so every zone a
listing may carry is looked up where it was validated.
"""

import re
import zoneinfo
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

# ISO 6709 as zone.tab writes it: +DDMM+DDDMM or +DDMMSS+DDDMMSS.
ISO6709 = re.compile(r"^([+-])(\d{2})(\d{2})(\d{2})?([+-])(\d{3})(\d{2})(\d{2})?$")


@dataclass(frozen=True)
class ZoneTown:
    town: str
    country: str | None = None  # ISO 3166 alpha-2
    lng: float | None = None
    lat: float | None = None


def zone_town(zone: str) -> ZoneTown:
    """The town a zone is named after ("America/New_York": New York, US, 40.71, -74.01).

    A zone zone.tab does not list (a backward-compatible alias such as "US/Eastern") gives only the last part of its
    name, which still differs from every other zone's.
    """
    town = zone.rsplit("/", 1)[-1].replace("_", " ")
    row = _zone_tab().get(zone)
    return ZoneTown(town, *row) if row else ZoneTown(town)


@cache
def _zone_tab() -> dict[str, tuple[str, float, float]]:
    rows = {}
    for line in _read_zone_tab().splitlines():
        if line.strip() and not line.startswith("#"):
            country, position, zone = line.split("\t")[:3]
            lat, lng = _iso6709(position)
            rows[zone] = (country, lng, lat)
    return rows


def _iso6709(text: str) -> tuple[float, float]:
    parts = ISO6709.match(text).groups()
    return _degrees(*parts[:4]), _degrees(*parts[4:])


def _degrees(sign: str, degrees: str, minutes: str, seconds: str | None) -> float:
    value = int(degrees) + int(minutes) / 60 + int(seconds or 0) / 3600
    return round(-value if sign == "-" else value, 5)


def _read_zone_tab() -> str:
    for folder in zoneinfo.TZPATH:
        path = Path(folder, "zone.tab")
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(encoding="utf-8")
