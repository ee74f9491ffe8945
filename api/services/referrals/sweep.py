"""The periodic work on referrals (run by indexer/referrals.py): expire, close the forgotten, erase, alert.

- a referral nobody answered within its category's window expires;
- one accepted or waitlisted with no step for the retention period is closed ("no activity"), so a client's details
  never wait on someone remembering to press Close;
- once consent has expired, the client's details are erased (and an open referral closed);
- the client's details are erased the retention period after the referral ended; what remains is counts;
- new referrals are announced to the receiving staff who turned alerts on.
Each change is one conditional write, so a receiver's tap in the same moment wins or loses cleanly.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from api.domain.referral_status import OPEN, UNANSWERED
from api.errors import Conflict
from api.models.fields import naive_utc
from api.models.referral import Referral
from api.services.push import PushSender
from api.services.referrals import alerts
from api.services.referrals.personal import erase
from api.services.referrals.steps import move

IDLE = ("accepted", "waitlisted")


@dataclass(frozen=True)
class SweepReport:
    """What one pass did, as counts."""

    expired: int = 0
    closed: int = 0
    erased: int = 0
    alerts: int = 0


def sweep(now: datetime, retention_days: float, sender: PushSender | None = None) -> SweepReport:
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
    for referral in Referral.objects(sealed__ne=None, ended_at__lte=stored_now - retention):
        erased += erase(referral, "retention", now)
    handed = alerts.send_new(sender) if sender is not None else 0
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
