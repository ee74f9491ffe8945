"""Opening hours as one line of text, for files people fill in by hand: "MO-FR 09:00-17:00; SA 10:00-14:00".

Grammar (case and spaces do not matter; an en dash counts as a hyphen):
    hours   = entry *( ";" entry )
    entry   = days SP time "-" time           one schedule: these days, from the first time to the second
    days    = day *( "," day )
    day     = WEEKDAY [ "-" WEEKDAY ]         every such weekday; a range may wrap (FR-MO is FR, SA, SU, MO)
            / ORDINAL WEEKDAY                 monthly: 1SA the first Saturday, -1FR the last Friday (1..5 or -1)
    time    = HH:MM                           24-hour; an end before the start runs past midnight, equal is 24 h
An entry is weekly or monthly, never both at once.
"""

import re
from typing import NamedTuple

from api.domain.recurrence import WEEKDAYS as RRULE_WEEKDAYS
from api.i18n.text import gettext as _

WEEKDAYS = tuple(RRULE_WEEKDAYS)  # MO .. SU, the BYDAY codes
MAX_ENTRIES = 14
ENTRY = re.compile(r"^(?P<days>\S+) (?P<opens>[^-\s]+)-(?P<closes>[^-\s]+)$")
MONTHLY_DAY = re.compile(r"^(?P<week>-1|[1-5])(?P<day>MO|TU|WE|TH|FR|SA|SU)$")
TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


class WeeklyHours(NamedTuple):
    """One schedule as the text gives it: frequency, BYDAY codes (weekdays in week order), opening and closing."""

    freq: str
    byday: tuple[str, ...]
    opens_at: str
    closes_at: str


def parse_hours(text: str) -> list[WeeklyHours]:
    """The schedules a line of hours describes; ValueError with a message a person can act on otherwise."""
    entries = [part.strip() for part in text.replace("–", "-").split(";") if part.strip()]
    if len(entries) > MAX_ENTRIES:
        raise ValueError(_("at most {count} entries separated by ';'", count=MAX_ENTRIES))
    return [_entry(entry) for entry in entries]


def format_hours(schedules) -> str:
    """Schedules (documents or WeeklyHours) written back in the same grammar, days as plain codes."""
    return "; ".join(f"{_days_text(s.freq, list(s.byday))} {s.opens_at}-{s.closes_at}" for s in schedules)


def _entry(entry: str) -> WeeklyHours:
    # Spaces around "," and "-" are allowed ("MO - FR 9:00 - 17:00"); only the one before the times counts.
    match = ENTRY.match(re.sub(r"\s*([,-])\s*", r"\1", re.sub(r"\s+", " ", entry.upper())))
    if not match:
        raise ValueError(_("{value} is not like 'MO-FR 09:00-17:00'", value=repr(entry[:40])))
    weekly, monthly = [], []
    for item in match["days"].split(","):
        if item in WEEKDAYS:
            weekly.append(item)
        elif len(ends := item.split("-")) == 2 and all(end in WEEKDAYS for end in ends):
            weekly.extend(_range(*ends))
        elif MONTHLY_DAY.match(item):
            monthly.append(item)
        else:
            raise ValueError(_("{value} is not a day such as MO, MO-FR or 1SA (first Saturday)", value=repr(item[:20])))
    if weekly and monthly:
        raise ValueError(_("{value} mixes weekly days and monthly ones such as 1SA: use two entries",
                           value=repr(entry[:40])))
    opens, closes = _time(match["opens"]), _time(match["closes"])
    if weekly:
        days = tuple(day for day in WEEKDAYS if day in weekly)
        return WeeklyHours("WEEKLY", days, opens, closes)
    return WeeklyHours("MONTHLY", tuple(dict.fromkeys(monthly)), opens, closes)


def _range(first: str, last: str) -> list[str]:
    start, end = WEEKDAYS.index(first), WEEKDAYS.index(last)
    return [WEEKDAYS[(start + step) % 7] for step in range((end - start) % 7 + 1)]


def _time(text: str) -> str:
    match = TIME.match(text)
    if not match:
        raise ValueError(_("{value} is not a 24-hour time such as 09:00 or 17:30", value=repr(text)))
    return f"{int(match[1]):02d}:{match[2]}"


def _days_text(freq: str, byday: list[str]) -> str:
    """Weekdays collapsed into ranges where three or more follow each other (MO,TU,WE,FR -> MO-WE,FR)."""
    if freq != "WEEKLY" or not all(day in WEEKDAYS for day in byday):
        return ",".join(byday)
    parts = []
    for run in weekday_runs(byday):
        if len(run) >= 3:
            parts.append(f"{WEEKDAYS[run[0]]}-{WEEKDAYS[run[-1]]}")
        else:
            parts.extend(WEEKDAYS[index] for index in run)
    return ",".join(parts)


def weekday_runs(byday) -> list[list[int]]:
    """Plain weekday codes as runs of consecutive weekday indexes, Monday = 0 (MO,TU,WE,FR -> [[0, 1, 2], [4]])."""
    runs: list[list[int]] = []
    for index in sorted({WEEKDAYS.index(day) for day in byday}):
        if runs and index == runs[-1][-1] + 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    return runs
