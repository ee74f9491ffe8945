"""The map of fictional Riverton and its suburbs: neighbourhoods with their centres, addresses and scattered towns."""

import math
import random
from dataclasses import dataclass

from seeds.names import STREETS, TOWN_FIRST, TOWN_SECOND

CENTRE = (39.10, -94.58)  # (lat, lng) of downtown Riverton
TIMEZONE = "America/Chicago"
REGION = "MO"
KM_PER_DEGREE_LAT = 111.0


@dataclass(frozen=True)
class Area:
    """A neighbourhood a person would recognise, with its centre and the town it belongs to."""

    name: str
    city: str
    lat: float
    lng: float
    postal_code: str


# The city's neighbourhoods lie within ~5 km of downtown, the suburbs 9-14 km out: about 25 km across in all.
# The first area of each town is its centre, where approximate (online-meeting) locations are placed.
AREAS = {area.name: area for area in (
    Area("Old Mill", "Riverton", 39.1000, -94.5800, "64190"),
    Area("Union Hill", "Riverton", 39.0880, -94.5850, "64191"),
    Area("Heron Bend", "Riverton", 39.1180, -94.6000, "64192"),
    Area("Foundry Row", "Riverton", 39.0920, -94.5600, "64193"),
    Area("Larkspur", "Riverton", 39.0800, -94.5950, "64194"),
    Area("Quarry Hill", "Riverton", 39.1250, -94.5650, "64195"),
    Area("Eastgate", "Riverton", 39.0980, -94.5300, "64196"),
    Area("Millbrook", "Riverton", 39.0650, -94.5750, "64197"),
    Area("Cedar Flats", "Riverton", 39.1100, -94.6250, "64198"),
    Area("Northbank", "Riverton", 39.1400, -94.5850, "64199"),
    Area("Ashford Springs", "Ashford Springs", 39.1900, -94.6000, "64180"),
    Area("Ashford Lakes", "Ashford Springs", 39.2000, -94.6250, "64180"),
    Area("Bellmont Village", "Bellmont", 39.1200, -94.7200, "64181"),
    Area("Bellmont Station", "Bellmont", 39.1050, -94.7050, "64181"),
    Area("Falls District", "Corwin Falls", 39.0200, -94.6600, "64182"),
    Area("Dunmore", "Dunmore", 38.9900, -94.5500, "64183"),
    Area("Elk Prairie", "Elk Prairie", 39.0600, -94.4450, "64184"),
    Area("Fairhaven", "Fairhaven", 39.1700, -94.4700, "64185"),
    Area("Gladwell Square", "Gladwell", 39.1900, -94.6900, "64186"),
)}


def town_centre(area: Area) -> Area:
    """The central area of area's town; a synthetic benchmark town is its own centre."""
    return next((other for other in AREAS.values() if other.city == area.city), area)


def point_near(rng: random.Random, area: Area, km: float = 1.2) -> list[float]:
    """A [lng, lat] point within about km of the area's centre, as a PointField takes it."""
    north, east = rng.uniform(-km, km), rng.uniform(-km, km)
    lat = area.lat + north / KM_PER_DEGREE_LAT
    lng = area.lng + east / (KM_PER_DEGREE_LAT * math.cos(math.radians(area.lat)))
    return [round(lng, 6), round(lat, 6)]


def street_address(rng: random.Random) -> str:
    """A house number and one of the fictional streets."""
    return f"{rng.randrange(100, 9900)} {rng.choice(STREETS)}"


def scattered_areas(rng: random.Random, count: int, radius_km: float) -> list[Area]:
    """count synthetic towns spread evenly over a disc of radius_km around Riverton, for benchmark listings."""
    areas = []
    for index in range(count):
        # sqrt makes the density even over the disc rather than crowded at its centre.
        distance, bearing = radius_km * math.sqrt(rng.random()), rng.uniform(0, 2 * math.pi)
        lat = CENTRE[0] + distance * math.cos(bearing) / KM_PER_DEGREE_LAT
        lng = CENTRE[1] + distance * math.sin(bearing) / (KM_PER_DEGREE_LAT * math.cos(math.radians(lat)))
        # Names repeat across a large region, as real ones do (there are many Springfields).
        name = f"{rng.choice(TOWN_FIRST)} {rng.choice(TOWN_SECOND)}"
        areas.append(Area(name, name, round(lat, 5), round(lng, 5), f"6{index % 10000:04d}"))
    return areas
