"""The notifier's queue: one entry per device and service, coalesced, rate-limited, claimed in batches.

Every query here filters by equality or range, never by a long id list: the embedded database scans for those.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from api.models.fields import new_id
from api.models.push import PendingPush, SentPush

HOUR = timedelta(hours=1)
# Sent records older than this serve no window or limit any more.
KEEP_SENT = timedelta(days=2)


@dataclass(frozen=True)
class Limits:
    coalesce: timedelta  # at most one message per device and service in this window
    hourly_max: int  # at most this many messages per device in any hour


def enqueue(service_id: str, seq: int, heard: dict, now: datetime, limits: Limits, batch: str) -> list[dict]:
    """Queue news for each device that heard it, merging into what is already queued.

    What may go at once is written already claimed for this pass's batch and returned, to be sent straight away.
    """
    queued = {row["device"]: row for row in PendingPush._get_collection().find({"service": service_id})}
    last_sent, sent_keys = {}, set()
    for row in SentPush._get_collection().find({"service": service_id, "sent_at": {"$gt": now - limits.coalesce}}):
        last_sent[row["device"]] = max(row["sent_at"], last_sent.get(row["device"], row["sent_at"]))
        sent_keys.add(row["_id"])
    busy = _busy_devices(now, limits.hourly_max)
    entries = []
    for device_id, (device, kinds) in heard.items():
        key = f"{device_id}:{service_id}:{seq}"
        if key in sent_keys:
            continue  # a replay of news already delivered
        earlier = queued.get(device_id)
        if earlier and earlier["state"] == "sending":
            earlier = None  # in flight: this news follows it, after the window
        not_before = max(now, last_sent.get(device_id, now - limits.coalesce) + limits.coalesce,
                         busy.get(device_id, now))
        entries.append({
            "_id": f"{device_id}:{service_id}", "device": device_id, "service": service_id,
            "news": (earlier["news"] if earlier else {}) | kinds, "key": key, "token": device["token"],
            "locale": device.get("locale", "en"), "discreet": device.get("discreet", True),
            "changed_at": earlier["changed_at"] if earlier else now,
            "not_before": max(not_before, earlier["not_before"]) if earlier else not_before,
            "attempts": 0, "state": "queued", "batch": None,
        })
        if entries[-1]["not_before"] <= now:
            entries[-1] |= {"state": "sending", "batch": batch}
    if entries:
        # Replace the service's queued entries wholesale: one range write instead of one update per device.
        replaced = {entry["device"] for entry in entries}
        PendingPush._get_collection().delete_many({"service": service_id, "state": "queued"})
        kept = [row for device, row in queued.items() if row["state"] == "queued" and device not in replaced]
        PendingPush._get_collection().insert_many(entries + kept)
    return [entry for entry in entries if entry["state"] == "sending"]


def _busy_devices(now: datetime, hourly_max: int) -> dict[str, datetime]:
    """Devices at their hourly limit, and when the oldest message of that hour leaves it."""
    recent = list(SentPush._get_collection().find({"sent_at": {"$gt": now - HOUR}}, {"device": 1, "sent_at": 1}))
    counts = Counter(row["device"] for row in recent)
    full = {device for device, count in counts.items() if count >= hourly_max}
    oldest: dict[str, datetime] = {}
    for row in recent:
        if row["device"] in full:
            oldest[row["device"]] = min(row["sent_at"], oldest.get(row["device"], row["sent_at"]))
    return {device: at + HOUR for device, at in oldest.items()}


def claim(now: datetime) -> list[dict]:
    """Mark every queued entry now due as being sent, under a batch id of its own, and return them."""
    batch = new_id()
    PendingPush._get_collection().update_many({"state": "queued", "not_before": {"$lte": now}},
                                              {"$set": {"state": "sending", "batch": batch}})
    return list(PendingPush._get_collection().find({"batch": batch}))


def settle(batches: set[str], sent: list[dict], now: datetime) -> None:
    """Record what was handed over (its keys are never sent again), then drop the batches' remaining entries."""
    if sent:
        SentPush._get_collection().insert_many(
            [{"_id": row["key"], "device": row["device"], "service": row["service"], "sent_at": now} for row in sent])
    for batch in batches:
        PendingPush._get_collection().delete_many({"batch": batch, "state": "sending"})


def retry_later(row: dict, not_before: datetime) -> None:
    PendingPush._get_collection().update_one(
        {"_id": row["_id"], "batch": row["batch"]},
        {"$set": {"state": "queued", "batch": None, "not_before": not_before}, "$inc": {"attempts": 1}})


def recover(now: datetime) -> int:
    """Entries left "sending" by a crash count as sent: FCM may have delivered them (at most once)."""
    stranded = list(PendingPush._get_collection().find({"state": "sending"}))
    for batch in {row["batch"] for row in stranded}:
        settle({batch}, [row for row in stranded if row["batch"] == batch and not _was_sent(row["key"])], now)
    return len(stranded)


def _was_sent(key: str) -> bool:
    return SentPush._get_collection().find_one({"_id": key}, {"_id": 1}) is not None


def forget_old(now: datetime) -> None:
    SentPush._get_collection().delete_many({"sent_at": {"$lt": now - KEEP_SENT}})
