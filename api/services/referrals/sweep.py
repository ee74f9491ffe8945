"""The periodic work on referrals (run by indexer/referrals.py): expire, close the forgotten, erase, alert.

- a referral nobody answered within its category's window expires;
- one accepted or waitlisted with no step for the retention period is closed ("no activity"), so a client's details
  never wait on someone remembering to press Close;
- once consent has expired, the client's details are erased (and an open referral closed);
- a revocation is finished: a revocation erases at once, but should it be cut short (a step in the same moment, a
  held place that could not be given back), the details still go, and the referral is closed, here;
- the client's details are erased the retention period after the referral ended; what remains is counts;
- new referrals are announced to the receiving staff who turned alerts on;
- the database's own files are asked to forget what was erased (a revocation erases between passes, so every pass).
Each change is one conditional write, so a receiver's tap in the same moment wins or loses cleanly.

What the files forget: on the embedded default, every erased body is overwritten in its SQLite file and the write-ahead
log emptied (api/adapters/embedded_store.py). A real MongoDB keeps copies out of our reach: the replica set's oplog
holds each write until the capped oplog wraps (hours to days, by its size), neither WiredTiger's journal nor the
blocks it frees are wiped, and backups hold what they held. Sealing is what protects those: without REFERRAL_KEY the
token is noise (the code, printed on the client's card, is in them in the clear).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from api.domain.referral_status import OPEN, UNANSWERED
from api.errors import Conflict
from api.models.fields import naive_utc
from api.models.referral import Referral
from api.services.push import PushSender
from api.services.referrals import alerts
from api.services.referrals.personal import erase
from api.services.referrals.steps import move

IDLE = ("accepted", "waitlisted")


class ErasingStore(Protocol):
    """The database's files, when this process keeps them (the embedded default's EmbeddedStore)."""

    def forget_erased(self) -> None:
        """Leave nothing erased so far readable in the files themselves."""


@dataclass(frozen=True)
class SweepReport:
    """What one pass did, as counts."""

    expired: int = 0
    closed: int = 0
    erased: int = 0
    alerts: int = 0


def sweep(now: datetime, retention_days: float, sender: PushSender | None = None,
          store: ErasingStore | None = None) -> SweepReport:
    """One pass over everything due at `now`."""
    stored_now, retention = naive_utc(now), timedelta(days=retention_days)
    expired = _each(Referral.objects(status__in=UNANSWERED, respond_by__lte=stored_now),
                    lambda referral: move(referral, "expired", None, now))
    closed = _each(Referral.objects(status__in=IDLE, updated_at__lte=stored_now - retention),
                   lambda referral: move(referral, "closed", None, now, reason="no_activity"))
    lapsed = list(Referral.objects(sealed__ne=None, consent__expires_at__lte=stored_now))
    closed += _each([referral for referral in lapsed if referral.status in OPEN],
                    lambda referral: move(referral, "closed", None, now, reason="consent_expired"))
    erased = sum(erase(referral, "consent_expired", now) for referral in lapsed)
    closed += _each(Referral.objects(consent__revoked_at__ne=None, status__in=OPEN),
                    lambda referral: move(referral, "closed", None, now, reason="consent_revoked"))
    for referral in Referral.objects(sealed__ne=None, consent__revoked_at__ne=None):
        erased += erase(referral, "consent_revoked", now)
    for referral in Referral.objects(sealed__ne=None, ended_at__lte=stored_now - retention):
        erased += erase(referral, "retention", now)
    handed = alerts.send_new(sender) if sender is not None else 0
    if store is not None:
        store.forget_erased()
    return SweepReport(expired, closed, erased, handed)


def _each(referrals, step) -> int:
    done = 0
    for referral in referrals:
        try:
            step(referral)
            done += 1
        except Conflict:
            continue  # a person moved it in the same moment: theirs stands, and the next pass looks again
    return done
