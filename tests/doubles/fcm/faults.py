"""The fault controls' state: dead and foreign tokens, queued failures, rejected auth and latency."""

import threading
from collections import deque

from .errors import FAILURES, FcmError, injected, sender_id_mismatch, unregistered


class Faults:
    """What the fake should get wrong next; every method is safe to call while requests are in flight."""

    def __init__(self):
        self._lock = threading.Lock()
        self.clear()

    def clear(self) -> None:
        """No faults: every token registered, no queued failures, auth accepted, no latency."""
        with self._lock:
            self._unregistered: set[str] = set()
            self._mismatched: set[str] = set()
            self._failures: deque[tuple[int, float | None]] = deque()
            self.auth_rejected = False
            self.latency = 0.0

    def unregister(self, token: str) -> None:
        with self._lock:
            self._unregistered.add(token)

    def mismatch_sender(self, token: str) -> None:
        with self._lock:
            self._mismatched.add(token)

    def fail_next(self, count: int, status: int, retry_after: float | None) -> None:
        if status not in FAILURES:
            raise ValueError(f"fail_next status must be one of {sorted(FAILURES)}, not {status}")
        with self._lock:
            self._failures.extend([(status, retry_after)] * count)

    def take_failure(self) -> FcmError | None:
        """The next queued failure, used up by this request."""
        with self._lock:
            if not self._failures:
                return None
            status, retry_after = self._failures.popleft()
        return injected(status, retry_after)

    def check_token(self, token: str | None) -> None:
        """Raise UNREGISTERED or SENDER_ID_MISMATCH for a token marked so."""
        if token is None:
            return
        with self._lock:
            dead, foreign = token in self._unregistered, token in self._mismatched
        if dead:
            raise unregistered()
        if foreign:
            raise sender_id_mismatch()
