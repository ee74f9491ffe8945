"""Push alerts of a new referral for the receiving organisation's staff who turned them on.

A staff member's phone registers its push token (through the admin JSON API, from the partners' app); each new
referral to their organisation sends one message through the configured sender. What a lock screen shows says only
that something is waiting: no client, no service, no organisation. The data carries the referral's id, a random
identifier, so the app can open it after signing in.
"""

from datetime import datetime

from api.i18n import language
from api.i18n.text import gettext as _
from api.models.fields import naive_utc
from api.models.referral import Referral, ReferralAlert
from api.models.staff import StaffUser
from api.services.push import MAX_BATCH, PushMessage, PushSender

TTL_S = 4 * 3600  # a referral waits hours at most before it is answered or expires: an older alert is noise


def register(user, token: str, platform: str, locale: str, now: datetime) -> ReferralAlert:
    """Turn alerts on for this phone (registering the same token again only refreshes it)."""
    alert = ReferralAlert.objects(staff=user.id, token=token).first() or ReferralAlert(staff=user.id, token=token)
    alert.platform, alert.locale, alert.created_at = platform, language.supported(locale) or "en", naive_utc(now)
    alert.validate()
    return alert.save()


def unregister(user, token: str | None = None) -> int:
    """Turn alerts off for one phone, or for all of this person's phones; returns how many."""
    alerts = ReferralAlert.objects(staff=user.id)
    return (alerts.filter(token=token) if token else alerts).delete()


def registered(user) -> int:
    """How many phones this person gets alerts on."""
    return ReferralAlert.objects(staff=user.id).count()


def send_new(sender: PushSender) -> int:
    """Alert the receiving staff of every referral not alerted yet; returns how many messages were handed over.

    A referral is marked before its messages go, so a crash in between loses an alert rather than repeating it
    (the idempotency key lets the app drop a repeat either way)."""
    handed = 0
    for referral in Referral.objects(alerted=False).only("id", "receiving_org"):
        if not Referral.objects(id=referral.id, alerted=False).update_one(set__alerted=True):
            continue  # another process took it
        messages = messages_for(referral)
        for start in range(0, len(messages), MAX_BATCH):
            batch = messages[start:start + MAX_BATCH]
            for message, result in zip(batch, sender.send(batch)):
                if result.outcome == "drop_token":
                    ReferralAlert.objects(token=message.token).delete()
            handed += len(batch)
    return handed


def messages_for(referral: Referral) -> list[PushMessage]:
    """One message per registered phone of the receiving organisation's active staff."""
    staff = [user.id for user in StaffUser.objects(organization=referral.receiving_org, active=True).only("id")]
    return [_message(referral, alert) for alert in ReferralAlert.objects(staff__in=staff)]


def _message(referral: Referral, alert: ReferralAlert) -> PushMessage:
    key = f"referral:{referral.id}:{alert.id}"
    with language.speaking(alert.locale):
        title, body = _("Lantern partners"), _("A new referral is waiting for your team.")
    return PushMessage(token=alert.token, title=title, body=body,
                       data={"kind": "referral", "referral": referral.id, "key": key},
                       collapse_key=f"referrals:{referral.receiving_org}", ttl_s=TTL_S, urgent=True, key=key)
