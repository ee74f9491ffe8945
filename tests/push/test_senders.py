"""The senders behind the notifier: the same contract through FCM (the fake), a process pool, and the console."""

from functools import partial
from types import SimpleNamespace

import firebase_admin
import pytest
from firebase_admin import credentials

from api.adapters.push.console import ConsoleSender
from api.adapters.push.fcm import FcmSender
from api.adapters.push.pool import ProcessPoolSender
from api.backends import create_backends
from api.errors import ConfigurationError
from api.services.push import PushMessage
from tests.conftest import make_config
from tests.doubles.fcm import aim_at_fake


def message(token: str, body: str = "A place you follow has room now.") -> PushMessage:
    return PushMessage(token=token, title="A place opened up", body=body, data={"service_id": "s1", "key": token},
                       collapse_key="s-s1", ttl_s=3600, urgent=True, key=token)


def pooled_sender(url: str, project_id: str, service_account: dict) -> FcmSender:
    """Built inside each worker process: an SDK app of its own, aimed at the test's fake."""
    app = firebase_admin.initialize_app(credentials.Certificate(service_account), {"projectId": project_id},
                                        name="pool-worker")
    sender = FcmSender(app)
    aim_at_fake(app, SimpleNamespace(url=url))
    return sender


def test_fcm_results_in_order_with_the_outcome_the_notifier_acts_on(fcm_sender, fake_fcm):
    fake_fcm.unregister("dead")
    results = fcm_sender.send([message("alive"), message("dead"), message("bad token"), message("big", "x" * 5000)])
    assert [result.outcome for result in results] == ["sent", "drop_token", "drop_token", "invalid"]
    assert [delivery.token for delivery in fake_fcm.delivered] == ["alive"]


def test_fcm_batches_of_more_than_500_are_split(fcm_sender, fake_fcm):
    results = fcm_sender.send([message(f"phone-{n}") for n in range(501)])
    assert len(results) == 501 and all(result.outcome == "sent" for result in results)
    assert len(fake_fcm.delivered) == 501


def test_fcm_hands_a_retry_after_back_instead_of_sleeping_on_it(fcm_sender, fake_fcm):
    fake_fcm.fail_next(1, status=503, retry_after=120)
    [result] = fcm_sender.send([message("phone")])
    assert result.outcome == "retry" and result.retry_after_s == 120
    assert len(fake_fcm.attempts) == 1  # the SDK's own status retries are off


def test_a_pool_of_processes_sends_as_one_sender(fake_fcm):
    fake_fcm.unregister("dead")
    pool = ProcessPoolSender(partial(pooled_sender, fake_fcm.url, fake_fcm.project_id,
                                     fake_fcm.service_account_info()), processes=2)
    try:
        results = pool.send([message(f"phone-{n}") for n in range(7)] + [message("dead")])
    finally:
        pool.close()
        fake_fcm.reset()
    assert [result.outcome for result in results] == ["sent"] * 7 + ["drop_token"]


def test_the_console_records_what_would_have_gone():
    console = ConsoleSender(keep=2)
    assert [r.outcome for r in console.send([message("a"), message("b"), message("c")])] == ["sent"] * 3
    assert [recorded.message.token for recorded in console.recorded()] == ["b", "c"]


def test_push_configuration_that_cannot_work_stops_start_up(storage):
    with pytest.raises(ConfigurationError, match="PUSH_BACKEND"):
        create_backends(make_config(PUSH_BACKEND="pigeon"))
    with pytest.raises(ConfigurationError, match="credentials"):
        create_backends(make_config(PUSH_BACKEND="fcm", FIREBASE_CREDENTIALS="/nonexistent/key.json"))


def test_the_sender_fails_loudly_if_the_sdk_internals_it_tunes_move(fake_fcm, monkeypatch):
    from firebase_admin import messaging
    app = firebase_admin.initialize_app(fake_fcm.credential(), {"projectId": fake_fcm.project_id}, name="moved")
    monkeypatch.setattr(messaging, "_get_messaging_service", lambda app: SimpleNamespace())
    try:
        with pytest.raises(RuntimeError, match=r"firebase-admin \S+ has no _MessagingService._client.session"):
            FcmSender(app)
    finally:
        firebase_admin.delete_app(app)
