"""`lantern import hsds`: refused on the embedded default; otherwise a progress bar, then the summary."""

import json
from pathlib import Path

from click.testing import CliRunner

from api.adapters.geocoding import NullGeocoder
from api.cli import main
from api.cli.imports import import_hsds
from api.models import Organization, Service
from tests.interop.test_hsds_import import EXAMPLES, KnownAddresses

SERVICE_FULL = str(EXAMPLES / "service_full.json")


def test_on_the_embedded_default_the_command_refuses_and_says_where_to_import(monkeypatch):
    monkeypatch.delenv("MONGODB_URI", raising=False)
    result = CliRunner().invoke(main, ["import", "hsds", SERVICE_FULL])

    assert result.exit_code == 2
    assert "lives inside the `make run` process" in result.output and "admin area" in result.output


def test_the_import_prints_its_summary_and_the_second_run_changes_nothing(storage, capsys):
    args = ("test", None, "clinical", "Europe/London", False, True, KnownAddresses())
    assert import_hsds(str(EXAMPLES / "csv"), *args) == 0
    assert "Imported: 1 created, 0 updated, 0 unchanged, 0 removed, 0 errors" in capsys.readouterr().out
    assert import_hsds(str(EXAMPLES / "csv"), *args) == 0
    assert "0 created, 0 updated, 1 unchanged, 0 removed, 0 errors" in capsys.readouterr().out
    assert Service.objects.get().source == "hsds:test" and Organization.objects.count() == 1


def test_a_bad_record_stops_everything_unless_per_record(storage, tmp_path: Path, capsys):
    good = json.loads((EXAMPLES / "service_full.json").read_text())
    path = tmp_path / "services.ndjson"
    path.write_text(json.dumps(good) + "\n" + json.dumps(good | {"id": "b", "opens_at": 1, "name": None}) + "\n")
    args = ("test", None, "clinical", "Europe/London", False)

    assert import_hsds(str(path), *args, True, KnownAddresses()) == 1
    output = capsys.readouterr()
    assert "record 2: name: needed" in output.err and "Nothing imported" in output.err
    assert Service.objects.count() == 0

    assert import_hsds(str(path), *args, False, KnownAddresses()) == 1  # done, with errors to report
    assert "1 created, 0 updated, 0 unchanged, 0 removed, 1 errors" in capsys.readouterr().out
    assert Service.objects.count() == 1


def test_a_place_without_coordinates_needs_a_geocoder(storage, capsys):
    assert import_hsds(SERVICE_FULL, "test", None, "clinical", "Europe/London", True, True, NullGeocoder()) == 0
    assert "no usable latitude/longitude" in capsys.readouterr().err
