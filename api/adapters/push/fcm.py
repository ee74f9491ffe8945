"""FCM HTTP v1 through firebase-admin: one message per device token, results read per message.

The SDK retries 500/503 inside urllib3 and sleeps out a Retry-After there, which would block the notifier for as
long as FCM asks. Its sessions are remounted without status retries, so every failure comes back at once and the
notifier's own queue schedules the retry. That reaches into `_client` and `_fcm_url` (private): the version is
pinned and a test fails loudly if they move.
"""

import logging
import os
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import firebase_admin
import requests
from firebase_admin import credentials, exceptions, messaging
from google.auth.exceptions import GoogleAuthError
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from api.errors import ConfigurationError
from api.services.push import MAX_BATCH, PushMessage, SendResult

log = logging.getLogger(__name__)
# A refused connection is retried once (nothing was sent); a read timeout or an HTTP status never is: the message
# may have gone out, and the notifier's queue schedules real retries.
TRANSPORT_RETRY = Retry(connect=1, read=0, status=0, other=0, raise_on_status=False, allowed_methods=None)
DEAD_TOKEN = (messaging.UnregisteredError, messaging.SenderIdMismatchError)
AUTH = (exceptions.UnauthenticatedError, exceptions.PermissionDeniedError, messaging.ThirdPartyAuthError)


class FcmSender:
    name = "fcm"

    def __init__(self, app: firebase_admin.App):
        self.app = app
        service = messaging._get_messaging_service(app)
        session = getattr(getattr(service, "_client", None), "session", None)
        if session is None or not hasattr(service, "_fcm_url"):
            raise RuntimeError(f"firebase-admin {firebase_admin.__version__} has no _MessagingService._client.session "
                               "or _fcm_url, which FcmSender tunes (api/adapters/push/fcm.py): re-read its "
                               "messaging.py, or pin the version this was written for (7.7).")
        for prefix in list(session.adapters):  # a connection for each of send_each's threads
            adapter = HTTPAdapter(pool_connections=100, pool_maxsize=MAX_BATCH, max_retries=TRANSPORT_RETRY)
            session.mount(prefix, adapter)
        # requests re-reads the proxy and CA settings from the environment on every request, a third of the CPU
        # a send costs: read them once here instead (every message goes to the same FCM host).
        session.proxies = requests.utils.get_environ_proxies(service._fcm_url)
        session.verify = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or True
        session.trust_env = False

    @classmethod
    def connect(cls, project_id: str | None, credentials_file: str | None, timeout_s: float) -> "FcmSender":
        """An SDK app of our own: a service-account file when given, else Google's application default."""
        options = {"httpTimeout": timeout_s} | ({"projectId": project_id} if project_id else {})
        try:
            credential = (credentials.Certificate(credentials_file) if credentials_file
                          else credentials.ApplicationDefault())
            return cls(firebase_admin.initialize_app(credential, options, name="lantern-push"))
        except (ValueError, OSError, GoogleAuthError) as error:
            raise ConfigurationError(f"PUSH_BACKEND=fcm cannot use these credentials: {error}") from None

    def send(self, messages: list[PushMessage]) -> list[SendResult]:
        results = []
        for start in range(0, len(messages), MAX_BATCH):
            batch = messaging.send_each([_fcm_message(m) for m in messages[start:start + MAX_BATCH]], app=self.app)
            results += [SendResult("sent") if reply.success else _failure(reply.exception) for reply in batch.responses]
        return results


def _fcm_message(message: PushMessage) -> messaging.Message:
    collapse = message.collapse_key
    return messaging.Message(
        token=message.token,
        data=message.data,
        notification=messaging.Notification(title=message.title, body=message.body),
        android=messaging.AndroidConfig(collapse_key=collapse, ttl=message.ttl_s,
                                        priority="high" if message.urgent else "normal"),
        apns=messaging.APNSConfig(headers={
            "apns-collapse-id": collapse,
            "apns-expiration": str(int(datetime.now(UTC).timestamp()) + message.ttl_s),
            "apns-priority": "10" if message.urgent else "5",
        }),
    )


def _failure(error: Exception) -> SendResult:
    detail = str(error)
    if isinstance(error, DEAD_TOKEN):
        return SendResult("drop_token", detail=detail)
    if isinstance(error, exceptions.InvalidArgumentError):
        # INVALID_ARGUMENT covers a bad token and a bad payload alike: only the former loses the token.
        return SendResult("drop_token" if "registration token" in detail.lower() else "invalid", detail=detail)
    if isinstance(error, AUTH):
        return SendResult("auth", detail=detail)
    # Quota, unavailable, internal, a timeout: all worth another try later.
    return SendResult("retry", retry_after_s=_retry_after(error), detail=detail)


def _retry_after(error: Exception) -> float | None:
    """Retry-After as seconds, from either of its forms (seconds or an HTTP date)."""
    response = getattr(error, "http_response", None)
    value = response.headers.get("Retry-After") if response is not None else None
    if not value:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        try:
            return max((parsedate_to_datetime(value) - datetime.now(UTC)).total_seconds(), 0.0)
        except (TypeError, ValueError):
            return None
