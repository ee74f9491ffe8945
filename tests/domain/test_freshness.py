"""Availability is honest about age: old counts are "unconfirmed", never silently current."""

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from api.domain.freshness import availability, humanize_age

NOW = datetime(2026, 11, 24, 16, 0, tzinfo=UTC)


def unit(available, hours_ago, waitlist=False, code="bed"):
    return SimpleNamespace(code=code, name=code, available=available, maximum=10, waitlist_open=waitlist,
                           waitlist_length=None, updated_by="staff",
                           updated_at=(NOW - timedelta(hours=hours_ago)).replace(tzinfo=None))


def test_no_units_means_not_tracked_and_call_to_ask():
    result = availability([], 72, NOW)
    assert result.state == "not_tracked" and result.summary == "Call to ask about availability"


def test_fresh_places_are_summed_and_stale_ones_ignored():
    result = availability([unit(2, 1, code="a"), unit(3, 100, code="b")], 72, NOW)
    assert result.state == "available" and result.available == 2 and result.accepting
    assert [u.unconfirmed for u in result.units] == [False, True]


def test_full_only_when_every_unit_is_confirmed_full():
    assert availability([unit(0, 1), unit(0, 2)], 72, NOW).state == "full"
    assert availability([unit(0, 1), unit(0, 200)], 72, NOW).state == "unconfirmed"


def test_waitlist_counts_only_when_confirmed():
    assert availability([unit(0, 1, waitlist=True)], 72, NOW).summary == "Waitlist open · confirmed 1 hour ago"
    assert availability([unit(0, 100, waitlist=True)], 72, NOW).state == "unconfirmed"


def test_the_ttl_boundary_is_inclusive():
    assert availability([unit(1, 72)], 72, NOW).state == "available"
    assert availability([unit(1, 72.01)], 72, NOW).summary == "Unconfirmed for 3 days"


def test_ages_read_as_a_person_says_them():
    assert humanize_age(timedelta(seconds=20)) == "moments"
    assert humanize_age(timedelta(minutes=1)) == "1 minute"
    assert humanize_age(timedelta(hours=5, minutes=59)) == "5 hours"
    assert humanize_age(timedelta(days=3, hours=23)) == "3 days"
    assert humanize_age(timedelta(seconds=-5)) == "moments"  # a clock a little ahead never says "-1"


@given(st.lists(st.tuples(st.integers(0, 20), st.floats(0, 500), st.booleans()), max_size=6),
       st.floats(1, 200))
def test_a_stale_count_never_counts_as_open(units, ttl):
    result = availability([unit(a, h, w, code=str(i)) for i, (a, h, w) in enumerate(units)], ttl, NOW)

    def in_time(hours_ago):  # compared as the stored times are: to the microsecond, not as floats of hours
        return timedelta(hours=hours_ago) <= timedelta(hours=ttl)

    fresh = [a for a, h, _ in units if in_time(h)]
    assert result.available == sum(fresh)
    assert result.accepting == (sum(fresh) > 0)
    if result.state == "full":
        assert all(in_time(h) and a == 0 for a, h, _ in units)
