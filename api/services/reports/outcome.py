"""The answer to a report, told to the devices that asked: one discreet message each, through the push outbox.

The message joins the notifier's queue (api/models/push.py) as news about the listing for that device, so the
notifier sends it with its usual limits, idempotency and retries; if the device already has news about the same
listing queued (it follows it, and accepting changed it), the answer merges into that one message. Once queued,
the report forgets the devices: the queued entry is all that still links them, and it goes once sent.
"""

from datetime import datetime

from api.domain.push_news import REPORT_OUTCOMES
from api.models.device import Device
from api.models.fields import naive_utc
from api.models.push import PendingPush
from api.models.report import Report


def tell(report: Report, now: datetime) -> int:
    """Queue the report's outcome for every device waiting on it; returns how many were queued."""
    kind = REPORT_OUTCOMES[report.state]
    stamp = naive_utc(now)
    queue = PendingPush._get_collection()
    queued = 0
    for device in Device.objects(id__in=list(report.notify)):
        entry_id = f"{device.id}:{report.service}"
        merged = queue.update_one({"_id": entry_id, "state": "queued"}, {"$set": {f"news.{kind}": None}})
        if not merged.matched_count:
            # An entry already being sent keeps its id: this answer follows it as an entry of its own.
            taken = queue.find_one({"_id": entry_id}, {"_id": 1}) is not None
            queue.insert_one({
                "_id": f"{entry_id}:{report.id}" if taken else entry_id, "device": device.id,
                "service": report.service, "news": {kind: None}, "key": f"{device.id}:report:{report.id}",
                "token": device.token, "locale": device.locale, "discreet": device.discreet, "changed_at": stamp,
                "not_before": stamp, "attempts": 0, "state": "queued", "batch": None})
        queued += 1
    Report.objects(id=report.id).update_one(set__notify=[])
    report.notify = []
    return queued
