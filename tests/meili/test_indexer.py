"""The indexer keeps Meilisearch in step with the database: every edit arrives, nothing is lost, nothing doubles."""

import threading
import time

import pytest

from api.models import Service, checkpoint
from api.services.editing import save_organization, save_place
from indexer import worker as worker_module
from indexer.worker import Indexer
from tests import factories as f
from tests.conftest import NOW, needs_fake_meili


@pytest.fixture
def indexer(meili_app):
    return Indexer(meili_app.admin, meili_app.index_uid, meili_app.app.config["FRESHNESS_TTL_HOURS"],
                   clock=lambda: NOW)


def indexed_ids(meili_app) -> set[str]:
    hits = meili_app.admin.index(meili_app.index_uid).search("", {"limit": 1000})["hits"]
    return {hit["service_id"] for hit in hits}


def public_ids() -> set[str]:
    return {service.id for service in Service.objects(status__ne="inactive")}


def names(client, query=""):
    return [item["name"] for item in client.get(f"/v1/services{query}").json["items"]]


def test_an_availability_edit_reaches_search(meili_app, indexer):
    house = f.service("House", category="housing", capacity=[f.unit(0, 6)])
    indexer.run_once()
    assert names(meili_app.client, "?accepting=true") == []

    house.capacity[0].available = 2
    house.save()
    assert indexer.run_once() == 1

    assert names(meili_app.client, "?accepting=true") == ["House"]


def test_removed_deactivated_and_moved_listings_follow(meili_app, indexer):
    org = f.organization("Old Name")
    gone, paused = f.service("Gone", org=org), f.service("Paused", org=org)
    moving = f.service("Moving", org=org)
    indexer.run_once()

    gone.delete()
    paused.status = "inactive"
    paused.save()
    place = moving.locations[0].location
    place.point = [-94.40, 39.10]  # about 15 km east
    save_place(place)
    org.name = "New Name"
    save_organization(org)
    indexer.run_once()

    assert indexed_ids(meili_app) == {moving.id}
    assert names(meili_app.client, "?lat=39.10&lng=-94.40&radius_m=1000") == ["Moving"]
    assert names(meili_app.client, "?q=new+name") == ["Moving"]


def test_nothing_to_do_is_no_work(meili_app, indexer):
    f.service("Quiet")
    indexer.run_once()
    assert indexer.run_once() == 0


def test_an_outage_loses_no_edit(meili_app, indexer, meili):
    _, fake = meili
    needs_fake_meili(fake)
    services = [f.service(f"S{i}", category="housing", capacity=[f.unit(0, 4)]) for i in range(5)]
    indexer.run_once()
    before = checkpoint.load(meili_app.index_uid)

    fake.set_down(True)
    for round_ in range(200):  # 1,000 edits while Meilisearch is down
        for service in services:
            service.capacity[0].available = round_ % 5
            service.save()
    with pytest.raises(worker_module.RETRYABLE):
        indexer.run_once()
    assert checkpoint.load(meili_app.index_uid) == before  # nothing claimed done

    fake.set_down(False)
    indexer.run_once()
    hits = meili_app.admin.index(meili_app.index_uid).search("", {"limit": 100})["hits"]
    assert {hit["service_id"]: hit["version"] for hit in hits} == {s.id: Service.objects.get(id=s.id).version
                                                                   for s in services}


def test_a_crash_mid_pass_is_redone_in_full(meili_app, indexer, monkeypatch):
    for index in range(7):
        f.service(f"S{index}")
    monkeypatch.setattr(worker_module, "BATCH", 3)
    real_replace, calls = worker_module.replace_services, []

    def crash_on_second_batch(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("killed mid-batch")
        return real_replace(*args, **kwargs)

    monkeypatch.setattr(worker_module, "replace_services", crash_on_second_batch)
    with pytest.raises(RuntimeError):
        indexer.run_once()
    assert checkpoint.load(meili_app.index_uid) == 0

    monkeypatch.setattr(worker_module, "replace_services", real_replace)
    indexer.run_once()
    assert indexed_ids(meili_app) == public_ids()


def test_the_running_loop_picks_up_edits_and_rides_out_an_outage(meili_app, indexer, meili):
    _, fake = meili
    stop = threading.Event()
    thread = threading.Thread(target=indexer.run, args=(stop, 0.02), daemon=True)
    thread.start()
    try:
        first = f.service("First")
        wait_until(lambda: indexed_ids(meili_app) == {first.id})
        if fake is not None:
            fake.set_down(True)
            second = f.service("Second")
            time.sleep(0.2)
            fake.set_down(False)
            wait_until(lambda: indexed_ids(meili_app) == {first.id, second.id})
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()


def wait_until(condition, timeout_s: float = 10) -> None:
    """Poll a condition the indexer should make true (a correctness check, not a speed one)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except Exception:  # the fake may be down between polls; keep waiting
            pass
        time.sleep(0.02)
    raise AssertionError("the index never caught up")


def test_a_number_taken_before_a_later_write_finishes_is_not_skipped(meili_app):
    from api.models import changes
    indexer = Indexer(meili_app.admin, meili_app.index_uid, meili_app.app.config["FRESHNESS_TTL_HOURS"],
                      clock=lambda: NOW, settle_s=0.3)
    slow = f.service("Slow writer")  # saved, then given back an earlier number below, as a slow process would
    late_number = changes.take()
    fast = f.service("Fast writer")
    indexer.run_once()  # sees "Fast writer" (numbered after the late one) and the counter past both

    Service._get_collection().update_one({"_id": slow.id}, {"$set": {"change_seq": late_number, "name": "Slow, done"}})
    time.sleep(0.35)
    indexer.run_once()

    hits = meili_app.admin.index(meili_app.index_uid).search("", {"limit": 10})["hits"]
    assert {hit["name"] for hit in hits} == {"Slow, done", "Fast writer"} and fast.id in indexed_ids(meili_app)


def test_a_sweep_carries_next_weeks_hours_into_the_index(meili_app, indexer):
    from datetime import timedelta
    f.service("Nine to five")
    indexer.run_once()
    later = NOW + timedelta(days=8)  # past the week of open hours the document holds
    meili_app.app.extensions["lantern"].clock = lambda: later
    assert names(meili_app.client, "?open_now=true") == []

    indexer.clock = lambda: later
    indexer.sweep()

    assert names(meili_app.client, "?open_now=true") == ["Nine to five"]


def test_lag_and_throughput_are_reported_in_health_and_metrics(meili_app, indexer):
    from datetime import UTC, datetime, timedelta
    indexer.run_once()
    meili_app.app.extensions["lantern"].clock = lambda: datetime.now(UTC) + timedelta(seconds=30)
    f.service("Waiting")
    f.service("Also waiting")

    behind = meili_app.client.get("/v1/health").json["index"]
    assert behind["changes"] >= 2 and behind["seconds"] >= 29

    indexer.run_once()
    assert meili_app.client.get("/v1/health").json["index"]["changes"] == 0
    metrics = meili_app.client.get("/metrics").get_data(as_text=True)
    assert "lantern_index_lag_changes 0.0" in metrics
    indexed = [line for line in metrics.splitlines() if line.startswith("lantern_indexer_services_indexed_total")]
    assert indexed and float(indexed[0].split()[-1]) >= 2


def test_fallbacks_are_counted(meili_app, meili):
    _, fake = meili
    needs_fake_meili(fake)
    meili_app.reindex()

    def fallbacks():
        text = meili_app.client.get("/metrics").get_data(as_text=True)
        line = [row for row in text.splitlines() if row.startswith('lantern_search_fallbacks_total{backend="meili')]
        return float(line[0].split()[-1]) if line else 0.0

    before = fallbacks()
    fake.set_down(True)
    meili_app.client.get("/v1/services")
    fake.set_down(False)
    assert fallbacks() == before + 1


@pytest.mark.parametrize("crash_at", [1, 2, 3])
def test_killed_at_any_batch_the_next_pass_leaves_nothing_behind(meili_app, indexer, monkeypatch, crash_at):
    for index in range(7):
        f.service(f"S{index}")
    monkeypatch.setattr(worker_module, "BATCH", 3)
    real_replace, calls = worker_module.replace_services, []

    def killed(*args, **kwargs):
        calls.append(1)
        if len(calls) == crash_at:
            raise KeyboardInterrupt  # as abrupt as it gets short of the process dying
        return real_replace(*args, **kwargs)

    monkeypatch.setattr(worker_module, "replace_services", killed)
    with pytest.raises(KeyboardInterrupt):
        indexer.run_once()
    monkeypatch.setattr(worker_module, "replace_services", real_replace)
    indexer.run_once()
    assert indexed_ids(meili_app) == public_ids()


def test_a_full_reindex_never_leaves_search_empty(meili_app, meili):
    from api.adapters.meili.source import all_documents
    from api.adapters.meili.writer import full_reindex
    _, fake = meili
    needs_fake_meili(fake)
    f.service("Listed")
    meili_app.reindex()
    fake.pause()  # the rebuild's tasks wait in the queue, as a long rebuild would
    rebuild = threading.Thread(target=full_reindex, args=(
        meili_app.admin, meili_app.index_uid, all_documents(NOW, meili_app.app.config["FRESHNESS_TTL_HOURS"])))
    rebuild.start()
    try:
        time.sleep(0.1)
        during = meili_app.client.get("/v1/services")
        assert during.headers["X-Search-Backend"] == "meilisearch" and names(meili_app.client) == ["Listed"]
    finally:
        fake.resume()
        rebuild.join(timeout=20)
    assert names(meili_app.client) == ["Listed"]


def test_settings_in_code_are_applied_and_reapplying_them_changes_nothing(meili_client):
    from api.adapters.meili.settings import index_settings
    from api.adapters.meili.writer import ensure_index
    from tests.doubles.meili_helpers import unique_uid
    uid = unique_uid()
    try:
        ensure_index(meili_client, uid)
        first = meili_client.index(uid).get_settings()
        ensure_index(meili_client, uid)
        assert meili_client.index(uid).get_settings() == first
        wanted = index_settings()
        assert first["searchableAttributes"] == wanted["searchableAttributes"]
        assert set(first["filterableAttributes"]) == set(wanted["filterableAttributes"])
        assert "_geo" in first["sortableAttributes"] and first["synonyms"] == wanted["synonyms"]
        assert {"withdrawal management", "desintoxicacion"} <= set(first["synonyms"]["detox"])
    finally:
        meili_client.delete_index(uid)


def test_reindex_refuses_the_embedded_default_and_says_what_to_do(monkeypatch):
    from click.testing import CliRunner

    from api.cli import main
    monkeypatch.delenv("MONGODB_URI", raising=False)
    result = CliRunner().invoke(main, ["reindex"])
    assert result.exit_code == 2 and "MEILI_URL" in result.output and "MONGODB_URI" in result.output
