"""The fake FCM through the real firebase-admin SDK: deliveries, validation, every fault and the exception it becomes.

Several tests pin what firebase-admin 7.7.0 itself does against FCM answers (its internal retries, its token refresh
on 401, its read retry after a timeout): the notifier is built on that behaviour, so a change must show here.
"""

import asyncio
import itertools
import time

import firebase_admin
import pytest
import requests
from firebase_admin import exceptions, messaging
from google.auth.transport.requests import Request as AuthRequest
from urllib3.util import Retry

from tests.doubles.fcm import FakeFCM, aim_at_fake

pytestmark = pytest.mark.filterwarnings("ignore:(Multicast)?Message.tokens? is deprecated:DeprecationWarning")

_names = itertools.count()


def make_app(fake: FakeFCM, **options) -> firebase_admin.App:
    """A firebase_admin app on the fake's throwaway credential, aimed at the fake."""
    app = firebase_admin.initialize_app(fake.credential(), {"projectId": fake.project_id, **options},
                                        name=f"fake-fcm-{next(_names)}")
    aim_at_fake(app, fake)
    return app


def without_sdk_retries(app: firebase_admin.App) -> firebase_admin.App:
    """Turn off the SDK's urllib3 retries (private adapter; aim_at_fake shares it), so every answer reaches us."""
    service = messaging._get_messaging_service(app)
    service._client.session.get_adapter(service._fcm_url).max_retries = Retry(0, read=False)
    return app


@pytest.fixture(scope="module")
def fake():
    with FakeFCM(project_id="lantern-test") as server:
        yield server


@pytest.fixture(scope="module")
def app(fake):
    """An app with the SDK's default HTTP settings (timeout 120 s, retries on 500/503 and Retry-After)."""
    application = make_app(fake)
    yield application
    firebase_admin.delete_app(application)


@pytest.fixture(scope="module")
def bare_app(fake):
    """An app whose SDK-internal retries are off, as the notifier runs it."""
    application = without_sdk_retries(make_app(fake, httpTimeout=5))
    yield application
    firebase_admin.delete_app(application)


@pytest.fixture(autouse=True)
def clean(fake):
    fake.reset()
    yield
    fake.reset()


def send_error(message: messaging.Message, app) -> exceptions.FirebaseError:
    with pytest.raises(exceptions.FirebaseError) as caught:
        messaging.send(message, app=app)
    return caught.value


def wait_for_deliveries(fake: FakeFCM, count: int) -> None:
    """Wait (up to 2 s) for answers the server is still delaying after the client gave up."""
    deadline = time.monotonic() + 2
    while len(fake.delivered) < count and time.monotonic() < deadline:
        time.sleep(0.02)


def raw_send(fake: FakeFCM, body, authorization: str | None = "granted") -> requests.Response:
    """POST a body the SDK would refuse to build, with a bearer token the fake granted."""
    headers = {}
    if authorization == "granted":
        credential = fake.credential().get_credential()
        credential.refresh(AuthRequest())
        authorization = f"Bearer {credential.token}"
    if authorization is not None:
        headers["Authorization"] = authorization
    return requests.post(fake.send_url, json=body, headers=headers, timeout=5)


# Deliveries


def test_an_accepted_send_is_delivered_as_received(fake, app):
    message = messaging.Message(
        token="device-a", data={"service_id": "s1", "kind": "bed_open"},
        notification=messaging.Notification(title="A bed opened", body="Harbor House"),
        android=messaging.AndroidConfig(collapse_key="s1", priority="high", ttl=60),
        apns=messaging.APNSConfig(headers={"apns-collapse-id": "s1", "apns-priority": "10",
                                           "apns-expiration": "1790000000"}),
    )
    started = time.monotonic()
    name = messaging.send(message, app=app)

    [delivery] = fake.delivered
    assert name == delivery.name and name.startswith("projects/lantern-test/messages/")
    assert delivery.token == "device-a" and started <= delivery.at <= time.monotonic()
    assert delivery.message == {
        "token": "device-a", "data": {"service_id": "s1", "kind": "bed_open"},
        "notification": {"title": "A bed opened", "body": "Harbor House"},
        "android": {"collapse_key": "s1", "priority": "high", "ttl": "60s"},
        "apns": {"headers": {"apns-collapse-id": "s1", "apns-priority": "10", "apns-expiration": "1790000000"}},
    }
    assert fake.delivered_to("device-a") == [delivery] and fake.delivered_to("device-b") == []
    assert [(a.token, a.status, a.error_code) for a in fake.attempts] == [("device-a", 200, None)]


def test_each_delivery_gets_its_own_name(fake, app):
    names = {messaging.send(messaging.Message(token="device-a"), app=app) for _ in range(3)}
    assert len(names) == 3 and [d.name for d in fake.delivered_to("device-a")] == sorted(names)


def test_fid_topic_and_condition_targets(fake, app):
    messaging.send(messaging.Message(fid="fid-1"), app=app)
    messaging.send(messaging.Message(topic="/topics/cat.housing"), app=app)
    messaging.send(messaging.Message(condition="'cat.housing' in topics && 'cell.9q8yy' in topics"), app=app)
    assert [d.token for d in fake.delivered] == ["fid-1", None, None]
    assert fake.delivered[1].message == {"topic": "cat.housing"}


def test_validate_only_checks_but_does_not_deliver(fake, app):
    name = messaging.send(messaging.Message(token="device-a"), dry_run=True, app=app)
    assert name == "projects/lantern-test/messages/fake_message_id"
    assert fake.delivered == []
    assert [(a.status, a.validate_only) for a in fake.attempts] == [(200, True)]
    fake.unregister("device-gone")  # a dry run still reports a dead token: the way to probe one
    assert isinstance(send_error(messaging.Message(token="device-gone"), app), messaging.UnregisteredError)


def test_send_each_of_500_messages_runs_concurrently(fake, app):
    batch = [messaging.Message(token=f"device-{i}", data={"i": str(i)}) for i in range(500)]
    started = time.monotonic()
    response = messaging.send_each(batch, app=app)
    assert response.success_count == 500 and time.monotonic() - started < 5
    assert sorted(d.token for d in fake.delivered) == sorted(f"device-{i}" for i in range(500))


def test_send_each_async_reaches_the_fake_too(fake):
    batch = [messaging.Message(token="device-a"), messaging.Message(token="device b")]
    async_app = make_app(fake)

    async def send_and_close():
        try:
            return await messaging.send_each_async(batch, app=async_app)
        finally:
            # The SDK's httpx client belongs to this loop; delete_app would close it from a new one and fail.
            await messaging._get_messaging_service(async_app)._async_client.aclose()

    try:
        response = asyncio.run(send_and_close())
    finally:
        firebase_admin.delete_app(async_app)
    assert [r.success for r in response.responses] == [True, False]
    assert isinstance(response.responses[1].exception, exceptions.InvalidArgumentError)
    assert [d.token for d in fake.delivered] == ["device-a"]


# Token state


def test_unregistered_token(fake, app):
    fake.unregister("device-gone")
    error = send_error(messaging.Message(token="device-gone"), app)
    assert isinstance(error, messaging.UnregisteredError) and error.http_response.status_code == 404
    assert error.http_response.json()["error"]["details"][0]["errorCode"] == "UNREGISTERED"
    messaging.send(messaging.Message(token="device-a"), app=app)
    assert [(a.token, a.status, a.error_code) for a in fake.attempts] == [
        ("device-gone", 404, "UNREGISTERED"), ("device-a", 200, None)]
    assert [d.token for d in fake.delivered] == ["device-a"]


def test_sender_id_mismatch(fake, app):
    fake.mismatch_sender("device-foreign")
    error = send_error(messaging.Message(token="device-foreign"), app)
    assert isinstance(error, messaging.SenderIdMismatchError) and error.http_response.status_code == 403
    assert error.http_response.json()["error"]["status"] == "PERMISSION_DENIED"


def test_a_wrong_project_is_denied_by_iam_not_fcm(fake):
    other = firebase_admin.initialize_app(fake.credential(), {"projectId": "someone-else"}, name="fake-fcm-other")
    try:
        aim_at_fake(other, fake)
        error = send_error(messaging.Message(token="device-a"), other)
    finally:
        firebase_admin.delete_app(other)
    assert type(error) is exceptions.PermissionDeniedError and "someone-else" in str(error)
    assert fake.delivered == []


# Injected failures and what the SDK makes of them


@pytest.mark.parametrize(("status", "error_type", "error_code"), [
    (429, messaging.QuotaExceededError, "QUOTA_EXCEEDED"),
    (503, exceptions.UnavailableError, "UNAVAILABLE"),
    (500, exceptions.InternalError, "INTERNAL"),
])
def test_failures_reach_the_caller_with_retry_after(fake, bare_app, status, error_type, error_code):
    fake.fail_next(1, status=status, retry_after=30)
    error = send_error(messaging.Message(token="device-a"), bare_app)
    assert type(error) is error_type and error.http_response.status_code == status
    assert error.http_response.headers["Retry-After"] == "30"
    assert error.http_response.json()["error"]["details"] == [
        {"@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", "errorCode": error_code}]
    assert [(a.status, a.error_code) for a in fake.attempts] == [(status, error_code)]
    messaging.send(messaging.Message(token="device-a"), app=bare_app)  # only the next send failed
    assert len(fake.delivered) == 1


def test_fail_next_counts_sends_and_queues(fake, bare_app):
    fake.fail_next(2, status=503)
    fake.fail_next(1, status=429)
    outcomes = []
    for _ in range(4):
        try:
            messaging.send(messaging.Message(token="device-a"), app=bare_app)
            outcomes.append(200)
        except exceptions.FirebaseError as error:
            outcomes.append(error.http_response.status_code)
    assert outcomes == [503, 503, 429, 200]
    with pytest.raises(ValueError, match="fail_next status"):
        fake.fail_next(1, status=502)


def test_sdk_defaults_retry_a_5xx_inside_the_call(fake, app):
    # firebase-admin's default urllib3 Retry: 500/503 up to 4 more times (backoff 0, 1, 2, 4 s); the first is free.
    fake.fail_next(1, status=503)
    messaging.send(messaging.Message(token="device-a"), app=app)
    assert [a.status for a in fake.attempts] == [503, 200] and len(fake.delivered) == 1


def test_sdk_defaults_pass_a_429_without_retry_after_straight_through(fake, app):
    # 429 is retried by the SDK only when it carries Retry-After (urllib3 sleeps that long, up to 6 hours).
    fake.fail_next(1, status=429)
    assert isinstance(send_error(messaging.Message(token="device-a"), app), messaging.QuotaExceededError)
    assert [a.status for a in fake.attempts] == [429]


# Authentication


def test_rejected_auth_is_unauthenticated_after_the_sdk_refreshes_twice(fake, app):
    granted = fake.oauth.granted
    fake.reject_auth(True)
    error = send_error(messaging.Message(token="device-a"), app)
    assert type(error) is exceptions.UnauthenticatedError and error.http_response.status_code == 401
    assert [a.error_code for a in fake.attempts] == ["UNAUTHENTICATED"] * 3  # google-auth: refresh, retry, twice
    assert fake.oauth.granted == granted + 2
    fake.reject_auth(False)
    messaging.send(messaging.Message(token="device-a"), app=app)
    assert len(fake.delivered) == 1


def test_requests_need_a_bearer_token_the_fake_granted(fake):
    body = {"message": {"token": "device-a"}}
    missing = raw_send(fake, body, authorization=None)
    assert missing.status_code == 401 and missing.json()["error"]["status"] == "UNAUTHENTICATED"
    assert raw_send(fake, body, authorization="Bearer made-up").status_code == 401
    assert raw_send(fake, body).status_code == 200
    assert [a.status for a in fake.attempts] == [401, 401, 200]


def test_credential_is_a_service_account_whose_token_uri_is_the_fake(fake):
    credential = fake.credential()
    assert isinstance(credential, firebase_admin.credentials.Base)
    assert credential.project_id == fake.project_id and fake.service_account_info()["token_uri"] == fake.token_uri
    assert credential.get_access_token().access_token.startswith("ya29.")


# Validation


def test_a_malformed_token_is_named_in_the_error(fake, app):
    error = send_error(messaging.Message(token="has a space"), app)
    assert type(error) is exceptions.InvalidArgumentError
    assert str(error) == "The registration token is not a valid FCM registration token"
    assert error.http_response.json() == {"error": {
        "code": 400, "message": "The registration token is not a valid FCM registration token",
        "status": "INVALID_ARGUMENT",
        "details": [{"@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", "errorCode": "INVALID_ARGUMENT"}],
    }}
    assert [(a.status, a.error_code) for a in fake.attempts] == [(400, "INVALID_ARGUMENT")]


@pytest.mark.parametrize(("android", "apns_headers", "complaint"), [
    (messaging.AndroidConfig(ttl=28 * 24 * 3600 + 1), None, "android.ttl"),
    (None, {"apns-collapse-id": "x" * 65}, "apns-collapse-id"),
    (None, {"apns-priority": "7"}, "apns-priority"),
    (None, {"apns-expiration": "tomorrow"}, "apns-expiration"),
])
def test_platform_options_fcm_rejects(fake, app, android, apns_headers, complaint):
    apns = messaging.APNSConfig(headers=apns_headers) if apns_headers else None
    error = send_error(messaging.Message(token="device-a", android=android, apns=apns), app)
    assert type(error) is exceptions.InvalidArgumentError and complaint in str(error)
    assert fake.delivered == []


def test_limits_themselves_are_accepted(fake, app):
    messaging.send(messaging.Message(token="device-a", android=messaging.AndroidConfig(ttl=28 * 24 * 3600),
                                     apns=messaging.APNSConfig(headers={"apns-collapse-id": "é" * 32,
                                                                        "apns-priority": "5"})), app=app)
    assert len(fake.delivered) == 1


@pytest.mark.parametrize(("body", "field"), [
    ({"message": {"token": "device-a", "data": {"count": 3}}}, "message.data[0].value"),
    ({"message": {"token": "device-a", "topic": "news"}}, "message"),
    ({"message": {"data": {"a": "b"}}}, "message"),
    ({"message": {"token": "device-a", "android": {"ttl": "60"}}}, "message.android.ttl"),
    ({"message": {"token": "device-a", "android": {"ttl": "-5s"}}}, "message.android.ttl"),
    ({"message": {"token": "device-a", "android": {"priority": "urgent"}}}, "message.android.priority"),
    ({"message": {"token": "device-a", "data": {"from": "me"}}}, "message.data"),
    ({"message": {"token": ""}}, None),
    ({"message": {"token": "device-a", "badge": 1}}, "message"),
])
def test_requests_the_sdk_would_not_build_are_rejected_as_fcm_does(fake, body, field):
    reply = raw_send(fake, body)
    error = reply.json()["error"]
    assert reply.status_code == 400 and error["status"] == "INVALID_ARGUMENT"
    assert {"@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", "errorCode": "INVALID_ARGUMENT"} \
        in error["details"]
    fields = [v["field"] for d in error["details"] for v in d.get("fieldViolations", [])]
    assert fields == ([field] if field else [])
    assert fake.delivered == []


def test_payload_limit_is_4096_bytes_and_2048_for_topics(fake, app):
    def data_of(size: int) -> dict:
        return {"blob": "x" * (size - len('{"data":{"blob":""}}'))}

    messaging.send(messaging.Message(token="device-a", data=data_of(4096)), app=app)
    error = send_error(messaging.Message(token="device-a", data=data_of(4097)), app)
    assert type(error) is exceptions.InvalidArgumentError and "Message is too big" in str(error)
    messaging.send(messaging.Message(topic="news", data=data_of(2048)), app=app)
    assert "Message is too big" in str(send_error(messaging.Message(topic="news", data=data_of(2049)), app))
    assert [d.token for d in fake.delivered] == ["device-a", None]


# Latency, timeouts, reset


def test_latency_delays_every_send(fake, app):
    fake.set_latency(0.2)
    started = time.monotonic()
    messaging.send(messaging.Message(token="device-a"), app=app)
    assert time.monotonic() - started >= 0.2


def test_a_timed_out_send_may_still_be_delivered_twice(fake):
    # httpTimeout bounds each read; the SDK's urllib3 Retry(read=1) then sends the same POST again, and a read
    # timeout surfaces as UnavailableError (MaxRetryError becomes a requests ConnectionError), not DeadlineExceeded.
    slow = make_app(fake, httpTimeout=0.1)
    try:
        messaging.send(messaging.Message(token="warm-up"), app=slow)
        fake.reset()
        fake.set_latency(0.3)
        assert type(send_error(messaging.Message(token="device-a"), slow)) is exceptions.UnavailableError
    finally:
        firebase_admin.delete_app(slow)
    wait_for_deliveries(fake, 2)
    assert [d.token for d in fake.delivered] == ["device-a", "device-a"]


def test_without_sdk_retries_a_timeout_is_deadline_exceeded_and_sent_once(fake):
    slow = without_sdk_retries(make_app(fake, httpTimeout=0.1))
    try:
        messaging.send(messaging.Message(token="warm-up"), app=slow)
        fake.reset()
        fake.set_latency(0.3)
        assert type(send_error(messaging.Message(token="device-a"), slow)) is exceptions.DeadlineExceededError
    finally:
        firebase_admin.delete_app(slow)
    wait_for_deliveries(fake, 1)
    assert [a.token for a in fake.attempts] == ["device-a"]  # the server finished it; nobody sent it again


def test_reset_clears_records_and_faults(fake, app):
    messaging.send(messaging.Message(token="device-a"), app=app)
    fake.unregister("device-a")
    fake.mismatch_sender("device-b")
    fake.fail_next(3, status=500)
    fake.reject_auth(True)
    fake.set_latency(5)
    fake.reset()
    assert fake.delivered == [] and fake.attempts == []
    started = time.monotonic()
    messaging.send_each([messaging.Message(token="device-a"), messaging.Message(token="device-b")], app=app)
    assert time.monotonic() - started < 1
    assert sorted(d.token for d in fake.delivered) == ["device-a", "device-b"]  # sent concurrently


# Topic subscriptions


def test_topic_subscriptions(fake, app):
    fake.unregister("device-gone")
    response = messaging.subscribe_to_topic(["device-a", "device-b", "device-gone", "bad token"], "news", app=app)
    assert response.success_count == 2
    assert [(e.index, e.reason) for e in response.errors] == [(2, "UNREGISTERED"), (3, "INVALID_ARGUMENT")]
    assert fake.subscribers("news") == {"device-a", "device-b"}
    assert messaging.unsubscribe_from_topic(["device-a", "device-c"], "/topics/news", app=app).success_count == 2
    assert fake.subscribers("news") == {"device-b"}


# The private SDK surface aim_at_fake relies on


def test_aim_at_fake_finds_the_private_attributes_it_needs(fake, app):
    service = messaging._get_messaging_service(app)
    assert service._fcm_url == f"{fake.url}/v1/projects/lantern-test/messages:send"
    assert service._fcm_topic_url == f"{fake.url}/v1/projects/lantern-test/registrations"
    session = service._client.session
    assert session.get_adapter(service._fcm_url) is session.get_adapter("https://fcm.googleapis.com/")


def test_aim_at_fake_fails_loudly_when_the_sdk_changes(fake):
    doomed = firebase_admin.initialize_app(fake.credential(), {"projectId": fake.project_id}, name="fake-fcm-doomed")
    try:
        del messaging._get_messaging_service(doomed)._fcm_url  # what an SDK upgrade that renames it looks like
        with pytest.raises(AssertionError, match=r"firebase-admin .* no longer has _MessagingService\._fcm_url"):
            aim_at_fake(doomed, fake)
    finally:
        firebase_admin.delete_app(doomed)


def test_unknown_routes_are_404(fake):
    assert requests.get(f"{fake.url}/v1/projects/lantern-test/messages", timeout=5).status_code == 404
