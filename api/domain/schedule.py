"""Is it open now, until when, and when next: schedules and dated exceptions read in the service's own time zone."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import chain, islice, tee
from operator import attrgetter
from typing import NamedTuple
from zoneinfo import ZoneInfo

from api.domain.recurrence import as_date, hours, month_dates, rule_dates, rule_parts, span, weekdays

DAY = timedelta(days=1)
# How far ahead "next opening" looks: a fifth-Saturday rule can skip three months, and its next date may be
# cancelled too; a schedule with nothing in a year ahead has, for a person, no next opening.
LOOKAHEAD = timedelta(days=400)
# A run of back-to-back openings longer than this is reported as "no closing time" (a 24/7 service).
RUN_HORIZON = timedelta(days=7)


@dataclass(frozen=True)
class Opening:
    """One occurrence of opening hours or of a meeting; start and end are aware, in the service's time zone."""

    start: datetime
    end: datetime
    special: bool = False  # hours from a dated exception rather than the regular schedule
    reason: str | None = None

    @property
    def duration(self) -> timedelta:
        """True elapsed length: Python subtracts two datetimes of one zone by wall clock, ignoring DST."""
        return self.end.astimezone(UTC) - self.start.astimezone(UTC)

    def contains(self, moment: datetime) -> bool:
        """Whether an aware instant falls within [start, end)."""
        # Compared in UTC: same-zone comparison is by wall clock and would misorder times around a fall-back.
        return self.start.astimezone(UTC) <= moment.astimezone(UTC) < self.end.astimezone(UTC)


@dataclass(frozen=True)
class OpenState:
    """What a listing shows: open now (None = no schedule, call for hours), until when, and the next opening."""

    open_now: bool | None
    closes_at: datetime | None = None  # end of the continuous run; None when open and it runs past RUN_HORIZON
    next_open: Opening | None = None  # the first opening starting strictly after now
    cancelled_today: bool = False  # a "closed" exception falls on today's local date
    reason: str | None = None  # the reason given by an exception on today's local date


class _Rule(NamedTuple):
    """A schedule reduced to plain values, so documents are read once per call and never hashed."""

    freq: str
    byday: tuple[str, ...]
    hours: tuple[time, time, int]
    valid_from: date | None
    valid_to: date | None
    parts: tuple | None  # interval, count, until, by* (recurrence.rule_parts); None for a plain rule
    weekdays: frozenset[int] | None  # a plain weekly rule's days (recurrence.weekdays); None for any other rule

    def fires(self, day: date) -> bool:
        """Whether the schedule has an occurrence starting on this local date."""
        if (self.valid_from and day < self.valid_from) or (self.valid_to and day > self.valid_to):
            return False
        if self.weekdays is not None:  # most rules, asked of every day of a listing's next weeks: no calendar needed
            return day.weekday() in self.weekdays
        if self.parts is not None:
            return day in rule_dates(self.freq, self.byday, self.parts, day.year, day.month)
        return day in month_dates(self.freq, self.byday, day.year, day.month)


class _Occurrence(NamedTuple):
    """An opening in UTC, the form all comparisons here are made in."""

    start: datetime
    end: datetime
    special: bool
    reason: str | None


def openings(schedules: Iterable, exceptions: Iterable, tz: str, start: datetime, end: datetime) -> Iterator[Opening]:
    """The openings overlapping [start, end), in order of start."""
    zone = ZoneInfo(tz)
    start, end = _utc(start), _utc(end)
    # Begin a day early: an opening that started yesterday may run past midnight into the window.
    first, last = start.astimezone(zone).date() - DAY, end.astimezone(zone).date()
    yield from _within(_occurrences(_rules(schedules), _by_date(exceptions), zone, first, last), start, end, zone)


def open_state(schedules: Iterable, exceptions: Iterable, tz: str, status: str, now: datetime) -> OpenState:
    """Whether the service is open (a meeting in progress) at now, until when, and its next opening."""
    if status != "active":
        return OpenState(open_now=False)
    rules = _rules(schedules)
    zone, now = ZoneInfo(tz), _utc(now)
    today = now.astimezone(zone).date()
    by_date = _by_date(exceptions)
    return _state(rules, _occurrences(rules, by_date, zone, today - DAY, today + LOOKAHEAD), by_date.get(today, ()),
                  zone, now)


def outlook(schedules: Iterable, exceptions: Iterable, tz: str, status: str, now: datetime,
            limit: int) -> tuple[OpenState, list[Opening]]:
    """open_state at now and the first `limit` openings from now to now + LOOKAHEAD, from one walk of the days:
    both begin the day before today, and a listing's page shows both."""
    rules, by_date, zone, now = _rules(schedules), _by_date(exceptions), ZoneInfo(tz), _utc(now)
    today, end = now.astimezone(zone).date(), now + LOOKAHEAD
    for_state, for_openings = tee(_occurrences(rules, by_date, zone, today - DAY, today + LOOKAHEAD))
    # The openings' window ends on end's local date, the day after today + LOOKAHEAD when a clock change between
    # them moves a late-evening now past midnight.
    further = _occurrences(rules, by_date, zone, today + LOOKAHEAD + DAY, end.astimezone(zone).date())
    upcoming = list(islice(_within(chain(for_openings, further), now, end, zone), limit))
    state = _state(rules, for_state, by_date.get(today, ()), zone, now) if status == "active" \
        else OpenState(open_now=False)
    return state, upcoming


def _within(occurrences: Iterable[_Occurrence], start: datetime, end: datetime, zone: ZoneInfo) -> Iterator[Opening]:
    """The occurrences overlapping [start, end) (UTC), in the service's time zone."""
    for occurrence in occurrences:
        if occurrence.end > start and occurrence.start < end:
            yield _opening(occurrence, zone)


def _state(rules: list[_Rule], occurrences: Iterable[_Occurrence], today_exceptions: list | tuple, zone: ZoneInfo,
           now: datetime) -> OpenState:
    """An active service's open state from its occurrences since the day before today (now in UTC)."""
    if not rules:
        return OpenState(open_now=None)
    # Openings arrive in order of start. Back-to-back or overlapping ones (09-17 + 17-21, 24/7) extend one run,
    # so closes_at is when the doors really shut; stop once the run is over and the next opening is known.
    run_end = next_open = None
    for occurrence in occurrences:
        if occurrence.start > now:
            next_open = next_open or occurrence
            if run_end is None or occurrence.start > run_end or run_end - now > RUN_HORIZON:
                break
        if occurrence.start <= now < occurrence.end or (run_end and occurrence.start <= run_end):
            run_end = max(run_end or occurrence.end, occurrence.end)
    return OpenState(
        open_now=run_end is not None,
        closes_at=run_end.astimezone(zone) if run_end and run_end - now <= RUN_HORIZON else None,
        next_open=_opening(next_open, zone) if next_open else None,
        cancelled_today=any(exception.closed for exception in today_exceptions),
        reason=next((exception.reason for exception in today_exceptions if exception.reason), None),
    )


def _occurrences(rules: list[_Rule], by_date: dict, zone: ZoneInfo, first: date, last: date) -> Iterator[_Occurrence]:
    """Occurrences starting on the local dates first..last, day by day, so callers can stop early."""
    if rules:
        days = map(date.fromordinal, range(first.toordinal(), last.toordinal() + 1))
    else:  # only exceptions' dates can have hours: a listing without a schedule need not walk a year of days
        days = sorted(day for day in by_date if first <= day <= last)
    for day in days:
        yield from _starting_on(day, rules, by_date.get(day), zone)


def _starting_on(day: date, rules: list[_Rule], day_exceptions: list | None, zone: ZoneInfo) -> list[_Occurrence]:
    """Occurrences starting on one local date: that date's exceptions replace every regular one."""
    if day_exceptions is None:
        found = [_Occurrence(*span(day, rule.hours, zone), False, None) for rule in rules if rule.fires(day)]
        if not found:  # most days of a weekly rule: nothing to sort
            return found
    elif any(exception.closed for exception in day_exceptions):
        return []
    else:
        found = [
            _Occurrence(*span(day, hours(exception.opens_at, exception.closes_at), zone), True, exception.reason)
            for exception in day_exceptions
        ]
    # Hours starting in the spring-forward gap shift later and may pass their own end (02:30-03:15): none that night.
    return sorted((occurrence for occurrence in found if occurrence.end > occurrence.start), key=attrgetter("start"))


def _rules(schedules: Iterable) -> list[_Rule]:
    """Read each schedule document once into plain values."""
    return [_rule(schedule) for schedule in schedules]


def _rule(schedule) -> _Rule:
    freq, byday, parts = schedule.freq, tuple(schedule.byday), rule_parts(schedule)
    return _Rule(freq, byday, hours(schedule.opens_at, schedule.closes_at), as_date(schedule.valid_from),
                 as_date(schedule.valid_to), parts, weekdays(freq, byday) if parts is None else None)


def _by_date(exceptions: Iterable) -> dict[date, list]:
    """Exceptions grouped by the local date they apply to; several special-hours entries make a split day."""
    grouped: dict[date, list] = {}
    for exception in exceptions:
        grouped.setdefault(as_date(exception.date), []).append(exception)
    return grouped


def _opening(occurrence: _Occurrence, zone: ZoneInfo) -> Opening:
    """The public form of an occurrence, in the service's time zone."""
    return Opening(occurrence.start.astimezone(zone), occurrence.end.astimezone(zone), occurrence.special,
                   occurrence.reason)


def _utc(moment: datetime) -> datetime:
    """An aware datetime in UTC; a naive one is refused rather than guessed at in the machine's zone."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("an aware datetime is required")
    return moment.astimezone(UTC)
