"""Recurrence building blocks: the local dates a BYDAY rule fires on, and wall-clock hours as real instants."""

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from dateutil import rrule

FREQUENCIES = {"WEEKLY": rrule.WEEKLY, "MONTHLY": rrule.MONTHLY}
WEEKDAYS = dict(zip(("MO", "TU", "WE", "TH", "FR", "SA", "SU"), rrule.weekdays))


def as_date(value: date | datetime | None) -> date | None:
    """The calendar date of a date or datetime: MongoDB hands DateFields back as midnight datetimes."""
    return value.date() if isinstance(value, datetime) else value


def parse_byday(code: str) -> rrule.weekday:
    """An RFC 5545 BYDAY code as an rrule weekday: "SA" every Saturday, "2SA" the 2nd, "-1FR" the last Friday."""
    day = WEEKDAYS[code[-2:]]
    return day(int(code[:-2])) if code[:-2] else day


@lru_cache(maxsize=1024)
def weekdays(freq: str, byday: tuple[str, ...]) -> frozenset[int] | None:
    """The weekdays (0 = Monday) a WEEKLY rule of plain BYDAY codes fires on, as month_dates would find them every
    week; None for a rule that needs its month's calendar (MONTHLY, or "2SA" codes)."""
    if freq != "WEEKLY" or not all(code in WEEKDAYS for code in byday):
        return None
    return frozenset(WEEKDAYS[code].weekday for code in byday)


@lru_cache(maxsize=4096)
def month_dates(freq: str, byday: tuple[str, ...], year: int, month: int) -> frozenset[date]:
    """The dates of one month on which a WEEKLY or MONTHLY rule fires (cached: few distinct rules, many services)."""
    if not byday:
        # rrule would fall back to dtstart's weekday; an empty BYDAY list means the rule never fires.
        return frozenset()
    first = datetime(year, month, 1)
    last = (first + timedelta(days=31)).replace(day=1) - timedelta(days=1)
    # One month per rule keeps the expansion tiny, and rrule resolves "2SA" / "-1FR" within exactly that month.
    rule = rrule.rrule(
        FREQUENCIES[freq], dtstart=first, until=last, byweekday=tuple(parse_byday(code) for code in byday),
    )
    return frozenset(moment.date() for moment in rule)


def rule_parts(schedule) -> tuple | None:
    """A schedule's RFC 5545 parts beyond freq and byday, hashable; None when it has none (the common case).

    Read with getattr: schedules arrive as documents, as stored records and as plain rules that lack these parts.
    """
    part = {name: getattr(schedule, name, None) for name in ("dtstart", "valid_from", "interval", "count", "until",
                                                             "bymonthday", "byweekno", "byyearday", "wkst")}
    parts = (as_date(part["dtstart"] or part["valid_from"]), part["interval"] or 1, part["count"],
             as_date(part["until"]), tuple(part["bymonthday"] or ()), tuple(part["byweekno"] or ()),
             tuple(part["byyearday"] or ()), part["wkst"])
    return parts if parts[1:] != (1, None, None, (), (), (), None) else None


@lru_cache(maxsize=4096)
def rule_dates(freq: str, byday: tuple[str, ...], parts: tuple, year: int, month: int) -> frozenset[date]:
    """The dates of one month on which a rule with further parts (interval, count, until, by*) fires.

    rrule applies RFC 5545 itself: an interval or a count runs from dtstart (the model requires one for them), so
    "every other Thursday" and "the first 3 times" fall where the source meant; other parts only narrow the days.
    """
    start, interval, count, until, bymonthday, byweekno, byyearday, wkst = parts
    first = datetime(year, month, 1)
    last = (first + timedelta(days=31)).replace(day=1) - timedelta(days=1)
    anchor = datetime.combine(start, time()) if start and (interval > 1 or count) else first
    if not byday or anchor > last:
        return frozenset()
    rule = rrule.rrule(
        FREQUENCIES[freq], dtstart=anchor, interval=interval, count=count,
        until=datetime.combine(until, time()) if until else None,
        byweekday=tuple(parse_byday(code) for code in byday), bymonthday=bymonthday or None,
        byweekno=byweekno or None, byyearday=byyearday or None, wkst=WEEKDAYS[wkst] if wkst else None,
    )
    return frozenset(moment.date() for moment in rule.between(first, last, inc=True))


@lru_cache(maxsize=1024)
def hours(opens_at: str, closes_at: str) -> tuple[time, time, int]:
    """Parsed "HH:MM" hours and the days after the start date they close: 1 past midnight or for a full 24 hours."""
    opens, closes = time.fromisoformat(opens_at), time.fromisoformat(closes_at)
    return opens, closes, 0 if closes > opens else 1


def instant(day: date, wall: time, zone: ZoneInfo) -> datetime:
    """The UTC instant of a local date and wall-clock time.

    fold=0 throughout: an ambiguous time (fall back) is its first occurrence; a time in the spring-forward gap
    is read with the offset in force before the gap, which lands it later by the gap (02:30 becomes 03:30).
    """
    return datetime.combine(day, wall, zone).astimezone(UTC)


def span(day: date, opening_hours: tuple[time, time, int], zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC start and end of hours that start on a local date; the length is true elapsed time across DST."""
    opens, closes, days_later = opening_hours
    return instant(day, opens, zone), instant(day + timedelta(days=days_later), closes, zone)
