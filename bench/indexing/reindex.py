"""Reindex memory: a full reindex of N listings and the RSS it takes, in a process holding nothing else.

The embedded database holds its data in this process (about 650 MB for 100,000 listings), which a real deployment
keeps in MongoDB; so the figures separate what loading took from what the reindex itself adds on top.
"""

import gc
import time
from datetime import UTC, datetime

from api.adapters.meili.source import all_documents, count_services
from api.adapters.meili.writer import full_reindex
from api.config import Config
from bench.indexing.harness import INDEX_UID, TimedBatches, fake_meilisearch, load_directory, log
from bench.indexing.rss import peak_rss, rss_mb

PROGRESS_EVERY = 5000  # services between progress lines


def run(listings: int) -> dict:
    """Load `listings`, then one full reindex with its peak RSS; every figure is this process's alone."""
    start_mb = rss_mb()
    load_s = load_directory(listings)
    services = count_services()
    gc.collect()  # what loading left behind is not the reindex's
    loaded_mb = rss_mb()
    log(f"reindex {listings}: loaded in {load_s:.1f}s, RSS {start_mb:.0f} -> {loaded_mb:.0f} MB; "
        f"reindexing {services} services …")
    with fake_meilisearch() as fake:
        progress = _Progress(listings, services)
        batches = TimedBatches(all_documents(datetime.now(UTC), Config({}).FRESHNESS_TTL_HOURS))
        started = time.perf_counter()
        with peak_rss() as peak:
            full_reindex(fake.client, INDEX_UID, batches, on_batch=progress)
        total_s = time.perf_counter() - started
        fake_mb = rss_mb(pid=fake.pid)
    growth_mb = peak["peak_mb"] - loaded_mb
    return {"listings": listings, "services_indexed": services, "documents": batches.documents,
            "rss_mb": {"at_start": round(start_mb, 1), "after_load": round(loaded_mb, 1),
                       "peak_during_reindex": round(peak["peak_mb"], 1), "reindex_growth": round(growth_mb, 1),
                       "peak_without_embedded_data": round(start_mb + growth_mb, 1),
                       "after_reindex": round(rss_mb(), 1), "fake_meilisearch_process": round(fake_mb, 1)},
            "peak_method": peak["method"],
            "seconds": {"load": round(load_s, 1), "reindex": round(total_s, 1), "build": round(batches.seconds, 1),
                        "send": round(total_s - batches.seconds, 1)},
            "docs_read_built_and_sent_per_s": round(batches.documents / total_s, 1)}


class _Progress:
    """full_reindex's on_batch: a line on stderr every PROGRESS_EVERY services, with the RSS so far."""

    def __init__(self, listings: int, services: int):
        self.listings, self.services, self.done, self.started = listings, services, 0, time.perf_counter()

    def __call__(self, documents: list[dict]) -> None:
        before, self.done = self.done, self.done + len({document["service_id"] for document in documents})
        if self.done // PROGRESS_EVERY > before // PROGRESS_EVERY or self.done == self.services:
            log(f"reindex {self.listings}: {self.done}/{self.services} services, "
                f"{time.perf_counter() - self.started:.0f}s, RSS {rss_mb():.0f} MB")
