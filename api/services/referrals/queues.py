"""The lists each side works from: a receiver's inbox, a worker's sent referrals, and the nudges.

A referral still unanswered past half its window needs attention: it tops the receiver's inbox and their "needs
attention" page, and the referring worker sees it as overdue.
"""

from datetime import datetime, timedelta

from api.domain.referral_status import ENDED, UNANSWERED
from api.models.fields import naive_utc
from api.models.referral import Referral

RECENT = timedelta(days=7)  # ended referrals stay in the lists this long, so a last step can still be seen
LIMIT = 200


def overdue(referral: Referral, now: datetime) -> bool:
    """Unanswered, and past half its response window."""
    if referral.status not in UNANSWERED:
        return False
    return naive_utc(now) >= referral.created_at + (referral.respond_by - referral.created_at) / 2


def inbox(organization_id: str, now: datetime) -> list[Referral]:
    """To this organisation: overdue first, then unanswered by deadline, then open ones, then the recently ended."""
    referrals = list(Referral.objects(receiving_org=organization_id, **_current(now)).limit(LIMIT))
    return sorted(referrals, key=lambda referral: _inbox_order(referral, now))


def sent(user, now: datetime) -> list[Referral]:
    """This worker's referrals (an organisation admin's: their organisation's), open ones first, newest first."""
    query = Referral.objects(sending_org=user.organization) if user.role == "org_admin" else \
        Referral.objects(sender=user.id)
    referrals = list(query.filter(**_current(now)).order_by("-created_at").limit(LIMIT))
    return sorted(referrals, key=lambda referral: referral.status in ENDED)


def network(now: datetime) -> list[Referral]:
    """Every organisation's recent referrals, for network admins (status only)."""
    return list(Referral.objects(**_current(now)).order_by("-created_at").limit(LIMIT))


def needing_attention(organization_ids: list[str] | None, now: datetime) -> list[Referral]:
    """Unanswered referrals past half their window, to these organisations (None: every one)."""
    query = Referral.objects(status__in=UNANSWERED)
    if organization_ids is not None:
        query = query.filter(receiving_org__in=organization_ids)
    return [referral for referral in query.order_by("respond_by") if overdue(referral, now)]


def _current(now: datetime) -> dict:
    """Open, or ended within RECENT."""
    return {"__raw__": {"$or": [{"ended_at": None}, {"ended_at": {"$gte": naive_utc(now) - RECENT}}]}}


def _inbox_order(referral: Referral, now: datetime):
    if overdue(referral, now):
        rank = 0
    elif referral.status in UNANSWERED:
        rank = 1
    elif referral.status not in ENDED:
        rank = 2
    else:
        rank = 3
    return rank, referral.respond_by if rank < 2 else -referral.updated_at.timestamp()
