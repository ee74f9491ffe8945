"""A new referral reaches the receiving staff who turned alerts on, through the configured sender, saying nothing a
lock screen should not show."""

from api.adapters.push.console import ConsoleSender
from api.models.referral import ReferralAlert
from api.services.push import SendResult
from api.services.referrals import alerts
from api.services.referrals.sweep import sweep
from tests.conftest import NOW
from tests.services.referrals.conftest import CLIENT, send


def test_staff_who_opted_in_get_one_discreet_message_per_phone(network, seal):
    alerts.register(network.intake, "token-ivy", "android", "en", NOW)
    alerts.register(network.bluestem_admin, "token-bo", "ios", "es-MX", NOW)
    alerts.register(network.worker, "token-wes", "android", "en", NOW)  # the sender's side: not told
    sender = ConsoleSender()
    referral = send(network, seal)

    assert sweep(NOW, 30, sender).alerts == 2
    assert sweep(NOW, 30, sender).alerts == 0  # once
    sent = {record.message.token: record.message for record in sender.recorded()}
    assert set(sent) == {"token-ivy", "token-bo"}
    assert sent["token-ivy"].body == "A new referral is waiting for your team."
    assert sent["token-bo"].body == "Una nueva derivación espera a su equipo."
    for message in sent.values():
        shown = " ".join([message.title, message.body, *message.data.values(), message.collapse_key])
        for private in (*CLIENT.values(), "Maple House", "Bluestem", "Outreach", referral.code, "Wes"):
            assert private not in shown
        assert message.data["referral"] == referral.id


def test_turning_alerts_off_and_dead_tokens_stop_them(network, seal):
    alerts.register(network.intake, "token-ivy", "android", "en", NOW)
    alerts.register(network.bluestem_admin, "token-gone", "android", "en", NOW)
    assert alerts.unregister(network.intake) == 1

    class Unregistered(ConsoleSender):
        def send(self, messages):
            super().send(messages)
            return [SendResult("drop_token") for _ in messages]

    send(network, seal)
    sweep(NOW, 30, Unregistered())
    assert ReferralAlert.objects.count() == 0
