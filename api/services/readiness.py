"""What this process is still catching up on after start (a worker's first pass), as /v1/health reports it."""

import threading
from collections.abc import Callable


class Readiness:
    """Tasks begun and not yet done; ready when there are none. Requests are served meanwhile."""

    def __init__(self):
        self._pending: set[str] = set()
        self._lock = threading.Lock()

    def begin(self, task: str) -> Callable[[], None]:
        """Mark task as under way; returns what to call once it is done."""
        with self._lock:
            self._pending.add(task)
        return lambda: self._done(task)

    def _done(self, task: str) -> None:
        with self._lock:
            self._pending.discard(task)

    def pending(self) -> list[str]:
        """The tasks still under way, by name."""
        with self._lock:
            return sorted(self._pending)
