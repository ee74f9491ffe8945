"""docker-compose.yml describes the real stack the code expects (no Docker engine runs here, so this reads it)."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from api.config import Config

COMPOSE = yaml.safe_load((Path(__file__).parent.parent / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]


def environment(service: str) -> dict[str, str]:
    """The service's environment with ${VAR...} references filled as an operator's .env would (else their default)."""
    filled = {"MEILI_MASTER_KEY": "a-master-key-of-16-bytes", "MEILI_SEARCH_KEY": "a-search-key",
              "SECRET_KEY": "a-secret-key", "REFERRAL_KEY": "lGgNo3Ybbq2sVlbwMZCuq2Gq9vQ8QrzdE_aTmOKnq9Q="}
    return {key: re.sub(r"\$\{(\w+)(?::-([^}]*))?[^}]*\}", lambda m: filled.get(m.group(1), m.group(2)), str(value))
            for key, value in SERVICES[service]["environment"].items()}


def test_the_stack_has_its_four_parts_with_pinned_images():
    assert set(SERVICES) == {"mongodb", "meilisearch", "api", "indexer"}
    for name in ("mongodb", "meilisearch"):
        assert ":" in SERVICES[name]["image"] and not SERVICES[name]["image"].endswith(":latest")


@pytest.mark.parametrize("service", ["api", "indexer"])
def test_every_variable_is_a_setting_the_app_reads(service):
    known = set(vars(Config({})))
    assert set(environment(service)) <= known, set(environment(service)) - known
    Config(environment(service))  # and every value parses


def test_the_api_searches_meilisearch_with_the_search_key_only():
    config = Config(environment("api"))
    assert config.SEARCH_BACKEND == "meilisearch" and config.MEILI_SEARCH_KEY
    assert config.MEILI_MASTER_KEY is None  # the master key stays with the indexer
    assert Config(environment("indexer")).MEILI_MASTER_KEY


@pytest.mark.parametrize("service", ["api", "indexer"])
def test_addresses_point_at_the_stacks_own_services(service):
    config = Config(environment(service))
    mongo, meili = urlsplit(config.MONGODB_URI), urlsplit(config.MEILI_URL)
    assert mongo.hostname == "mongodb" and "replicaSet=rs0" in mongo.query
    assert meili.hostname == "meilisearch" and meili.port == 7700
    assert "--replSet" in SERVICES["mongodb"]["command"] and "rs0" in SERVICES["mongodb"]["command"]
    assert {"mongodb", "meilisearch"} <= set(SERVICES[service]["depends_on"])
    assert all(SERVICES[dependency].get("healthcheck") for dependency in SERVICES[service]["depends_on"])


def test_the_notifier_logs_unless_told_to_send_through_fcm():
    assert Config(environment("indexer")).PUSH_BACKEND == "console"
    assert "FIREBASE_PROJECT_ID" in environment("indexer") and "FIREBASE_CREDENTIALS" in environment("indexer")


def test_published_ports_match_the_settings():
    api = Config(environment("api"))
    assert f"127.0.0.1:{api.PORT}:{api.PORT}" in SERVICES["api"]["ports"] and api.HOST == "0.0.0.0"
    indexer = Config(environment("indexer"))
    assert f"127.0.0.1:{indexer.INDEXER_METRICS_PORT}:{indexer.INDEXER_METRICS_PORT}" in SERVICES["indexer"]["ports"]
    assert SERVICES["indexer"]["command"] == ["python", "-m", "indexer"]


def test_admin_sessions_survive_restarts_and_stay_on_https():
    config = Config(environment("api"))
    assert config.SECRET_KEY == "a-secret-key" and config.ADMIN_SECURE_COOKIES


def test_the_api_seals_referrals_with_a_key_from_the_environment():
    assert Config(environment("api")).REFERRAL_KEY
    assert "${REFERRAL_KEY:?" in SERVICES["api"]["environment"]["REFERRAL_KEY"]  # no start without one
