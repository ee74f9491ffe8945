"""Push notifications as the rest of Lantern sees them: a message for one device, and what became of sending it."""

from dataclasses import dataclass, field
from typing import Protocol

# FCM's own limit per send_each call: senders split what they are handed into batches of at most this.
MAX_BATCH = 500


@dataclass(frozen=True)
class PushMessage:
    """One notification for one device token. data values are strings, as FCM requires."""

    token: str
    title: str
    body: str
    data: dict[str, str]
    collapse_key: str  # one per service: a newer message replaces an undelivered older one on the device
    ttl_s: int
    urgent: bool
    key: str  # idempotency key, also in data["key"] so the app can drop a repeat


@dataclass(frozen=True)
class SendResult:
    """outcome: sent | retry (retry_after_s is the server's floor) | drop_token | invalid | auth."""

    outcome: str
    retry_after_s: float | None = None
    detail: str = field(default="")


class PushSender(Protocol):
    """Hands messages to a push service; one result per message, in order."""

    name: str

    def send(self, messages: list[PushMessage]) -> list[SendResult]: ...
