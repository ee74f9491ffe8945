"""Hours in words as a reader sees them, in each language, asked in turn (the words are cached per language)."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from api.domain.hours_phrases import occurrence_text, schedule_text, state_text
from api.domain.schedule import open_state
from api.i18n.language import speaking
from api.models.schedule import Schedule

CHICAGO = "America/Chicago"
EVENINGS = Schedule(freq="WEEKLY", byday=["TH"], opens_at="19:00", closes_at="20:30")
WEEK = Schedule(freq="WEEKLY", byday=["MO", "TU", "WE", "TH", "FR", "SA", "SU"], opens_at="00:00", closes_at="00:00")


def local(*wall):
    return datetime(*wall, tzinfo=ZoneInfo(CHICAGO))


def phrases(now):
    """What a list shows for a Thursday-evening meeting, a service open around the clock and the meeting's times."""
    meeting = open_state([EVENINGS], [], CHICAGO, "active", now)
    open_all_week = open_state([WEEK], [], CHICAGO, "active", now)
    return (state_text(meeting, "active", True, now), schedule_text(EVENINGS),
            state_text(open_all_week, "active", False, now),
            occurrence_text(local(2025, 3, 13, 19, 0), local(2025, 3, 13, 20, 30), now))


def test_the_same_hours_read_in_each_language_asked_in_turn():
    monday = local(2025, 3, 10, 9, 5).astimezone(UTC)
    english = ("Next meeting Thursday at 7:00\u202fPM", "Thursday, 7:00\u2009–\u20098:30\u202fPM",
               "Open around the clock", "Thursday at 7:00\u202fPM")
    spanish = ("Próxima reunión el jueves a las 19:00", "Jueves, 19:00–20:30", "Abierto las 24 horas",
               "El jueves a las 19:00")
    for language, expected in [("en", english), ("es", spanish), ("en", english), ("es", spanish)]:
        with speaking(language):
            assert phrases(monday) == expected
