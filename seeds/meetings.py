"""Mutual-support meetings in Meeting Guide terms: fellowship, type codes, weekly or monthly times, online or not."""

import random
from datetime import datetime

from api.domain.meeting_types import meeting_types
from api.domain.vocabulary import FELLOWSHIPS
from api.models import Location, Service
from api.models.details import MeetingDetail
from api.models.schedule import Schedule, ScheduleException
from api.models.service import Cost, Eligibility
from seeds.factory import WEEKDAYS, Site, approximate_location, new_service
from seeds.geography import TIMEZONE, town_centre
from seeds.names import MEETING_GROUPS
from seeds.spanish import meeting_texts

TWELVE_STEP = ("aa", "na", "ca", "cma", "al-anon")
# The formats each fellowship's meetings actually use (Meeting Guide codes).
FORMATS = {
    "aa": ("D", "B", "ST", "SP", "12x12", "LIT", "DR", "MED", "BE", "D", "B"),
    "na": ("D", "ST", "SP", "LIT", "BE", "D"),
    "ca": ("D", "SP", "ST"),
    "cma": ("D", "ST", "BE"),
    "al-anon": ("D", "LIT", "ST"),
    "smart": ("D", "XT", "A"),
    "recovery-dharma": ("MED", "D", "A"),
    "celebrate-recovery": ("SP", "ST"),
    "lifering": ("D", "A", "XT"),
}
AUDIENCES = ("W", "M", "Y", "LGBTQ", "S", "POC", "SEN")
# Meeting times cluster around mornings, lunch and evenings, as real meeting lists do.
STARTS = ("06:30", "07:00", "07:00", "10:00", "12:00", "12:00", "12:10", "17:30", "18:00", "18:00", "18:30",
          "19:00", "19:00", "19:00", "19:30", "19:30", "20:00", "20:00", "21:00", "22:00")
# Most meetings meet once a week; some groups meet on several days at the same time.
DAY_PATTERNS = {"single": None, "mwf": ["MO", "WE", "FR"], "weekdays": list(WEEKDAYS[:5]), "daily": list(WEEKDAYS)}
DAY_PATTERN_WEIGHTS = (77, 8, 10, 5)
ATTENDANCE_WEIGHTS = (("in_person", 75), ("online", 13), ("hybrid", 12))


def meeting(site: Site, rng: random.Random, now: datetime, *, name: str, days: list[str], start: str,
            types: list[str], minutes: int = 60, attendance: str = "in_person", venue: Location | None = None,
            timezone: str = TIMEZONE, monthly: bool = False, notes: str | None = None,
            exceptions: tuple[ScheduleException, ...] = (), status: str = "active",
            status_note: str | None = None) -> Service:
    """One meeting of the site's fellowship; an online one is placed at its town centre, approximately."""
    fellowship = site.fellowship
    online = attendance == "online"
    location = approximate_location(site, now, town_centre(site.home)) if online else venue
    detail = MeetingDetail(fellowship=fellowship, types=types, attendance=attendance, group=name,
                           approximate=online, notes=notes)
    if attendance != "in_person":
        meeting_id = rng.randrange(10**9, 10**10)
        detail.conference_url = f"https://zoom.example/j/{meeting_id}"
        detail.conference_url_notes = "Passcode from the group's contact; cameras optional."
        detail.conference_phone = f"+1{site.area_code}55501{rng.randrange(100):02d},,{meeting_id}#"
    return new_service(
        site, rng, now, name=name, category="meeting", locations=[location], timezone=timezone,
        key=f"{name} {' '.join(days)} {start}", description=_describe(fellowship, types, attendance),
        taxonomy_terms=["mutual-support"] + (["online-meeting"] if attendance != "in_person" else []),
        languages=["es"] if "S" in types else ["en"], eligibility=_eligibility(fellowship, types),
        cost=Cost(free=True, payment_options=["free"],
                  fees_description="No dues or fees; groups pass a basket for rent."),
        schedules=[Schedule(freq="MONTHLY" if monthly else "WEEKLY", byday=days, opens_at=start,
                            closes_at=end_time(start, minutes))],
        exceptions=list(exceptions), meeting=detail, status=status, status_note=status_note,
        translations=meeting_texts(fellowship, types, attendance) if "S" in types else {},
    )


def end_time(start: str, minutes: int) -> str:
    """start plus minutes on a 24-hour clock, wrapping past midnight ("23:30" + 60 -> "00:30")."""
    hour, minute = map(int, start.split(":"))
    total = (hour * 60 + minute + minutes) % (24 * 60)
    return f"{total // 60:02d}:{total % 60:02d}"


def random_meeting(rng: random.Random, site: Site, now: datetime) -> Service:
    """A typical meeting of the site's fellowship at one of its venues (or online)."""
    venues = [location for location in site.locations.values() if location.address.address_1]
    venue = rng.choice(venues)
    attendance = rng.choices(*zip(*ATTENDANCE_WEIGHTS))[0]
    pattern = rng.choices(tuple(DAY_PATTERNS), weights=DAY_PATTERN_WEIGHTS)[0]
    days = list(DAY_PATTERNS[pattern] or [rng.choice(WEEKDAYS)])
    # Twelve-step groups pick a name; the other fellowships go by fellowship and neighbourhood.
    if site.fellowship in TWELVE_STEP:
        name = rng.choice(MEETING_GROUPS)
    else:
        name = f"{FELLOWSHIPS[site.fellowship]} {venue.area}"
    return meeting(site, rng, now, name=name, days=days, start=rng.choice(STARTS),
                   minutes=rng.choice((60, 60, 60, 90)), attendance=attendance, venue=venue,
                   types=random_types(rng, site.fellowship, accessible=attendance != "online" and _step_free(venue)))


def random_types(rng: random.Random, fellowship: str, accessible: bool) -> list[str]:
    """Open or closed, one format, sometimes an audience, and wheelchair access where the venue has it."""
    types = [rng.choice(("O", "C")) if fellowship in TWELVE_STEP else "O", rng.choice(FORMATS[fellowship])]
    if rng.random() < 0.25:
        types.append(rng.choice(AUDIENCES))
    if accessible:
        types.append("X")
    return list(dict.fromkeys(types))


def _step_free(location: Location) -> bool:
    return "wheelchair accessible entrance" in location.accessibility


def _describe(fellowship: str, types: list[str], attendance: str) -> str:
    labels = ", ".join(meeting_types()[code]["en"] for code in types)
    where = {"in_person": "In person", "online": "Online only", "hybrid": "In person and online"}[attendance]
    return f"{FELLOWSHIPS[fellowship]} meeting ({labels}). {where}. Newcomers welcome."


def _eligibility(fellowship: str, types: list[str]) -> Eligibility:
    """Who a meeting is for, read from its type codes; an empty eligibility means everyone."""
    genders = [gender for code, gender in (("W", "women"), ("M", "men")) if code in types]
    populations = [population for code, population in (("Y", "youth"), ("LGBTQ", "lgbtq")) if code in types]
    if fellowship == "al-anon":
        populations.append("families")
    return Eligibility(genders=genders, populations=populations)
