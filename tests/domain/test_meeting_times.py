"""A meeting's next occurrence: found however far its monthly rule or a cancellation pushes it."""

from datetime import UTC, date, datetime
from types import SimpleNamespace

from api.domain.meeting_times import next_occurrence


def meeting(byday, exceptions=(), freq="MONTHLY"):
    schedule = SimpleNamespace(freq=freq, byday=byday, opens_at="19:00", closes_at="20:00", valid_from=None,
                               valid_to=None)
    return SimpleNamespace(status="active", schedules=[schedule], exceptions=list(exceptions),
                           timezone="America/Chicago")


def closed(day):
    return SimpleNamespace(date=day, closed=True, opens_at=None, closes_at=None, reason="Holiday")


def test_a_fifth_saturday_meeting_is_found_months_ahead():
    # After 31 January 2026 the next month with five Saturdays is May.
    occurrence = next_occurrence(meeting(["5SA"]), datetime(2026, 2, 1, 12, tzinfo=UTC))
    assert occurrence.start.isoformat() == "2026-05-30T19:00:00-05:00"


def test_a_cancelled_monthly_date_moves_on_to_the_next_month():
    occurrence = next_occurrence(meeting(["1MO"], [closed(date(2026, 2, 2))]), datetime(2026, 1, 6, 3, tzinfo=UTC))
    assert occurrence.start.isoformat() == "2026-03-02T19:00:00-06:00"


def test_a_day_filter_finds_that_weekday_in_the_meetings_own_zone():
    # 02:30 UTC Wednesday is 20:30 Tuesday in Chicago, after this week's meeting: next Tuesday it is.
    weekly = meeting(["TU"], freq="WEEKLY")
    occurrence = next_occurrence(weekly, datetime(2026, 11, 25, 2, 30, tzinfo=UTC), day=2)
    assert occurrence.start.isoformat() == "2026-12-01T19:00:00-06:00"
    assert next_occurrence(weekly, datetime(2026, 11, 24, 16, tzinfo=UTC), day=2).start.day == 24


def test_a_meeting_that_is_not_active_has_no_next_occurrence():
    stopped = meeting(["TU"], freq="WEEKLY")
    stopped.status = "temporarily_closed"
    assert next_occurrence(stopped, datetime(2026, 11, 24, tzinfo=UTC)) is None


def test_a_day_and_time_no_rule_can_meet_is_answered_at_once():
    early = meeting(["FR"], freq="WEEKLY")
    early.schedules[0].opens_at, early.schedules[0].closes_at = "07:00", "08:00"
    assert next_occurrence(early, datetime(2026, 11, 24, tzinfo=UTC), day=5, starting_after="18:00") is None
    special = SimpleNamespace(date=date(2026, 12, 4), closed=False, opens_at="19:00", closes_at="20:00", reason="")
    early.exceptions = [special]
    found = next_occurrence(early, datetime(2026, 11, 24, tzinfo=UTC), day=5, starting_after="18:00")
    assert found.start.isoformat() == "2026-12-04T19:00:00-06:00"
