"""Staff sessions kept on the server, so that signing out, idleness, age or a password change ends one for good.

The cookie (signed by Flask, readable by whoever holds it) carries only a random token; a copy of it made before
any of those stops working, since the record the token names is gone or no longer matches the account.
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from api.models.fields import naive_utc
from api.models.staff import Invitation, StaffSession, StaffUser

# seen_at is written at most this often: an idle timeout of minutes needs no write on every page.
SEEN_PRECISION = timedelta(minutes=1)


def start(user: StaffUser, now: datetime, lifetime: timedelta, link: Invitation | None = None) -> str:
    """A new session for user, ending after `lifetime` however busy (started by `link`, a one-time link just used,
    rather than a password); returns the token for the cookie."""
    token, now = secrets.token_urlsafe(32), naive_utc(now)
    StaffSession.objects(expires_at__lte=now).delete()  # records of sessions that ended by age alone
    StaffSession(id=_digest(token), user=user.id, session_version=user.session_version, started_at=now,
                 seen_at=now, expires_at=now + lifetime, through_link=link is not None,
                 link_issued_by=link.created_by if link is not None else None).save(force_insert=True)
    return token


def through_link(token: str | None) -> bool:
    """Whether this session was started by a one-time link, which whoever issued it could have used, rather than by
    its person typing their password."""
    return StaffSession.objects(id=_digest(token or ""), through_link=True).count() > 0


def resume(token: str | None, now: datetime, idle: timedelta) -> StaffUser | None:
    """The active account of a live session; None (and the record removed) once it is idle, too old or outdated."""
    session, now = StaffSession.objects(id=_digest(token or "")).first(), naive_utc(now)
    if session is None:
        return None
    user = StaffUser.objects(id=session.user, active=True).first()
    if now >= session.expires_at or now >= session.seen_at + idle or user is None \
            or user.session_version != session.session_version:
        session.delete()
        return None
    if now - session.seen_at >= SEEN_PRECISION:
        StaffSession.objects(id=session.id).update_one(set__seen_at=now)
    return user


def end(token: str | None) -> None:
    """Sign this session out: its cookie, wherever copied, no longer opens anything."""
    StaffSession.objects(id=_digest(token or "")).delete()


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
