"""`lantern import meeting-guide`: refused on the embedded default, a progress bar and a summary otherwise."""

import json
import os

import pytest
from click.testing import CliRunner

from api.adapters.geocoding import NullGeocoder
from api.cli import main
from api.cli.imports import default_source, import_feed
from api.models import Service
from tests import factories as f
from tests.conftest import TEST_DB

ENTRY = {"name": "Tuesday Hope", "slug": "tuesday-hope", "day": 2, "time": "19:00", "types": ["O", "XX"],
         "address": "100 Main St", "city": "Riverton", "latitude": 39.1, "longitude": -94.58}


@pytest.fixture
def feed_file(tmp_path):
    path = tmp_path / "district.json"
    path.write_text(json.dumps([ENTRY, {**ENTRY, "slug": "second", "day": 4}]))
    return path


def test_on_the_embedded_default_the_command_refuses_and_says_where_to_import(monkeypatch, feed_file):
    monkeypatch.delenv("MONGODB_URI", raising=False)
    result = CliRunner().invoke(main, ["import", "meeting-guide", str(feed_file), "--organization", "x"])

    assert result.exit_code == 2
    assert "lives inside the `make run` process" in result.output and "admin area" in result.output


def test_the_import_shows_its_summary_then_changes_nothing_the_second_time(storage, feed_file, capsys):
    org = f.organization("District 5")
    args = (str(feed_file), org.id, None, "America/Chicago", "aa", False, NullGeocoder())
    assert import_feed(*args) == 0
    assert "2 created, 0 updated, 0 unchanged, 0 removed, 0 errors" in capsys.readouterr().out
    assert Service.objects(organization=org.id, source="meeting-guide:district.json").count() == 2

    assert import_feed(*args) == 0
    assert "0 created, 0 updated, 2 unchanged, 0 removed, 0 errors" in capsys.readouterr().out


def test_errors_are_listed_per_meeting_and_nothing_is_written(storage, tmp_path, capsys):
    org = f.organization("District 5")
    path = tmp_path / "bad.json"
    path.write_text(json.dumps([ENTRY, {**ENTRY, "slug": "bad", "time": "25:61"}]))

    assert import_feed(str(path), org.id, "d5", "America/Chicago", "aa", False, NullGeocoder()) == 1
    err = capsys.readouterr().err
    assert "meeting 2 (bad) time: '25:61' is not a time" in err and "1 errors" in err
    assert Service.objects.count() == 0


def test_per_record_the_good_meetings_are_imported_and_the_bad_listed(storage, tmp_path, capsys):
    org = f.organization("District 5")
    path = tmp_path / "mixed.json"
    online = {"name": "Online", "slug": "online", "day": 3, "time": "20:00", "conference_url": "https://zoom.us/j/1"}
    path.write_text(json.dumps([ENTRY, online]))  # no zones: the first has coordinates, the second nothing

    assert import_feed(str(path), org.id, "d5", None, "aa", False, NullGeocoder(), all_or_nothing=False) == 1
    captured = capsys.readouterr()
    assert "meeting 2 (online) timezone: needed" in captured.err
    assert "1 created, 0 updated, 0 unchanged, 0 removed, 1 errors" in captured.out
    assert [(s.source_id, s.timezone) for s in Service.objects(organization=org.id)] == [
        ("tuesday-hope", "America/Chicago")]


@pytest.mark.parametrize("timezone, fellowship, message", [("Nowhere/Else", "aa", "not a time zone"),
                                                           ("America/Chicago", "bakers", "not one of")])
def test_bad_options_are_refused(storage, feed_file, capsys, timezone, fellowship, message):
    org = f.organization("District 5")
    assert import_feed(str(feed_file), org.id, None, timezone, fellowship, False, NullGeocoder()) == 1
    assert message in capsys.readouterr().err


def test_a_feed_is_named_by_its_url_or_its_file_name():
    assert default_source("https://example.org/feed.json") == "https://example.org/feed.json"
    assert default_source("file:///tmp/x/district.json") == default_source("x/district.json") == "district.json"


@pytest.mark.skipif(not os.environ.get("MONGODB_URI"), reason="needs a real MongoDB (MONGODB_URI)")
def test_against_a_real_database_the_command_imports(storage, feed_file, monkeypatch):
    monkeypatch.setenv("MONGODB_DB", TEST_DB)
    org = f.organization("District 5")
    result = CliRunner().invoke(main, ["import", "meeting-guide", str(feed_file), "--organization", org.id,
                                       "--timezone", "America/Chicago"])
    assert result.exit_code == 0, result.output
    assert "2 created" in result.output
