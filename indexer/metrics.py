"""The indexer's Prometheus metrics: throughput, pass duration and failures (lag is computed where it is read)."""

from prometheus_client import Counter, Histogram

SERVICES_INDEXED = Counter("lantern_indexer_services_indexed", "Services whose documents were rebuilt and sent")
PASSES = Counter("lantern_indexer_passes", "Indexer passes that found work and finished")
FAILURES = Counter("lantern_indexer_failures", "Indexer passes that failed and will be retried")
PASS_SECONDS = Histogram("lantern_indexer_pass_seconds", "Duration of indexer passes that found work",
                         buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60))
