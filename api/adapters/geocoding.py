"""Geocoders: none at all (coordinates by hand), or any geopy geocoder (Nominatim by configuration).

Only this module imports geopy. Tests hand GeopyGeocoder a geopy Geocoder subclass of their own: no network.
"""

import logging

from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.geocoders.base import Geocoder as GeopyBase

from api.services.geocoding import FAILED, FOUND, NOT_FOUND, UNCONFIGURED, Geocoded

log = logging.getLogger(__name__)

# Nominatim's usage policy: at most one request a second from an application.
NOMINATIM_MIN_INTERVAL_S = 1.0


class NullGeocoder:
    """GEOCODER=none: every lookup says there is no geocoder, so the partner enters coordinates."""

    name = "none"

    def locate(self, query: str) -> Geocoded:
        return Geocoded(UNCONFIGURED)


class GeopyGeocoder:
    """A geopy geocoder behind the Geocoder role: its answers and its errors turned into outcomes."""

    def __init__(self, geocoder: GeopyBase, name: str, min_interval_s: float = 0.0):
        self.name, self.geocoder = name, geocoder
        self._geocode = geocoder.geocode
        if min_interval_s:
            # geopy's own limiter (thread-safe); errors are not retried: a person is waiting on the form.
            self._geocode = RateLimiter(geocoder.geocode, min_delay_seconds=min_interval_s, max_retries=0,
                                        swallow_exceptions=False)

    @classmethod
    def nominatim(cls, user_agent: str, timeout_s: float) -> "GeopyGeocoder":
        return cls(Nominatim(user_agent=user_agent, timeout=timeout_s), "nominatim", NOMINATIM_MIN_INTERVAL_S)

    def locate(self, query: str) -> Geocoded:
        if not query:
            return Geocoded(NOT_FOUND)
        try:
            found = self._geocode(query, exactly_one=True)
        except GeopyError as error:
            # The kind of error only: logs carry no addresses (a confidential house's among them).
            log.warning("geocoder %s failed: %s", self.name, type(error).__name__)
            return Geocoded(FAILED)
        if found is None:
            return Geocoded(NOT_FOUND)
        return Geocoded(FOUND, lng=float(found.longitude), lat=float(found.latitude))
