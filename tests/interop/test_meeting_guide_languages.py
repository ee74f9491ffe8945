"""Meeting languages in the Meeting Guide format: our feed marks a meeting held in Spanish with the S type, and an
imported S means the meeting is held in Spanish (the language types of api/data/meeting-guide/types.json)."""

import json

import pytest

from api.interop.meeting_guide import importer
from api.interop.meeting_guide.entries import FeedOptions
from api.interop.meeting_guide.feed import meeting_guide_feed
from api.models import Service
from api.services.editing import Actor
from tests import factories as f
from tests.conftest import NOW

ENTRY = {"name": "Grupo Nueva Vida", "slug": "nueva-vida", "day": 2, "time": "19:00", "types": ["O", "S"],
         "address": "12 Elm St", "city": "Riverton", "state": "MO", "latitude": 39.1, "longitude": -94.58,
         "timezone": "America/Chicago"}


def types_by_name() -> dict[str, list[str]]:
    return {entry["name"]: entry["types"] for entry in meeting_guide_feed()}


def imported(org, *entries) -> None:
    plan = importer.plan(org, importer.read_feed(json.dumps(list(entries)).encode()), FeedOptions("district"),
                         now=NOW.replace(tzinfo=None), who="Meeting Guide import")
    assert not plan.errors, plan.errors
    importer.apply(plan, Actor("cli", "Meeting Guide import"))


def test_a_meeting_held_in_spanish_carries_the_s_type(storage):
    f.meeting("Grupo Nueva Vida", types=("O",), languages=["es"])
    f.meeting("Bilingual Hope", types=("D",), languages=["en", "es"])
    f.meeting("Already Marked", types=("C", "S"), languages=["es"])
    f.meeting("Downtown Big Book", types=("O", "B"), languages=["en"])

    types = types_by_name()

    assert types["Grupo Nueva Vida"] == ["O", "S"]
    assert types["Bilingual Hope"] == ["D", "S"]
    assert types["Already Marked"] == ["C", "S"]  # not twice
    assert types["Downtown Big Book"] == ["O", "B"]  # English, the directory's own, is left unsaid


def test_other_languages_have_their_types_too(storage):
    f.meeting("Grupa Polska", types=("C",), languages=["pl", "en"])

    assert types_by_name()["Grupa Polska"] == ["C", "POL"]


@pytest.fixture
def org(storage):
    return f.organization("District 5")


def test_an_imported_s_is_a_meeting_held_in_spanish_and_goes_back_out_as_s(org):
    imported(org, ENTRY)

    meeting = Service.objects.get(source_id="nueva-vida")
    assert meeting.languages == ["es"] and meeting.meeting.types == ["O", "S"]
    assert types_by_name()["Grupo Nueva Vida"] == ["O", "S"]


def test_a_feed_that_drops_s_drops_spanish_and_keeps_languages_no_type_names(org):
    imported(org, ENTRY)
    meeting = Service.objects.get(source_id="nueva-vida")
    meeting.languages = ["es", "en", "xh"]  # a partner added English and a language the types cannot name
    meeting.save()

    imported(org, ENTRY | {"types": ["O"]})

    assert Service.objects.get(source_id="nueva-vida").languages == ["en", "xh"]
