"""Throughput: search documents read, built and sent into a fresh index on the fake, per second."""

import time
from datetime import UTC, datetime

from api.adapters.meili.source import all_documents, count_services
from api.adapters.meili.writer import full_reindex
from api.config import Config
from bench.indexing.harness import INDEX_UID, TimedBatches, fake_meilisearch, load_directory, log, timed_reads


def run(listings: int) -> dict:
    """Load `listings`, then time one full reindex, split into database reads, building documents and sending them.

    The target is judged on building and sending: reads here are mongomock-ng's pure-Python copies of each record,
    which a real MongoDB does in C, so they are reported apart rather than counted as the indexer's work.
    """
    load_s = load_directory(listings)
    services = count_services()
    log(f"throughput: {listings} listings loaded in {load_s:.1f}s; reindexing {services} public services …")
    with fake_meilisearch() as fake, timed_reads() as reads:
        batches = TimedBatches(all_documents(datetime.now(UTC), Config({}).FRESHNESS_TTL_HOURS))
        started = time.perf_counter()
        full_reindex(fake.client, INDEX_UID, batches)
        total_s = time.perf_counter() - started
    read_s = reads[0]
    build_s, send_s = batches.seconds - read_s, total_s - batches.seconds
    documents = batches.documents
    log(f"throughput: {documents} documents in {total_s:.1f}s "
        f"(read {read_s:.1f}s, build {build_s:.1f}s, send {send_s:.1f}s)")
    return {"listings": listings, "services_indexed": services, "documents": documents,
            "docs_built_and_sent_per_s": round(documents / (build_s + send_s), 1),
            "docs_read_built_and_sent_per_s": round(documents / total_s, 1),
            "docs_built_per_s": round(documents / build_s, 1),
            "docs_read_per_s": round(documents / read_s, 1),
            "seconds": {"read": round(read_s, 2), "build": round(build_s, 2), "send": round(send_s, 2),
                        "total": round(total_s, 2), "load": round(load_s, 1)},
            "share": {"read": round(read_s / total_s, 3), "build": round(build_s / total_s, 3),
                      "send": round(send_s / total_s, 3)}}
