"""Whole-directory exports built once per directory version, so many clients asking at once cost one build."""

import threading
from collections.abc import Callable, Hashable

from cachetools import LRUCache, cached


class ExportCache:
    """Built bodies by key (the directory's version and what was asked), the least recently used dropped first.

    Callers put the change sequence in the key, so an edit makes new keys and old bodies age out unread. Clients
    asking for a body being built wait for that build instead of starting their own; a body larger than the
    whole budget is served but not kept.
    """

    def __init__(self, max_bytes: int):
        lock = threading.Lock()
        self._bodies = LRUCache(maxsize=max(max_bytes, 1), getsizeof=len)
        self._get = cached(self._bodies, key=lambda key, build: key, lock=lock,
                           condition=threading.Condition(lock))(lambda key, build: build())

    def get(self, key: Hashable, build: Callable[[], bytes]) -> bytes:
        """The body kept under key, or build() once (every concurrent caller of the same key gets its result)."""
        return self._get(key, build)

    @property
    def bytes_kept(self) -> int:
        """What the kept bodies weigh together."""
        return self._bodies.currsize
