"""Due entries -> messages -> the sender; each result settles its entry."""

import logging
from datetime import datetime, timedelta

from tenacity import RetryCallState, wait_random_exponential

from api.domain.push_news import KINDS, still_true
from api.domain.push_text import listing_name, text
from api.models.device import Device
from api.models.push import PushState
from api.services.push import PushMessage, PushSender, SendResult
from indexer import metrics
from indexer.push import outbox

log = logging.getLogger(__name__)
# Quota, unavailable, internal: tried again later (Retry-After is the floor), then given up after this many tries.
MAX_ATTEMPTS = 8
BACKOFF = wait_random_exponential(multiplier=2, max=600)


def dispatch(sender: PushSender, rows: list[dict], now: datetime, aware_now: datetime, hourly_max: int) -> int:
    """Send claimed entries (naive UTC `now` for the database, aware for the news); returns how many were sent.

    A device at its hourly limit gets the rest later: those entries go back to the queue until it has room.
    """
    if not rows:
        return 0
    budget = outbox.HourlyBudget(now, hourly_max)
    current = {row["_id"]: row["signals"]
               for row in PushState._get_collection().find({"_id": {"$in": list({r["service"] for r in rows})}})}
    kept, messages = [], []
    for row in sorted(rows, key=lambda row: row["not_before"]):
        message = _message(row, current.get(row["service"]), aware_now)
        if message is None:
            continue  # news no longer true is dropped with the batch
        room_at = budget.take(row["device"])
        if room_at is not None:
            outbox.retry_later(row, room_at, failed=False)
            continue
        kept.append(row)
        messages.append(message)
    sent = []
    for row, result in zip(kept, _send(sender, messages), strict=True):
        metrics.PUSH_RESULTS.labels(result.outcome).inc()
        if result.outcome == "sent":
            sent.append(row)
            metrics.PUSH_HANDOFF_SECONDS.observe(max((now - row["changed_at"]).total_seconds(), 0))
        else:
            _failed(row, result, now)
    outbox.settle({row["batch"] for row in rows}, sent, now)
    return len(sent)


def _send(sender: PushSender, messages: list[PushMessage]) -> list[SendResult]:
    """The sender's results; if it fails as a whole (a credential refresh, a bug), every message is retried later
    rather than left "sending", which a restart would count as sent."""
    if not messages:
        return []
    try:
        return sender.send(messages)
    except Exception as error:  # noqa: BLE001 - whatever it was, the messages must go back to the queue
        log.exception("the push sender failed; its %d messages will be retried", len(messages))
        return [SendResult("retry", detail=f"sender failed: {error}") for _ in messages]


def _message(row: dict, current: dict | None, now: datetime) -> PushMessage | None:
    """The message for an entry, with only the news that still holds (latest state wins); None if none does."""
    kinds = {kind: detail for kind, detail in row["news"].items() if still_true(kind, current, now)}
    if "temporarily_closed" in row["news"] and "temporarily_closed" not in kinds:
        kinds.pop("reopened", None)  # closed and open again before anyone was told: nothing happened, for them
    if not kinds:
        return None
    kind = min(kinds, key=lambda name: KINDS[name].rank)
    title, body = text(kind, row["locale"], listing_name(current, row["locale"]), kinds[kind], row["discreet"])
    data = {"service_id": row["service"], "news": ",".join(sorted(kinds, key=lambda n: KINDS[n].rank)),
            "key": row["key"]}
    if kinds.get("meeting_cancelled"):
        data["date"] = kinds["meeting_cancelled"]
    return PushMessage(token=row["token"], title=title, body=body, data=data, collapse_key=f"s-{row['service']}",
                       ttl_s=min(KINDS[k].ttl_s for k in kinds), urgent=any(KINDS[k].urgent for k in kinds),
                       key=row["key"])


def _failed(row: dict, result, now: datetime) -> None:
    if result.outcome == "retry" and row["attempts"] + 1 < MAX_ATTEMPTS:
        state = RetryCallState(None, None, (), {})
        state.attempt_number = row["attempts"] + 1
        wait_s = max(BACKOFF(state), result.retry_after_s or 0)
        outbox.retry_later(row, now + timedelta(seconds=wait_s))
        return
    if result.outcome == "drop_token":
        # Only if the device still has that token: it may have sent a fresh one since this was queued.
        device = Device.objects(id=row["device"], token=row["token"]).first()
        if device is not None:
            device.forget()
            metrics.PUSH_TOKENS_PRUNED.inc()
    elif result.outcome == "auth":  # not retried: every message would fail the same way until someone fixes it
        metrics.PUSH_AUTH_ERRORS.inc()
        log.error("the push service refused our credentials (check FIREBASE_CREDENTIALS / FIREBASE_PROJECT_ID): %s",
                  result.detail)
    else:
        log.warning("push to device %s dropped (%s): %s", row["device"], result.outcome, result.detail)
