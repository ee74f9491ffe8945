"""The notifier loop: changes since its checkpoint -> news -> queue; then send what is due; now and then, prune.

It follows the same change sequence as the indexer, with a checkpoint of its own, so a crash replays changes:
stored signals make a replayed change no news, and idempotency keys keep a queued one from being sent twice.
"""

import logging
import threading
from datetime import UTC, datetime, timedelta

from api.models import changes, checkpoint
from api.models.device import Device
from api.models.fields import new_id
from api.services.push import PushSender
from indexer import metrics
from indexer.push import outbox
from indexer.push.audience import audience
from indexer.push.detect import detect
from indexer.push.dispatch import dispatch
from indexer.settled import SettledMark
from indexer.source import pending_since

log = logging.getLogger(__name__)
CHECKPOINT = "push"
PRUNE_EVERY = timedelta(hours=1)


class Notifier:
    def __init__(self, sender: PushSender, ttl_hours: dict, limits: outbox.Limits, stale_after: timedelta,
                 clock=lambda: datetime.now(UTC), settle_s: float = 0.0):
        self.sender, self.ttl_hours, self.limits, self.stale_after = sender, ttl_hours, limits, stale_after
        self.clock, self.settled = clock, SettledMark(settle_s)
        self._last_prune: datetime | None = None

    @classmethod
    def from_config(cls, config, sender: PushSender, settle_s: float = 0.0) -> "Notifier":
        limits = outbox.Limits(timedelta(seconds=config.PUSH_COALESCE_S), config.PUSH_DEVICE_HOURLY_MAX)
        return cls(sender, config.FRESHNESS_TTL_HOURS, limits, timedelta(days=config.PUSH_DEVICE_STALE_DAYS),
                   settle_s=settle_s)

    def run_once(self) -> int:
        """Queue the news since the checkpoint and send what is due; returns how many messages were sent."""
        now = self.clock()
        stored_now = now.astimezone(UTC).replace(tzinfo=None)
        if self._last_prune is None or now - self._last_prune >= PRUNE_EVERY:
            self._prune(stored_now)
        after, batch, due = checkpoint.load(CHECKPOINT), new_id(), []
        pending = pending_since(after)
        if pending.high > after:
            first = after == 0  # the directory as it stands is nobody's news: record it, announce nothing
            detection = detect(set(pending.service_ids), now, self.ttl_hours, everything=first, announce=not first)
            for found in detection.found:
                heard = audience(found.service, found.news, found.signals)
                due += outbox.enqueue(found.service, found.seq, heard, stored_now, self.limits, batch)
                metrics.PUSH_QUEUED.inc(len(heard))
            detection.store()  # after queuing: a crash in between replays the change and finds the news again
            settled = self.settled.observe(pending.high)
            if settled > after:
                checkpoint.save(CHECKPOINT, settled)
        return dispatch(self.sender, due + outbox.claim(stored_now), stored_now, now, self.limits.hourly_max)

    def _prune(self, now: datetime) -> None:
        outbox.recover(now)
        outbox.forget_old(now)
        for device in Device.objects(last_seen_at__lt=now - self.stale_after):
            device.forget()
        self._last_prune = self.clock()

    def run(self, stop: threading.Event, idle_s: float = 0.2) -> None:
        """Pass after pass until stop is set, the next as soon as a change is written (or after idle_s, when queued
        messages may have come due); a failed pass is logged and tried again after a pause."""
        while not stop.is_set():
            mark = changes.SIGNAL.mark()  # before the pass: a change written during it starts the next one at once
            try:
                self.run_once()
            except Exception:  # a notifier that dies silently is worse than one that retries
                log.exception("push pass failed; retrying")
                stop.wait(5)
            changes.SIGNAL.wait(mark, idle_s)
