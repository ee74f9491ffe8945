"""What the fake remembers: every request it answered, the messages it accepted, and topic subscriptions."""

import itertools
import secrets
import threading
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Delivery:
    """A message FCM accepted for delivery (200, not validate_only)."""

    token: str | None  # the registration token (or installation id, `fid`); None for topic and condition messages
    message: dict  # the `message` object exactly as received
    name: str  # the `projects/{id}/messages/{id}` FCM answered
    at: float  # time.monotonic() when it was accepted


@dataclass(frozen=True)
class Attempt:
    """One send request as the fake answered it, accepted or not."""

    token: str | None
    status: int  # HTTP status answered
    error_code: str | None  # the FcmError errorCode, else the canonical status (UNAUTHENTICATED, ...); None on 200
    validate_only: bool
    at: float


class Records:
    """Thread-safe lists of attempts and deliveries, and topic subscriptions; readers get copies."""

    def __init__(self):
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._salt = secrets.token_hex(8)  # message ids stay unique across fakes and resets
        self.clear()

    def clear(self) -> None:
        """Forget everything recorded."""
        with self._lock:
            self._attempts: list[Attempt] = []
            self._delivered: list[Delivery] = []
            self._topics: dict[str, set[str]] = {}

    def attempt(self, token: str | None, status: int, error_code: str | None, validate_only: bool) -> None:
        """Record a request that was not accepted for delivery (an error, or a validate_only success)."""
        with self._lock:
            self._attempts.append(Attempt(token, status, error_code, validate_only, time.monotonic()))

    def deliver(self, project_id: str, token: str | None, message: dict) -> str:
        """Record an accepted message and return the name FCM gives it."""
        with self._lock:
            name = f"projects/{project_id}/messages/0:{next(self._ids):016d}%{self._salt}"
            now = time.monotonic()
            self._attempts.append(Attempt(token, 200, None, False, now))
            self._delivered.append(Delivery(token, message, name, now))
        return name

    @property
    def attempts(self) -> list[Attempt]:
        with self._lock:
            return list(self._attempts)

    @property
    def delivered(self) -> list[Delivery]:
        with self._lock:
            return list(self._delivered)

    def subscribe(self, token: str, topic: str) -> None:
        with self._lock:
            self._topics.setdefault(topic, set()).add(token)

    def unsubscribe(self, token: str, topic: str) -> bool:
        """Remove a subscription; whether there was one."""
        with self._lock:
            subscribers = self._topics.get(topic, set())
            found = token in subscribers
            subscribers.discard(token)
            return found

    def subscribers(self, topic: str) -> set[str]:
        with self._lock:
            return set(self._topics.get(topic, set()))
