"""Opening hours in words, in the language of the moment: "Open until 5:00 PM", "Closed · opens tomorrow at 9:00 AM",
"Next meeting Thursday at 7:00 PM", "Monday to Friday, 9:00 AM – 5:00 PM". Babel writes the times, weekdays and
dates (CLDR), in the listing's zone."""

from datetime import datetime, time, timedelta
from functools import lru_cache

from babel.dates import format_interval, format_skeleton, format_time, get_day_names
from babel.lists import format_list

from api.domain.hours_text import WEEKDAYS, weekday_runs
from api.domain.recurrence import rule_parts
from api.domain.schedule import OpenState
from api.i18n.language import current
from api.i18n.text import N_, locale
from api.i18n.text import gettext as _

# The week of the month a MONTHLY BYDAY code names ("2SA", "-1FR"), as a whole phrase: Spanish shortens "primero"
# to "primer" before a weekday, so the ordinal cannot be a word of its own.
MONTHLY = {
    "1": N_("first {weekday} of the month"), "2": N_("second {weekday} of the month"),
    "3": N_("third {weekday} of the month"), "4": N_("fourth {weekday} of the month"),
    "5": N_("fifth {weekday} of the month"), "-1": N_("last {weekday} of the month"),
}
WEEK = timedelta(days=7)


def state_text(state: OpenState, status: str, meeting: bool, now: datetime) -> str:
    """One line for a list: open (a meeting on) until when, or when it next opens (meets), in local time."""
    if status == "inactive":
        return _("No longer operating")
    if status == "temporarily_closed":
        return _("Temporarily closed")
    if state.open_now is None:
        return _("Call for hours")
    if state.open_now:
        if state.closes_at is None:
            return _("Open around the clock")
        closes = state.closes_at
        if closes - now > timedelta(hours=24):
            return _("Open until {weekday} at {time}", weekday=_weekday(closes), time=_time(closes))
        return _("Meeting now · until {time}", time=_time(closes)) if meeting else \
            _("Open until {time}", time=_time(closes))
    if state.next_open is None:
        return _("No upcoming meetings") if meeting else _("Closed")
    when = _when(state.next_open.start, now)
    return _("Next meeting {when}", when=when) if meeting else _("Closed · opens {when}", when=when)


def occurrence_text(start: datetime, end: datetime, now: datetime) -> str:
    """When a meeting next meets, for a list: "Now · until 8:00 PM", "Today at 7:00 PM", "Thursday at 7:00 PM"."""
    if start <= now < end:
        return _("Now · until {time}", time=_time(end))
    return _capital(_when(start, now))


def schedule_text(schedule) -> str | None:
    """A weekly or monthly schedule in words ("Monday to Friday, 9:00 AM – 5:00 PM"); None for a rule with further
    RFC 5545 parts (every other week, the first 3 times, ...), which the listing's next openings show instead."""
    if rule_parts(schedule) is not None:
        return None
    return _rule_text(schedule.freq, tuple(schedule.byday), schedule.opens_at, schedule.closes_at, current())


@lru_cache(maxsize=4096)
def _rule_text(freq: str, byday: tuple[str, ...], opens_at: str, closes_at: str, language: str) -> str | None:
    """schedule_text of a plain rule; language is the current one, which the words are in, so it keys the cache.
    Cached: few distinct rules serve many listings, and Babel's hours and lists were a fifth of building a page."""
    if not byday:
        return None
    if freq == "WEEKLY" and all(day in WEEKDAYS for day in byday):
        days = _weekly_days(byday)
    elif freq == "MONTHLY" and all(day[:-2] in MONTHLY for day in byday):
        names = get_day_names("wide", locale=locale())
        days = format_list([_(MONTHLY[day[:-2]], weekday=names[WEEKDAYS.index(day[-2:])]) for day in byday],
                           locale=locale())
    else:
        return None
    return _capital(_("{days}, {hours}", days=days, hours=_hours(opens_at, closes_at)))


def _when(start: datetime, now: datetime) -> str:
    """A coming local moment as it fits mid-sentence: "today at 9:00 AM", "tomorrow at ...", "Thursday at ..."."""
    today = now.astimezone(start.tzinfo).date()
    if start.date() == today:
        return _("today at {time}", time=_time(start))
    if start.date() == today + timedelta(days=1):
        return _("tomorrow at {time}", time=_time(start))
    if start - now < WEEK:
        return _("{weekday} at {time}", weekday=_weekday(start), time=_time(start))
    return _("{date} at {time}", date=format_skeleton("MMMMd", start, locale=locale()), time=_time(start))


def _capital(text: str) -> str:
    """A phrase made to start a line (Spanish writes weekdays and months in lower case)."""
    return text[:1].upper() + text[1:]


def _weekly_days(byday) -> str:
    names = get_day_names("wide", locale=locale())
    runs = weekday_runs(byday)
    if runs == [list(range(7))]:
        return _("every day")
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(_("{first} to {last}", first=names[run[0]], last=names[run[-1]]))
        else:
            parts.extend(names[index] for index in run)
    return format_list(parts, locale=locale())


def _hours(opens_at: str, closes_at: str) -> str:
    """09:00-17:00 as the language writes a span of hours; equal times are the full 24 hours (the model's rule)."""
    if opens_at == closes_at:
        return _("24 hours")
    start, end = time.fromisoformat(opens_at), time.fromisoformat(closes_at)
    return format_interval(start, end, _clock_skeleton(), locale=locale())


def _time(moment: datetime) -> str:
    """A local time as the language writes it (5:00 PM, 17:00); the moment carries the listing's zone."""
    return _clock(moment.hour, moment.minute, current())


@lru_cache(maxsize=4096)
def _clock(hour: int, minute: int, language: str) -> str:
    """_time of a wall-clock minute in language, the current one. Cached: a short time shows only the hour and
    minute, a day has 1,440 of them, and Babel's formatting was a good part of a list line's hours."""
    return format_time(time(hour, minute), "short", locale=locale())


def _weekday(moment: datetime) -> str:
    return get_day_names("wide", locale=locale())[moment.weekday()]  # CLDR's EEEE, without parsing a pattern


def _clock_skeleton() -> str:
    """Hours and minutes on the language's own clock: 12-hour where its short time has "h" (English), else 24-hour."""
    return "hm" if "h" in locale().time_formats["short"].pattern else "Hm"
