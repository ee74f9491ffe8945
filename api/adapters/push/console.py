"""The embedded default's sender: logs each message and keeps the latest ones for the admin area to show."""

import logging
import threading
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime

from api.services.push import PushMessage, SendResult

log = logging.getLogger(__name__)
KEEP = 500


@dataclass(frozen=True)
class Recorded:
    message: PushMessage
    at: datetime


class ConsoleSender:
    """Every message "succeeds"; nothing leaves the machine."""

    name = "console"

    def __init__(self, keep: int = KEEP):
        self._recorded: deque[Recorded] = deque(maxlen=keep)
        self._lock = threading.Lock()

    def send(self, messages: list[PushMessage]) -> list[SendResult]:
        now = datetime.now(UTC)
        with self._lock:
            self._recorded.extend(Recorded(message, now) for message in messages)
        for message in messages:
            log.info("push (console) %s: %s — %s", message.collapse_key, message.title, message.body)
        return [SendResult("sent") for _ in messages]

    def recorded(self) -> list[Recorded]:
        """What was "sent", newest last."""
        with self._lock:
            return list(self._recorded)
