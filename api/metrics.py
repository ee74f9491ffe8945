"""Prometheus metrics of the API process (the indexer's join them when it runs in the same process)."""

from prometheus_client import Counter, Gauge

SEARCH_FALLBACKS = Counter("lantern_search_fallbacks", "Searches answered by the database while the search server "
                           "was failing or slow", ["backend"])
# Measured by whichever process answers the scrape: with several, the latest measurement is the one to show.
INDEX_LAG_CHANGES = Gauge("lantern_index_lag_changes", "Changes not yet in the search index",
                          multiprocess_mode="mostrecent")
INDEX_LAG_SECONDS = Gauge("lantern_index_lag_seconds", "Age of the oldest change not yet in the search index",
                          multiprocess_mode="mostrecent")
# Referral status changes by the status reached: counts only, never who or for whom.
REFERRAL_STEPS = Counter("lantern_referral_steps", "Referral status changes, by the status reached", ["status"])
