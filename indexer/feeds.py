"""The feed runner: every few minutes, re-import the Meeting Guide feeds that are due (interop/meeting_guide)."""

import logging
from datetime import UTC, datetime

from api.interop.limits import ImportLimits
from api.interop.meeting_guide.subscriptions import run_due_feeds
from api.services.geocoding import Geocoder
from indexer.periodic import Periodic

log = logging.getLogger(__name__)

CHECK_EVERY_S = 300.0


class FeedRunner(Periodic):
    """Runs due feeds until stopped; a feed's failure is recorded on the feed, anything else logged, never fatal."""

    failure = "running due feeds failed"

    def __init__(self, geocoder: Geocoder | None = None, every_s: float = CHECK_EVERY_S,
                 limits: ImportLimits = ImportLimits()):
        self.geocoder, self.every_s, self.limits = geocoder, every_s, limits

    def run_once(self) -> int:
        now = datetime.now(UTC).replace(tzinfo=None)
        ran = run_due_feeds(now, self.geocoder, limits=self.limits)
        for feed in ran:
            log.info("feed %s: %s", feed.id, "ok" if feed.last_ok else "nothing applied")
        return len(ran)
