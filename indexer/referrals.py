"""The referral runner: every half minute, the referrals' periodic work (api/services/referrals/sweep.py).

Expiry, erasure and staff alerts run here, beside the notifier and the feed runner: a thread of `lantern run` on the
embedded default, of `python -m indexer` on the real stack. Its log lines are counts, never about anyone.
"""

import logging
from datetime import UTC, datetime

from api.services.push import PushSender
from api.services.referrals.sweep import ErasingStore, SweepReport, sweep
from indexer.periodic import Periodic

log = logging.getLogger(__name__)

EVERY_S = 30.0


class ReferralRunner(Periodic):
    """Sweeps until stopped; a failed pass is logged and the next one tries again."""

    failure = "the referral sweep failed"

    def __init__(self, sender: PushSender | None, retention_days: float, every_s: float = EVERY_S,
                 clock=lambda: datetime.now(UTC), store: ErasingStore | None = None):
        self.sender, self.retention_days, self.every_s, self.clock = sender, retention_days, every_s, clock
        self.store = store

    @classmethod
    def from_config(cls, config, sender: PushSender | None, store: ErasingStore | None = None) -> "ReferralRunner":
        """A runner with the configured retention, alerting through sender (and, on the embedded default, wiping
        what it erased from the store's files)."""
        return cls(sender, config.REFERRAL_RETENTION_DAYS, store=store)

    def run_once(self) -> SweepReport:
        """One sweep now; logs what it did, as counts."""
        report = sweep(self.clock(), self.retention_days, self.sender, self.store)
        if report != SweepReport():
            log.info("referrals: %d expired, %d closed, %d erased, %d alerts", report.expired, report.closed,
                     report.erased, report.alerts)
        return report
