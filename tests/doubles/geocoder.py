"""A geopy geocoder that answers from a dict: geopy's own base class and Location, no network."""

from geopy.exc import GeocoderTimedOut
from geopy.geocoders.base import Geocoder
from geopy.location import Location


class FakeGeopyGeocoder(Geocoder):
    """Knows the addresses it is given ({one-line address: (lat, lng)}); times out on any in `slow`."""

    def __init__(self, known: dict[str, tuple[float, float]] | None = None, slow: tuple[str, ...] = ()):
        super().__init__(user_agent="lantern-tests")
        self.known, self.slow, self.asked = dict(known or {}), set(slow), []

    def geocode(self, query, *, exactly_one=True, timeout=None, **kwargs):
        self.asked.append(query)
        if query in self.slow:
            raise GeocoderTimedOut("no answer in time")
        if query not in self.known:
            return None
        lat, lng = self.known[query]
        return Location(query, (lat, lng), {"display_name": query})
