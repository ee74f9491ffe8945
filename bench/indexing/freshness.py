"""Freshness: how long one listing edit takes to show in search with the indexer running as it does in production."""

import threading
import time
from datetime import UTC, datetime

from api.adapters.meili.source import all_documents
from api.adapters.meili.writer import full_reindex
from api.config import Config
from api.models import Service
from api.models.fields import utcnow
from bench.indexing.harness import INDEX_UID, fake_meilisearch, load_directory, log
from bench.stats import percentiles
from indexer.worker import Indexer

POLL_S = 0.005
IDLE_S = 0.05
TIMEOUT_S = 30.0


def run(listings: int, edits: int) -> dict:
    """Seed, reindex, start the indexer thread, then time `edits` capacity edits one at a time until visible."""
    ttl_hours = Config({}).FRESHNESS_TTL_HOURS
    load_s = load_directory(listings)
    log(f"freshness: {listings} listings loaded in {load_s:.1f}s")
    with fake_meilisearch() as fake:
        full_reindex(fake.client, INDEX_UID, all_documents(datetime.now(UTC), ttl_hours))
        indexer = Indexer(fake.client, INDEX_UID, ttl_hours, settle_s=0)
        # A fresh indexer's first pass rebuilds every service (its checkpoint starts at 0; the pass counts as its
        # sweep): done here first, so the edits measure the steady state rather than queue behind start-up.
        started = time.perf_counter()
        indexer.run_once()
        catch_up_s = time.perf_counter() - started
        log(f"freshness: indexer caught up in {catch_up_s:.1f}s; {edits} edits follow")
        stop = threading.Event()
        thread = threading.Thread(target=indexer.run, args=(stop, IDLE_S), name="indexer", daemon=True)
        thread.start()
        try:
            latencies = _time_edits(fake.client.index(INDEX_UID), _housing_ids(), edits)
        finally:
            stop.set()
            thread.join(timeout=60)
    seen = [ms for ms in latencies if ms is not None]
    return {"listings": listings, "edits": edits, "timeouts": len(latencies) - len(seen),
            **{f"{name}_ms": value for name, value in percentiles(seen).items()},
            "max_ms": round(max(seen), 2) if seen else None,
            "mean_ms": round(sum(seen) / len(seen), 2) if seen else None,
            "poll_ms": POLL_S * 1000, "indexer_idle_ms": IDLE_S * 1000,
            "seconds": {"load": round(load_s, 1), "indexer_catch_up": round(catch_up_s, 1)}}


def _housing_ids() -> list[str]:
    """Public housing services with a capacity unit, in id order: the same edits every run."""
    ids = sorted(row["_id"] for row in Service._get_collection().find(
        {"category": "housing", "status": {"$ne": "inactive"}, "capacity.0": {"$exists": True}}, {"_id": 1}))
    if not ids:
        raise RuntimeError("no public housing service with a capacity unit to edit")
    return ids


def _time_edits(index, ids: list[str], edits: int) -> list[float | None]:
    """Milliseconds from just before each save() until every search document of the service has its new version."""
    latencies = []
    for number in range(edits):
        service = Service.objects.get(id=ids[number % len(ids)])
        unit = service.capacity[0]
        # Another free place, wrapping within the unit's maximum so the edit always validates.
        ceiling = unit.maximum if unit.maximum is not None else unit.available + 1
        unit.available = (unit.available + 1) % (ceiling + 1)
        unit.updated_at, unit.updated_by = utcnow(), "bench"
        started = time.perf_counter()
        service.save()
        latencies.append(_wait_visible(index, service.id, service.version, started))
        if (number + 1) % 50 == 0:
            log(f"freshness: {number + 1}/{edits} edits")
    return latencies


def _wait_visible(index, service_id: str, version: int, started: float) -> float | None:
    """Poll search until the service's documents carry `version`; ms since started, or None after TIMEOUT_S."""
    query = {"filter": f'service_id = "{service_id}"', "attributesToRetrieve": ["version"], "limit": 100}
    while time.perf_counter() - started < TIMEOUT_S:
        hits = index.search("", query)["hits"]
        if hits and all(hit["version"] == version for hit in hits):
            return (time.perf_counter() - started) * 1000
        time.sleep(POLL_S)
    log(f"freshness: {service_id} version {version} not visible after {TIMEOUT_S:.0f}s")
    return None
