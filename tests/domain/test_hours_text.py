"""Opening hours written as one line ("MO-FR 09:00-17:00; SA 10:00-14:00"): read, refused clearly, written back."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from api.domain.hours_text import WEEKDAYS, WeeklyHours, format_hours, parse_hours


@pytest.mark.parametrize("text, expected", [
    ("MO-FR 09:00-17:00; SA 10:00-14:00", [("WEEKLY", ("MO", "TU", "WE", "TH", "FR"), "09:00", "17:00"),
                                          ("WEEKLY", ("SA",), "10:00", "14:00")]),
    ("mo - we, fr 9:00 – 17:30", [("WEEKLY", ("MO", "TU", "WE", "FR"), "09:00", "17:30")]),
    ("FR-MO 22:00-06:00", [("WEEKLY", ("MO", "FR", "SA", "SU"), "22:00", "06:00")]),  # wraps; past midnight
    ("1SA,3SA 10:00-12:00; -1FR 19:00-20:00", [("MONTHLY", ("1SA", "3SA"), "10:00", "12:00"),
                                               ("MONTHLY", ("-1FR",), "19:00", "20:00")]),
    ("SU 00:00-00:00", [("WEEKLY", ("SU",), "00:00", "00:00")]),  # equal times: the whole day
    ("", []),
])
def test_hours_are_read(text, expected):
    assert [tuple(hours) for hours in parse_hours(text)] == expected


@pytest.mark.parametrize("text, message", [
    ("every day 9-5", "is not like"),
    ("weekdays 09:00-17:00", "is not a day"),
    ("XX 09:00-10:00", "is not a day"),
    ("6SA 09:00-10:00", "is not a day"),
    ("MO-FR-SA 09:00-10:00", "is not a day"),
    ("MO,1SA 09:00-10:00", "mixes weekly days and monthly"),
    ("MO 24:00-01:00", "24-hour time"),
    ("MO 9-17", "24-hour time"),
    ("; ".join(["MO 09:00-10:00"] * 15), "at most 14"),
])
def test_bad_hours_say_what_is_wrong(text, message):
    with pytest.raises(ValueError, match=message):
        parse_hours(text)


TIMES = st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.integers(0, 59))
WEEKLY = st.builds(lambda days, opens, closes: WeeklyHours("WEEKLY", tuple(d for d in WEEKDAYS if d in days),
                                                           opens, closes),
                   st.sets(st.sampled_from(WEEKDAYS), min_size=1), TIMES, TIMES)


@given(st.lists(WEEKLY, max_size=5))
def test_written_hours_read_back_the_same(schedules):
    assert parse_hours(format_hours(schedules)) == schedules


@given(st.text(max_size=60))
def test_any_text_is_hours_or_a_value_error(text):
    try:
        parse_hours(text)
    except ValueError:
        pass
