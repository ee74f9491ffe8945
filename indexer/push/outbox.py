"""The notifier's queue: one entry per device and service, coalesced, rate-limited, claimed in batches.

Every query here filters by equality or range, never by a long id list: the embedded database scans for those.
"""

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
    entries = []
    for device_id, (device, kinds) in heard.items():
        key = f"{device_id}:{service_id}:{seq}"
        if key in sent_keys:
            continue  # a replay of news already delivered
        earlier = queued.get(device_id)
        if earlier and earlier["state"] == "sending":
            earlier = None  # in flight: this news follows it, after the window
        not_before = max(now, last_sent.get(device_id, now - limits.coalesce) + limits.coalesce)
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


class HourlyBudget:
    """How many messages each device may still get this hour, from what was sent in the last one."""

    def __init__(self, now: datetime, hourly_max: int):
        self.now, self.hourly_max = now, hourly_max
        self.sent: dict[str, list[datetime]] = {}
        rows = SentPush._get_collection().find({"sent_at": {"$gt": now - HOUR}}, {"device": 1, "sent_at": 1})
        for row in sorted(rows, key=lambda row: row["sent_at"]):
            self.sent.setdefault(row["device"], []).append(row["sent_at"])

    def take(self, device: str) -> datetime | None:
        """None if the device may get a message now (and counts it); else when it next may."""
        times = self.sent.setdefault(device, [])
        if len(times) < self.hourly_max:
            times.append(self.now)
            return None
        return times[len(times) - self.hourly_max] + HOUR


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


def retry_later(row: dict, not_before: datetime, failed: bool = True) -> None:
    """Back in the queue until not_before; `failed` counts it as an attempt (a deferral by the limits does not)."""
    PendingPush._get_collection().update_one(
        {"_id": row["_id"], "batch": row["batch"]},
        {"$set": {"state": "queued", "batch": None, "not_before": not_before}, "$inc": {"attempts": int(failed)}})


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
