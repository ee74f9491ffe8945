"""The indexer's Prometheus metrics: throughput, pass duration and failures (lag is computed where it is read)."""

from prometheus_client import Counter, Histogram

SERVICES_INDEXED = Counter("lantern_indexer_services_indexed", "Services whose documents were rebuilt and sent")
PASSES = Counter("lantern_indexer_passes", "Indexer passes that found work and finished")
FAILURES = Counter("lantern_indexer_failures", "Indexer passes that failed and will be retried")
PASS_SECONDS = Histogram("lantern_indexer_pass_seconds", "Duration of indexer passes that found work",
                         buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60))
PUSH_RESULTS = Counter("lantern_push_results", "Push messages handed to the sender, by outcome", ["outcome"])
PUSH_TOKENS_PRUNED = Counter("lantern_push_tokens_pruned", "Devices forgotten because FCM said their token is dead")
PUSH_QUEUED = Counter("lantern_push_queued", "Push messages queued (after coalescing)")
PUSH_HANDOFF_SECONDS = Histogram("lantern_push_handoff_seconds", "From a change seen to its push handed to the sender",
                                 buckets=(0.1, 0.25, 0.5, 1, 2, 5, 10, 60, 600, 3600))
PUSH_AUTH_ERRORS = Counter("lantern_push_auth_errors", "Push sends refused for our own credentials (an operator "
                           "must fix them; these are not retried)")
