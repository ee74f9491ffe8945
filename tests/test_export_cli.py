"""`lantern export`: the same feed and HSDS the API serves, written to a file; refused on the embedded default."""

import json

import pytest
from click.testing import CliRunner

from api.cli import main
from api.cli.exports import export_hsds, export_meeting_guide
from tests import factories as f
from tests.api.test_hsds_schema import validate_service
from tests.api.test_meeting_guide_feed import assert_follows_the_spec


@pytest.mark.parametrize("format_name", ["meeting-guide", "hsds"])
def test_on_the_embedded_default_the_command_refuses_and_says_where_to_read(monkeypatch, tmp_path, format_name):
    monkeypatch.delenv("MONGODB_URI", raising=False)
    result = CliRunner().invoke(main, ["export", format_name, str(tmp_path / "out")])
    assert result.exit_code == 2 and "serves the same at" in result.output
    assert not (tmp_path / "out").exists()


def test_the_meeting_guide_file_is_the_feed_the_api_serves(client, tmp_path, monkeypatch):
    monkeypatch.setitem(client.application.config, "PUBLIC_URL", "https://lantern.example.org")
    f.meeting("Tuesday Hope", types=("O", "W"))
    meeting = f.meeting("Thursday Steps", day="TH")
    path = tmp_path / "feed.json"

    summary = export_meeting_guide(str(path), "https://lantern.example.org")

    written = json.loads(path.read_text())
    assert summary == f"2 meetings written to {path}"
    assert_follows_the_spec(written)
    assert written == client.get("/v1/meeting-guide.json").json
    # A site that imports the file sends its users' reports back here, not to a path on its own server.
    assert f"https://lantern.example.org/v1/services/{meeting.id}/reports" in {e["feedback_url"] for e in written}


def test_the_hsds_file_holds_every_service_schema_valid(client, tmp_path):
    f.service("Hope House", category="housing", capacity=[f.unit(2, 6)])
    f.meeting("Tuesday Hope")
    path = tmp_path / "services.ndjson"

    summary = export_hsds(str(path))

    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert summary == f"2 services written to {path}" and sorted(s["name"] for s in lines) == ["Hope House",
                                                                                               "Tuesday Hope"]
    for service in lines:
        validate_service(service)
