"""The town a time zone is named after: where a listing with no place in its own zone is shown."""

import pytest

from api.domain.zone_towns import ZoneTown, zone_town
from api.domain.zones import zone_at


@pytest.mark.parametrize("zone, town, country", [
    ("America/New_York", "New York", "US"), ("America/Denver", "Denver", "US"),
    ("America/Indiana/Tell_City", "Tell City", "US"), ("America/St_Johns", "St Johns", "CA"),
    ("Europe/London", "London", "GB"),
])
def test_a_zone_is_placed_in_its_town_which_lies_in_that_zone(zone, town, country):
    place = zone_town(zone)
    assert (place.town, place.country) == (town, country)
    assert zone_at(place.lng, place.lat) == zone  # the coordinates are the town's, inside the zone


def test_a_zone_zone_tab_does_not_list_still_gets_a_town_of_its_own_name():
    assert zone_town("US/Eastern") == ZoneTown("Eastern")
