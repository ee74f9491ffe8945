"""The export cache: one build per key however many ask at once, bounded by bytes, least recently used out first."""

import threading
import time

from api.services.export_cache import ExportCache


def test_callers_of_one_key_wait_for_its_one_build():
    cache, builds = ExportCache(1024), []

    def build():
        builds.append(1)
        time.sleep(0.05)  # long enough for every other caller to arrive while it runs
        return b"body"
    results = []
    threads = [threading.Thread(target=lambda: results.append(cache.get(("feed", 7), build))) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [b"body"] * 6 and len(builds) == 1


def test_the_budget_drops_the_least_recently_used_and_never_keeps_an_oversized_body():
    cache = ExportCache(10)
    cache.get("a", lambda: b"aaaa")
    cache.get("b", lambda: b"bbbb")
    cache.get("a", lambda: b"never built")  # a is used again: b is now the oldest
    cache.get("c", lambda: b"cccc")
    assert cache.get("a", lambda: b"rebuilt") == b"aaaa"
    assert cache.get("b", lambda: b"rebuilt") == b"rebuilt"
    assert cache.get("huge", lambda: b"x" * 11) == b"x" * 11  # served, not kept
    assert cache.get("huge", lambda: b"again") == b"again"
    assert cache.bytes_kept <= 10
