"""Open now, closes at, next opening: examples a visitor would notice, then properties over random schedules."""

import calendar
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from api.domain.recurrence import month_dates, weekdays
from api.domain.schedule import LOOKAHEAD, Opening, open_state, openings, outlook
from api.models.schedule import Schedule, ScheduleException

CHICAGO, LONDON = "America/Chicago", "Europe/London"
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
MO_FR = ["MO", "TU", "WE", "TH", "FR"]


def weekly(byday, opens_at, closes_at, **fields):
    return Schedule(freq="WEEKLY", byday=byday, opens_at=opens_at, closes_at=closes_at, **fields)


def monthly(byday, opens_at, closes_at):
    return Schedule(freq="MONTHLY", byday=byday, opens_at=opens_at, closes_at=closes_at)


def closed_on(day, reason=None):
    return ScheduleException(date=day, closed=True, reason=reason)


def special(day, opens_at, closes_at, reason=None):
    return ScheduleException(date=day, closed=False, opens_at=opens_at, closes_at=closes_at, reason=reason)


def at(tz, *wall):
    """A local wall-clock time in tz, handed over as UTC the way a request clock would be."""
    return datetime(*wall, tzinfo=ZoneInfo(tz)).astimezone(UTC)


def wall(moment):
    """The local wall clock of an aware datetime, naive, for comparing what a visitor reads."""
    return moment.replace(tzinfo=None)


def state(schedules, now, tz=CHICAGO, exceptions=(), status="active"):
    return open_state(schedules, exceptions, tz, status, now)


def between(schedules, tz, start, end, exceptions=()):
    return list(openings(schedules, exceptions, tz, start, end))


# --- Everyday answers ---------------------------------------------------------------------------------------

def test_open_on_a_weekday_morning_until_five():
    result = state([weekly(MO_FR, "09:00", "17:00")], at(CHICAGO, 2025, 3, 11, 10, 0))  # a Tuesday
    assert result.open_now is True
    assert wall(result.closes_at) == datetime(2025, 3, 11, 17, 0)
    assert result.closes_at.tzinfo == ZoneInfo(CHICAGO)
    assert wall(result.next_open.start) == datetime(2025, 3, 12, 9, 0)


def test_closing_time_is_exclusive_and_opening_time_inclusive():
    hours = [weekly(MO_FR, "09:00", "17:00")]
    assert state(hours, at(CHICAGO, 2025, 3, 11, 17, 0)).open_now is False
    assert state(hours, at(CHICAGO, 2025, 3, 11, 9, 0)).open_now is True
    assert state(hours, at(CHICAGO, 2025, 3, 11, 16, 59, 59)).open_now is True


def test_closed_at_the_weekend_next_opens_monday():
    result = state([weekly(MO_FR, "09:00", "17:00")], at(CHICAGO, 2025, 3, 15, 12, 0))  # Saturday
    assert result.open_now is False and result.closes_at is None
    assert wall(result.next_open.start) == datetime(2025, 3, 17, 9, 0)
    assert wall(result.next_open.end) == datetime(2025, 3, 17, 17, 0)


def test_friday_night_opening_runs_past_midnight():
    hours = [weekly(["FR"], "22:00", "02:00")]
    result = state(hours, at(CHICAGO, 2025, 3, 15, 1, 0))  # 01:00 Saturday
    assert result.open_now is True
    assert wall(result.closes_at) == datetime(2025, 3, 15, 2, 0)
    assert state(hours, at(CHICAGO, 2025, 3, 15, 2, 0)).open_now is False
    assert state(hours, at(CHICAGO, 2025, 3, 14, 21, 59)).open_now is False


def test_closing_friday_cancels_the_part_after_midnight_too():
    hours = [weekly(["FR"], "22:00", "02:00")]
    result = state(hours, at(CHICAGO, 2025, 3, 15, 1, 0), exceptions=[closed_on(date(2025, 3, 14), "Staff training")])
    assert result.open_now is False
    assert result.cancelled_today is False  # the cancelled opening started on Friday, and it is Saturday now
    assert wall(result.next_open.start) == datetime(2025, 3, 21, 22, 0)


def test_second_saturday_of_each_month():
    found = between([monthly(["2SA"], "10:00", "12:00")], CHICAGO, at(CHICAGO, 2025, 1, 1), at(CHICAGO, 2025, 6, 1))
    assert [o.start.date() for o in found] == [
        date(2025, 1, 11), date(2025, 2, 8), date(2025, 3, 8), date(2025, 4, 12), date(2025, 5, 10),
    ]


def test_last_friday_of_each_month():
    found = between([monthly(["-1FR"], "19:00", "20:30")], CHICAGO, at(CHICAGO, 2025, 1, 1), at(CHICAGO, 2025, 6, 1))
    assert [o.start.date() for o in found] == [
        date(2025, 1, 31), date(2025, 2, 28), date(2025, 3, 28), date(2025, 4, 25), date(2025, 5, 30),
    ]


def test_monthly_plain_weekday_means_every_one_that_month():
    found = between([monthly(["SA"], "10:00", "11:00")], CHICAGO, at(CHICAGO, 2025, 3, 1), at(CHICAGO, 2025, 4, 1))
    assert [o.start.day for o in found] == [1, 8, 15, 22, 29]


def test_every_other_thursday_counts_from_its_first_day():
    rule = weekly(["TH"], "18:00", "19:00", interval=2, dtstart=date(2025, 1, 2))
    found = between([rule], CHICAGO, at(CHICAGO, 2025, 1, 1), at(CHICAGO, 2025, 2, 15))
    assert [o.start.date() for o in found] == [date(2025, 1, 2), date(2025, 1, 16), date(2025, 1, 30),
                                               date(2025, 2, 13)]


def test_a_count_ends_the_rule_and_until_is_its_last_day():
    counted = weekly(["MO", "WE"], "09:00", "10:00", count=3, dtstart=date(2025, 1, 6))
    until = weekly(["MO"], "09:00", "10:00", until=date(2025, 1, 20))
    found = between([counted, until], CHICAGO, at(CHICAGO, 2025, 1, 1), at(CHICAGO, 2025, 3, 1))
    assert sorted({o.start.date() for o in found}) == [date(2025, 1, 6), date(2025, 1, 8), date(2025, 1, 13),
                                                       date(2025, 1, 20)]


def test_bymonthday_narrows_the_weekdays():
    """The first Saturday that falls on the 1st to 7th: RFC 5545's way of saying "first Saturday"."""
    rule = monthly(["SA"], "10:00", "11:00")
    rule.bymonthday = [1, 2, 3, 4, 5, 6, 7]
    found = between([rule], CHICAGO, at(CHICAGO, 2025, 1, 1), at(CHICAGO, 2025, 4, 1))
    assert [o.start.date() for o in found] == [date(2025, 1, 4), date(2025, 2, 1), date(2025, 3, 1)]


def test_next_monthly_meeting_a_month_away():
    result = state([monthly(["2SA"], "10:00", "12:00")], at(CHICAGO, 2025, 3, 11, 10, 0))
    assert result.open_now is False
    assert wall(result.next_open.start) == datetime(2025, 4, 12, 10, 0)


def test_meeting_in_progress_and_its_next_occurrence():
    meeting = [weekly(["WE"], "19:00", "20:00")]
    result = state(meeting, at(CHICAGO, 2025, 3, 12, 19, 30))
    assert result.open_now is True
    assert wall(result.closes_at) == datetime(2025, 3, 12, 20, 0)
    assert wall(result.next_open.start) == datetime(2025, 3, 19, 19, 0)


def test_holiday_closes_the_day_and_says_why():
    thanksgiving = date(2025, 11, 27)
    result = state([weekly(MO_FR, "09:00", "17:00")], at(CHICAGO, 2025, 11, 27, 10, 0),
                   exceptions=[closed_on(thanksgiving, "Thanksgiving")])
    assert result.open_now is False
    assert result.cancelled_today is True and result.reason == "Thanksgiving"
    assert wall(result.next_open.start) == datetime(2025, 11, 28, 9, 0)


def test_special_hours_replace_the_regular_ones_that_day():
    hours = [weekly(MO_FR, "09:00", "17:00")]
    short_day = [special(date(2025, 12, 24), "10:00", "14:00", "Christmas Eve")]
    assert state(hours, at(CHICAGO, 2025, 12, 24, 9, 30), exceptions=short_day).open_now is False
    result = state(hours, at(CHICAGO, 2025, 12, 24, 13, 0), exceptions=short_day)
    assert result.open_now is True and wall(result.closes_at) == datetime(2025, 12, 24, 14, 0)
    assert result.reason == "Christmas Eve" and result.cancelled_today is False
    [opening] = between(hours, CHICAGO, at(CHICAGO, 2025, 12, 24), at(CHICAGO, 2025, 12, 25), short_day)
    assert opening.special is True and opening.reason == "Christmas Eve"


def test_special_hours_on_a_day_normally_closed():
    extra = [special(date(2025, 3, 16), "12:00", "15:00", "Open house")]  # a Sunday
    result = state([weekly(MO_FR, "09:00", "17:00")], at(CHICAGO, 2025, 3, 15, 12, 0), exceptions=extra)
    assert wall(result.next_open.start) == datetime(2025, 3, 16, 12, 0) and result.next_open.special


def test_a_long_closure_is_looked_past():
    closure = [closed_on(date(2025, 3, 10) + timedelta(days=n), "Renovation") for n in range(42)]
    result = state([weekly(MO_FR, "09:00", "17:00")], at(CHICAGO, 2025, 3, 11, 10, 0), exceptions=closure)
    assert result.open_now is False and result.cancelled_today is True
    assert wall(result.next_open.start) == datetime(2025, 4, 21, 9, 0)


@pytest.mark.parametrize("status", ["temporarily_closed", "inactive"])
def test_only_active_services_are_ever_open(status):
    result = state([weekly(MO_FR, "09:00", "17:00")], at(CHICAGO, 2025, 3, 11, 10, 0), status=status)
    assert result.open_now is False and result.next_open is None and result.closes_at is None


def test_no_schedule_means_call_for_hours():
    result = state([], at(CHICAGO, 2025, 3, 11, 10, 0))
    assert result.open_now is None and result.next_open is None and result.closes_at is None


def test_special_hours_without_a_schedule_are_still_openings():
    now = at(CHICAGO, 2025, 3, 11, 10, 0)
    hours = [special(date(2025, 3, 12), "09:00", "12:00", reason="Open day"),
             special(date(2026, 3, 1), "10:00", "11:00")]
    found = between([], CHICAGO, now, now + LOOKAHEAD, hours)
    assert [(wall(o.start), o.special, o.reason) for o in found] == [
        (datetime(2025, 3, 12, 9, 0), True, "Open day"), (datetime(2026, 3, 1, 10, 0), True, None)]


def test_valid_from_and_valid_to_are_inclusive_and_accept_datetimes():
    summer = weekly(["MO"], "09:00", "10:00", valid_from=date(2025, 6, 2), valid_to=datetime(2025, 6, 16))
    found = between([summer], CHICAGO, at(CHICAGO, 2025, 5, 1), at(CHICAGO, 2025, 8, 1))
    assert [o.start.date() for o in found] == [date(2025, 6, 2), date(2025, 6, 9), date(2025, 6, 16)]
    assert wall(state([summer], at(CHICAGO, 2025, 5, 20, 12)).next_open.start) == datetime(2025, 6, 2, 9, 0)


def test_exception_dates_may_come_back_from_mongodb_as_datetimes():
    result = state([weekly(MO_FR, "09:00", "17:00")], at(CHICAGO, 2025, 11, 27, 10, 0),
                   exceptions=[closed_on(datetime(2025, 11, 27))])
    assert result.open_now is False and result.cancelled_today is True


def test_back_to_back_openings_report_the_end_of_the_run():
    split = [weekly(MO_FR, "09:00", "17:00"), weekly(MO_FR, "17:00", "21:00")]
    assert wall(state(split, at(CHICAGO, 2025, 3, 11, 16, 0)).closes_at) == datetime(2025, 3, 11, 21, 0)
    overlapping = [weekly(MO_FR, "09:00", "13:00"), weekly(MO_FR, "12:00", "18:00")]
    assert wall(state(overlapping, at(CHICAGO, 2025, 3, 11, 10, 0)).closes_at) == datetime(2025, 3, 11, 18, 0)


def test_round_the_clock_has_no_closing_time_until_a_closed_day():
    always = [weekly(list(WEEKDAYS), "00:00", "00:00")]
    result = state(always, at(CHICAGO, 2025, 3, 11, 10, 0))
    assert result.open_now is True and result.closes_at is None
    holiday = [closed_on(date(2025, 3, 13))]
    result = state(always, at(CHICAGO, 2025, 3, 11, 10, 0), exceptions=holiday)
    assert wall(result.closes_at) == datetime(2025, 3, 13, 0, 0)


def test_openings_are_plain_values():
    opening = between([weekly(["MO"], "09:00", "10:00")], CHICAGO, at(CHICAGO, 2025, 3, 10), at(CHICAGO, 2025, 3, 11))
    assert opening == [Opening(datetime(2025, 3, 10, 9, tzinfo=ZoneInfo(CHICAGO)),
                               datetime(2025, 3, 10, 10, tzinfo=ZoneInfo(CHICAGO)))]


def test_naive_now_is_refused():
    with pytest.raises(ValueError):
        state([weekly(MO_FR, "09:00", "17:00")], datetime(2025, 3, 11, 10, 0))


# --- Time zones and daylight saving -------------------------------------------------------------------------

@pytest.mark.parametrize(("tz", "before", "after"), [
    (CHICAGO, date(2025, 3, 7), date(2025, 3, 10)),   # spring forward on Sunday 9 March
    (CHICAGO, date(2025, 10, 31), date(2025, 11, 3)),  # fall back on Sunday 2 November
    (LONDON, date(2025, 3, 28), date(2025, 3, 31)),
    (LONDON, date(2025, 10, 24), date(2025, 10, 27)),
])
def test_nine_to_five_stays_nine_to_five_across_a_change(tz, before, after):
    hours = [weekly(MO_FR, "09:00", "17:00")]
    found = between(hours, tz, at(tz, *before.timetuple()[:3]), at(tz, *after.timetuple()[:3], 23))
    assert [(wall(o.start).time(), o.duration) for o in found] == [(time(9), timedelta(hours=8))] * 2
    assert found[0].start.utcoffset() != found[1].start.utcoffset()
    assert state(hours, at(tz, *after.timetuple()[:3], 9, 0), tz=tz).open_now is True
    assert state(hours, at(tz, *after.timetuple()[:3], 8, 59), tz=tz).open_now is False


@pytest.mark.parametrize(("tz", "night", "length"), [
    (CHICAGO, date(2025, 3, 8), timedelta(hours=7)),
    (CHICAGO, date(2025, 11, 1), timedelta(hours=9)),
    (LONDON, date(2025, 3, 29), timedelta(hours=7)),
    (LONDON, date(2025, 10, 25), timedelta(hours=9)),
])
def test_overnight_opening_has_its_true_length_on_a_change_night(tz, night, length):
    [opening] = between([weekly(["SA"], "22:00", "06:00")], tz, at(tz, *night.timetuple()[:3]),
                        at(tz, *night.timetuple()[:3], 23))
    assert opening.duration == length
    assert wall(opening.start).time() == time(22) and wall(opening.end).time() == time(6)


def test_a_full_day_is_23_or_25_hours_on_change_days():
    always = [weekly(["SU"], "00:00", "00:00")]
    spring, autumn = (between(always, LONDON, at(LONDON, 2025, m, d), at(LONDON, 2025, m, d, 1))[0]
                      for m, d in ((3, 30), (10, 26)))
    assert spring.duration == timedelta(hours=23) and autumn.duration == timedelta(hours=25)


def test_a_wall_time_that_does_not_exist_shifts_forward_by_the_gap():
    early = [weekly(["SU"], "02:30", "04:00")]
    [opening] = between(early, CHICAGO, at(CHICAGO, 2025, 3, 9), at(CHICAGO, 2025, 3, 10))
    assert wall(opening.start) == datetime(2025, 3, 9, 3, 30) and wall(opening.end) == datetime(2025, 3, 9, 4, 0)
    # Shifted past its own end, an opening has nothing left that night, and nothing crashes.
    assert between([weekly(["SU"], "02:30", "03:15")], CHICAGO, at(CHICAGO, 2025, 3, 9), at(CHICAGO, 2025, 3, 10)) == []


def test_an_ambiguous_wall_time_is_the_first_of_the_two():
    [opening] = between([weekly(["SU"], "01:30", "03:00")], CHICAGO, at(CHICAGO, 2025, 11, 2),
                        at(CHICAGO, 2025, 11, 3))
    assert opening.start.astimezone(UTC) == datetime(2025, 11, 2, 6, 30, tzinfo=UTC)  # 01:30 CDT, not CST
    assert opening.duration == timedelta(hours=2, minutes=30)


def test_auckland_monday_morning_while_utc_is_still_sunday():
    now = datetime(2025, 6, 1, 21, 30, tzinfo=UTC)  # Sunday in UTC, Monday 09:30 in Auckland
    result = state([weekly(["MO"], "09:00", "17:00")], now, tz="Pacific/Auckland")
    assert result.open_now is True
    assert result.closes_at.astimezone(UTC) == datetime(2025, 6, 2, 5, 0, tzinfo=UTC)


def test_kolkata_half_hour_offset():
    hours = [weekly(["TU"], "09:00", "17:00")]
    assert state(hours, datetime(2025, 6, 10, 3, 29, tzinfo=UTC), tz="Asia/Kolkata").open_now is False
    result = state(hours, datetime(2025, 6, 10, 3, 30, tzinfo=UTC), tz="Asia/Kolkata")
    assert result.open_now is True
    assert result.closes_at.astimezone(UTC) == datetime(2025, 6, 10, 11, 30, tzinfo=UTC)


# --- Properties ---------------------------------------------------------------------------------------------

# Half-hour and 30-minute-DST zones, both hemispheres, and zones whose DST has come and gone.
ZONES = ["America/Chicago", "Europe/London", "Pacific/Auckland", "Asia/Kolkata", "America/St_Johns",
         "Australia/Lord_Howe", "America/Sao_Paulo", "UTC"]
YEAR_START, YEAR_END = datetime(2024, 1, 1, tzinfo=UTC), datetime(2026, 12, 31, tzinfo=UTC)


@cache
def transitions(tz: str) -> tuple[datetime, ...]:
    """The UTC instants at which tz changes offset, found hour by hour, so random instants can crowd them."""
    zone, found, moment = ZoneInfo(tz), [], YEAR_START
    while moment < YEAR_END:
        following = moment + timedelta(hours=1)
        if moment.astimezone(zone).utcoffset() != following.astimezone(zone).utcoffset():
            found.append(following)
        moment = following
    return tuple(found) or (YEAR_START,)


hhmm = st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.sampled_from([0, 15, 30, 45, 59]))
weekly_schedules = st.lists(
    st.builds(weekly, st.lists(st.sampled_from(WEEKDAYS), min_size=1, max_size=7, unique=True), hhmm, hhmm),
    min_size=1, max_size=3,
)


@st.composite
def zone_and_instant(draw):
    """A zone and a UTC instant, half the time within two days of one of that zone's offset changes."""
    tz = draw(st.sampled_from(ZONES))
    if draw(st.booleans()):
        near = draw(st.sampled_from(transitions(tz)))
        moment = near + timedelta(minutes=draw(st.integers(-2 * 24 * 60, 2 * 24 * 60)))
    else:
        moment = draw(st.datetimes(YEAR_START.replace(tzinfo=None), YEAR_END.replace(tzinfo=None)))
    return tz, moment.replace(tzinfo=UTC, second=0, microsecond=0)


@st.composite
def exceptions_near(draw, moment, tz):
    """A few closed days or special hours on local dates around an instant."""
    today = moment.astimezone(ZoneInfo(tz)).date()
    days = draw(st.lists(st.integers(-2, 9), max_size=4, unique=True))
    return [
        closed_on(today + timedelta(days=n)) if draw(st.booleans())
        else special(today + timedelta(days=n), draw(hhmm), draw(hhmm))
        for n in days
    ]


def nonexistent(day: date, wall_time: time, zone: ZoneInfo) -> bool:
    """Whether a local wall time falls in a spring-forward gap (it does not survive a round trip through UTC)."""
    local = datetime.combine(day, wall_time, zone)
    return wall(local.astimezone(UTC).astimezone(zone)) != wall(local)


def wall_span(opens_at: str, closes_at: str) -> timedelta:
    """Hours on the wall clock: past midnight wraps, equal times are a full day."""
    opens, closes = (datetime.strptime(value, "%H:%M") for value in (opens_at, closes_at))
    return (closes - opens) % timedelta(days=1) or timedelta(days=1)


PROPERTY = settings(max_examples=150, deadline=None)


@PROPERTY
@given(st.data(), weekly_schedules, zone_and_instant())
def test_open_now_exactly_when_an_opening_contains_now(data, schedules, tz_now):
    tz, now = tz_now
    exceptions = data.draw(exceptions_near(now, tz))
    result = open_state(schedules, exceptions, tz, "active", now)
    containing = [o for o in openings(schedules, exceptions, tz, now - timedelta(days=2), now + timedelta(days=2))
                  if o.contains(now)]
    assert result.open_now is bool(containing)
    assert list(openings(schedules, exceptions, tz, now, now + timedelta(microseconds=1))) == containing


@PROPERTY
@given(st.data(), weekly_schedules | st.just([]), zone_and_instant(), st.sampled_from(["active", "inactive"]))
def test_a_listings_page_shows_the_same_open_state_and_next_openings_as_asked_apart(data, schedules, tz_now, status):
    tz, now = tz_now
    exceptions = data.draw(exceptions_near(now, tz))
    state, upcoming = outlook(schedules, exceptions, tz, status, now, 5)
    assert state == open_state(schedules, exceptions, tz, status, now)
    assert upcoming == list(openings(schedules, exceptions, tz, now, now + LOOKAHEAD))[:5]


def test_the_next_openings_reach_the_day_a_clock_change_adds_to_the_lookahead():
    # 23:30 in London in winter; 400 days on it is 00:30 BST, a local day later than today + 400 days.
    now = datetime(2025, 3, 1, 23, 30, tzinfo=UTC)
    only = weekly(["MO"], "00:15", "01:00", valid_from=date(2026, 4, 6))
    state, upcoming = outlook([only], [], LONDON, "active", now, 5)
    assert [wall(o.start) for o in upcoming] == [datetime(2026, 4, 6, 0, 15)]
    assert state.next_open is None  # "next opening" looks as far as today + LOOKAHEAD, as it always has


@PROPERTY
@given(weekly_schedules, zone_and_instant())
def test_open_now_agrees_with_a_plain_reading_of_the_week(schedules, tz_now):
    tz, now = tz_now
    zone = ZoneInfo(tz)
    today = now.astimezone(zone).date()
    expected = False
    for day in (today - timedelta(days=1), today):
        for schedule in schedules:
            if WEEKDAYS[day.weekday()] in schedule.byday:
                start = datetime.combine(day, time.fromisoformat(schedule.opens_at), zone)
                end = start.replace(tzinfo=None) + wall_span(schedule.opens_at, schedule.closes_at)
                expected |= start.astimezone(UTC) <= now < end.replace(tzinfo=zone).astimezone(UTC)
    assert open_state(schedules, [], tz, "active", now).open_now is expected


@PROPERTY
@given(st.data(), weekly_schedules, zone_and_instant())
def test_next_open_is_the_first_opening_after_now(data, schedules, tz_now):
    tz, now = tz_now
    exceptions = data.draw(exceptions_near(now, tz))
    upcoming = open_state(schedules, exceptions, tz, "active", now).next_open
    assert upcoming is not None  # a weekly schedule always recurs within the search horizon
    assert upcoming.start.astimezone(UTC) > now
    assert upcoming in list(openings(schedules, exceptions, tz, now, upcoming.end))
    earlier = [o for o in openings(schedules, exceptions, tz, now, upcoming.start)
               if now < o.start.astimezone(UTC) < upcoming.start.astimezone(UTC)]
    assert earlier == []


@PROPERTY
@given(st.data(), weekly_schedules, zone_and_instant())
def test_closes_at_ends_an_unbroken_run(data, schedules, tz_now):
    tz, now = tz_now
    exceptions = data.draw(exceptions_near(now, tz))
    result = open_state(schedules, exceptions, tz, "active", now)
    if not result.open_now:
        assert result.closes_at is None
        return
    horizon = now + timedelta(days=7)
    end = result.closes_at.astimezone(UTC) if result.closes_at else horizon
    assert end > now
    covered = now
    for opening in openings(schedules, exceptions, tz, now, end):
        assert opening.start.astimezone(UTC) <= covered  # no gap before the reported closing time
        covered = max(covered, opening.end.astimezone(UTC))
    assert covered >= end
    if result.closes_at:
        assert not any(o.contains(result.closes_at) for o in openings(schedules, exceptions, tz, end, horizon))


@PROPERTY
@given(weekly_schedules, zone_and_instant())
def test_openings_keep_their_wall_clock_and_true_length(schedules, tz_now):
    tz, now = tz_now
    zone = ZoneInfo(tz)
    found = list(openings(schedules, [], tz, now - timedelta(days=3), now + timedelta(days=3)))
    assert [o.start for o in found] == sorted((o.start for o in found), key=lambda moment: moment.astimezone(UTC))
    for opening in found:
        assert opening.start.tzinfo is zone and opening.end.tzinfo is zone
        day = opening.start.date()
        candidates = [s for s in schedules if WEEKDAYS[day.weekday()] in s.byday
                      and wall(opening.start).time() == time.fromisoformat(s.opens_at)]
        if not candidates:  # only a start in a spring-forward gap may read differently on the wall clock
            assert any(nonexistent(day, time.fromisoformat(s.opens_at), zone) for s in schedules)
            continue
        assert any(true_length(opening, schedule, zone) for schedule in candidates)


def true_length(opening: Opening, schedule: Schedule, zone: ZoneInfo) -> bool:
    """Elapsed length is the wall-clock span less the offset change (unless the closing time fell in a gap)."""
    end_day = opening.start.date() + timedelta(days=0 if schedule.closes_at > schedule.opens_at else 1)
    if nonexistent(end_day, time.fromisoformat(schedule.closes_at), zone):
        return True
    offset_change = opening.end.utcoffset() - opening.start.utcoffset()
    return opening.duration == wall_span(schedule.opens_at, schedule.closes_at) - offset_change


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["WEEKLY", "MONTHLY"]), st.lists(st.sampled_from([*WEEKDAYS, "1MO", "-1FR"]), max_size=4),
       st.integers(2024, 2026), st.integers(1, 12))
def test_weekdays_read_without_a_calendar_are_the_calendars(freq, byday, year, month):
    days = weekdays(freq, tuple(byday))
    if days is not None:  # a plain weekly rule: the same days as the month's calendar
        assert {day for day in month_dates(freq, tuple(byday), year, month)} == {
            date(year, month, n) for n in range(1, calendar.monthrange(year, month)[1] + 1)
            if date(year, month, n).weekday() in days}
    else:
        assert freq == "MONTHLY" or any(code not in WEEKDAYS for code in byday)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(WEEKDAYS), st.sampled_from([1, 2, 3, 4, 5, -1, -2, -3, -4, -5]), st.integers(2024, 2026))
def test_monthly_nth_weekday_matches_the_calendar(weekday, n, year):
    code = f"{n}{weekday}"
    found = between([monthly([code], "10:00", "11:00")], "UTC", datetime(year, 1, 1, tzinfo=UTC),
                    datetime(year + 1, 1, 1, tzinfo=UTC))
    expected = []
    for month in range(1, 13):
        same_weekday = [day for day in range(1, calendar.monthrange(year, month)[1] + 1)
                        if date(year, month, day).weekday() == WEEKDAYS.index(weekday)]
        if len(same_weekday) >= abs(n):
            expected.append(date(year, month, same_weekday[n - 1 if n > 0 else n]))
    assert [o.start.date() for o in found] == expected
