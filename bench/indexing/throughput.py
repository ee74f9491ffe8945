"""Throughput: documents built from the database per second, and built and sent into a fresh index on the fake."""

import time
from datetime import UTC, datetime

from api.adapters.meili.source import all_documents, count_services
from api.adapters.meili.writer import full_reindex
from api.config import Config
from bench.indexing.harness import INDEX_UID, TimedBatches, fake_meilisearch, load_directory, log


def run(listings: int) -> dict:
    """Load `listings`, then time one full reindex, split into building documents and sending them."""
    load_s = load_directory(listings)
    services = count_services()
    log(f"throughput: {listings} listings loaded in {load_s:.1f}s; reindexing {services} public services …")
    with fake_meilisearch() as fake:
        batches = TimedBatches(all_documents(datetime.now(UTC), Config({}).FRESHNESS_TTL_HOURS))
        started = time.perf_counter()
        full_reindex(fake.client, INDEX_UID, batches)
        total_s = time.perf_counter() - started
    build_s, send_s = batches.seconds, total_s - batches.seconds
    log(f"throughput: {batches.documents} documents in {total_s:.1f}s (build {build_s:.1f}s, send {send_s:.1f}s)")
    return {"listings": listings, "services_indexed": services, "documents": batches.documents,
            "docs_built_per_s": round(batches.documents / build_s, 1),
            "docs_built_and_sent_per_s": round(batches.documents / total_s, 1),
            "seconds": {"build": round(build_s, 2), "send": round(send_s, 2), "total": round(total_s, 2),
                        "load": round(load_s, 1)},
            "share": {"build": round(build_s / total_s, 3), "send": round(send_s / total_s, 3)}}
