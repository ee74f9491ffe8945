"""The IANA time zone at a point, from timezonefinder's offline boundary data (no service is asked)."""

import threading

from timezonefinder import TimezoneFinder

# timezonefinder asks for one instance per thread (imports run in request threads and the feed runner's); each is
# loaded on its first lookup (~0.2 s) and reads its boundary data through a memory map the threads share.
_local = threading.local()


def zone_at(lng: float, lat: float) -> str | None:
    """The zone whose land (and territorial waters) hold the point; None at sea, where only "Etc/GMT+n" offsets
    would answer: a meeting placed there has its coordinates wrong, and an offset zone knows no daylight saving."""
    if not hasattr(_local, "finder"):
        _local.finder = TimezoneFinder()
    return _local.finder.timezone_at_land(lng=lng, lat=lat)
