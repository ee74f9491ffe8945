"""What counts as news, and how it reads on a lock screen."""

from datetime import UTC, datetime

import pytest

from api.domain.push_news import KINDS, news, still_true
from api.domain.push_text import MESSAGES, text
from api.i18n.catalogs import LANGUAGES

NOW = datetime(2026, 11, 24, 16, 0, tzinfo=UTC)
FRESH, STALE = int(NOW.timestamp()) + 3600, int(NOW.timestamp()) - 3600
HOUSE = {"name": "Hope House", "category": "housing", "timezone": "America/Chicago", "points": [[-94.58, 39.1]],
         "genders": [], "types": [], "status": "active", "vacancy_until": 0, "free": 0, "waitlist": False,
         "cancelled": [], "hours": [], "attendance": None}
MEETING = HOUSE | {"category": "meeting", "types": ["O"], "hours": ["WEEKLY TU 19:00-20:00"],
                   "attendance": "in_person"}


@pytest.mark.parametrize(("before", "after", "expected"), [
    (HOUSE, HOUSE | {"name": "Hope House (typo fixed)"}, {}),
    (HOUSE, HOUSE | {"vacancy_until": FRESH, "free": 1}, {"vacancy_opened": None}),
    # A lapsed count confirmed again is no news; a lapsed count that rises is.
    (HOUSE | {"vacancy_until": STALE, "free": 2}, HOUSE | {"vacancy_until": FRESH, "free": 2}, {}),
    (HOUSE | {"vacancy_until": STALE, "free": 2}, HOUSE | {"vacancy_until": FRESH, "free": 3},
     {"vacancy_opened": None}),
    (HOUSE | {"vacancy_until": FRESH, "free": 1}, HOUSE | {"vacancy_until": FRESH + 60, "free": 2}, {}),  # still free
    (HOUSE, HOUSE | {"waitlist": True}, {"waitlist_opened": None}),
    (HOUSE, HOUSE | {"status": "temporarily_closed", "vacancy_until": FRESH, "free": 1}, {"temporarily_closed": None}),
    (HOUSE | {"status": "temporarily_closed"}, HOUSE, {"reopened": None}),
    (HOUSE, HOUSE | {"status": "inactive"}, {"closed_for_good": None}),
    (HOUSE, None, {"closed_for_good": None}),
    (None, HOUSE, {"new_service": None}),
    (None, HOUSE | {"status": "inactive"}, {}),
    (MEETING, MEETING | {"cancelled": ["2026-11-26"]}, {"meeting_cancelled": "2026-11-26"}),
    (MEETING, MEETING | {"cancelled": ["2026-11-10"]}, {}),  # a past date added is history, not news
    (MEETING, MEETING | {"hours": ["WEEKLY TU 18:30-19:30"]}, {"meeting_time_changed": None}),
    (MEETING, MEETING | {"attendance": "hybrid"}, {"meeting_online": "hybrid"}),
    (MEETING, MEETING | {"hours": ["WEEKLY TU 19:00-20:00"]}, {}),  # the same hours, however typed
    (MEETING | {"attendance": "online"}, MEETING | {"attendance": "hybrid"}, {}),
])
def test_news_is_a_change_a_person_would_act_on(before, after, expected):
    assert news(before, after, NOW) == expected


def test_queued_news_that_stopped_being_true_is_not_sent():
    assert still_true("vacancy_opened", HOUSE | {"vacancy_until": FRESH}, NOW)
    assert not still_true("vacancy_opened", HOUSE, NOW)
    assert not still_true("vacancy_opened", HOUSE | {"vacancy_until": FRESH, "status": "temporarily_closed"}, NOW)
    assert still_true("closed_for_good", None, NOW) and not still_true("reopened", None, NOW)


LOCK_SCREEN_WORDS = ("addiction", "detox", "recovery", "sober", "rehab", "treatment", "alcohol", "drug", "opioid",
                     "meeting", "adicción", "desintoxicación", "recuperación", "sobri", "droga", "reunión")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_title_and_discreet_body_is_safe_on_a_lock_screen(language):
    assert set(MESSAGES) == set(KINDS)
    for kind in KINDS:
        title, body = text(kind, language, "Riverton Detox Center", "2026-11-26", discreet=True)
        assert not any(word in title.lower() for word in LOCK_SCREEN_WORDS), (kind, title)
        assert "Detox" not in body and not any(word in body.lower() for word in LOCK_SCREEN_WORDS[:9]), (kind, body)


def test_locales_fall_back_to_their_language_then_english():
    spanish = ("Abierto de nuevo", "Casa está abierto de nuevo.")
    assert text("reopened", "es-MX", "Casa", None, discreet=False) == spanish
    assert text("reopened", "fr-CA", "Maison", None, discreet=False) == ("Open again", "Maison is open again.")
    assert text("reopened", "not a locale!", "X", None, discreet=True)[0] == "Open again"
