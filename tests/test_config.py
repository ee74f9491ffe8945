"""Configuration: defaults for the embedded default, and clear failures for settings that cannot work."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from api.backends import create_backends
from api.cli import main
from api.config import Config
from api.errors import ConfigurationError


def test_the_embedded_default_needs_no_settings():
    config = Config({})
    assert (config.HOST, config.PORT, config.MONGODB_URI, config.SEED_ON_START) == ("127.0.0.1", 8000, None, True)
    assert config.FRESHNESS_TTL_HOURS["housing"] == 72 and config.FRESHNESS_TTL_HOURS["meeting"] == 168


def test_a_real_database_is_never_seeded_unless_asked():
    assert Config({"MONGODB_URI": "mongodb://db:27017"}).SEED_ON_START is False


def test_freshness_windows_are_configurable_per_category():
    hours = Config({"FRESHNESS_TTL_HOURS": "housing=12, default=48"}).FRESHNESS_TTL_HOURS
    assert hours["housing"] == 12 and hours["clinical"] == 48


def test_a_freshness_window_for_an_unknown_category_fails_at_start():
    with pytest.raises(ValueError, match="casino"):
        Config({"FRESHNESS_TTL_HOURS": "casino=1"})


def test_an_unknown_search_backend_fails_at_start_with_the_choices(storage):
    with pytest.raises(ConfigurationError, match="mongodb"):
        create_backends(Config({"SEARCH_BACKEND": "elastic", "MONGODB_DB": storage.db_name}))


def test_seed_refuses_the_embedded_default_and_says_what_to_do(monkeypatch):
    monkeypatch.delenv("MONGODB_URI", raising=False)
    result = CliRunner().invoke(main, ["seed"])
    assert result.exit_code == 2
    assert "lives inside the `make run` process" in result.output and "MONGODB_URI=" in result.output


def test_the_snapshot_backend_is_refused_for_a_shared_database():
    with pytest.raises(ConfigurationError, match="embedded default"):
        create_backends(Config({"SEARCH_BACKEND": "snapshot", "MONGODB_URI": "mongodb://db.example:27017"}))


def test_each_way_to_run_gets_its_search_backend():
    assert Config({}).SEARCH_BACKEND == "snapshot"
    assert Config({"MONGODB_URI": "mongodb://db:27017"}).SEARCH_BACKEND == "mongodb"


def test_the_readme_lists_every_setting():
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    missing = [name for name in vars(Config({})) if f"| `{name}` |" not in readme]
    assert not missing, f"settings missing from the README's configuration table: {missing}"
