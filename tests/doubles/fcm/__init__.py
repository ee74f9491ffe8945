"""A fake FCM HTTP v1 server for tests, driven through the real firebase-admin SDK (written against 7.7.0).

Start it with `with FakeFCM(project_id="lantern-test") as fake:`, build an app on `fake.credential()` and call
`aim_at_fake(app, fake)` (aiming.py: messaging has no emulator host, so it rewrites the messaging service's private
`_fcm_url`/`_fcm_topic_url`, and fails loudly if the SDK no longer has them). `fake.delivered`, `fake.attempts`,
`fake.delivered_to(token)` and `fake.subscribers(topic)` say what happened; `unregister`, `mismatch_sender`,
`fail_next`, `reject_auth`, `set_latency` and `reset` are the fault controls (server.py).

The credential is a service-account key made locally (one RSA key per process) whose token_uri is the fake's own
`/token`, so the SDK runs its production path: `credentials.Certificate`, a signed JWT grant, Bearer tokens, a
refresh on 401. AnonymousCredentials would send no Authorization header at all, and a fixed-token credential cannot
refresh, so a 401 would end in google-auth's RefreshError instead of the SDK's UnauthenticatedError.

Reproduced (shared/notes/fcm.md, firebase-admin 7.7.0's source, recorded FCM answers):
- `POST /v1/projects/{id}/messages:send` answering `{"name": "projects/{id}/messages/..."}`; validate_only answers
  `.../messages/fake_message_id`, delivers nothing, but still reports a dead token.
- FCM's order of checks: bearer token (401 UNAUTHENTICATED), project (403 PERMISSION_DENIED from IAM, without an
  FcmError detail: the SDK raises PermissionDeniedError, not SenderIdMismatchError), fail_next's failures, the
  message (400 INVALID_ARGUMENT), the token's state (404 UNREGISTERED, 403 SENDER_ID_MISMATCH).
- Google's error shape `{"error": {code, message, status, details: [FcmError {errorCode}, BadRequest
  {fieldViolations}]}}`, so each answer becomes the SDK's class: UnregisteredError, SenderIdMismatchError,
  QuotaExceededError (429 RESOURCE_EXHAUSTED), UnavailableError (503), InternalError (500), InvalidArgumentError,
  UnauthenticatedError; with `Retry-After` when fail_next was given one.
- Message rules: exactly one of token/topic/condition/fid; string values in data, android.data and the apns/webpush
  headers and data; reserved data keys (from, notification, message_type, google.*, gcm.*); android.ttl as
  "<seconds>[.fraction]s" up to 2419200s (4 weeks); android.priority normal/high; apns-collapse-id <= 64 bytes;
  apns-priority 10, 5 or 1; apns-expiration digits; topic names [a-zA-Z0-9-_.~%]{1,900}; unknown fields in the
  request and the message; proto names and lowerCamel JSON names alike.
- A malformed token (empty, spaces, control or non-ASCII characters) answers "The registration token is not a valid
  FCM registration token" with no field: that text is the only thing naming the token, as at FCM.
- Topic subscriptions through the v1 registrations API 7.7 uses (POST subscribe, DELETE with allow_missing).
- Keep-alive HTTP/1.1 and a thread per connection: send_each's 500 concurrent requests are served together.

Approximated:
- Payload size: the compact UTF-8 JSON of the message without its target, against 4096 bytes (2048 for topic and
  condition messages). FCM counts only what it forwards, so the fake is a little stricter: what it accepts fits.
  It answers "Message is too big: ..." with the FcmError detail; recorded FCM answers say only "Request contains an
  invalid argument." without details (InvalidArgumentError either way).
- The wording of the other 400s is the fake's own where FCM's is unknown (ttl range, APNs headers, topics,
  conditions, reserved keys); parser errors follow Google's "Invalid value at '...'" form, though real FCM sometimes
  leaves the FcmError detail off those.
- Every printable-ASCII token without spaces is registered until unregister()/mismatch_sender(); FCM also rejects
  tokens it never issued. Conditions: only their one to five `'topic' in topics` terms are checked, not the grammar.
- Message names are "projects/{id}/messages/0:<counter>%<random>"; the 429 wording is a guess.

Left out: fan-out (topic and condition messages are recorded once with token None; delivered_to() sees only direct
sends), quotas and per-device rate limits (only fail_next produces a 429), collapsible-message throttling, APNs and
web push credentials (THIRD_PARTY_AUTH_ERROR), the legacy IID topic API (`*_topic_legacy` still go to Google), OAuth
scopes, HTTP/2 (the async client falls back to HTTP/1.1 on http://). fail_next() and latency affect sends only.

What firebase-admin 7.7.0 does against the fake with default settings (a test expecting an error may not see one):
- send/send_each use a requests adapter with urllib3 `Retry(connect=1, read=1, status=4, status_forcelist=[500,
  503], backoff_factor=0.5, raise_on_status=False)` for every method: a 500/503 is retried up to 4 more times after
  0, 1, 2, 4 s (or after its Retry-After); a 429 or 503 carrying Retry-After is retried after sleeping that long
  (urllib3 caps it at 6 hours); a 429 without one comes straight back. So `fail_next(1, 503)` is absorbed (attempts
  show 503 then 200); to see the error, turn the retries off (test_fake_fcm.without_sdk_retries) or fail 5 in a row
  and wait 7 s.
- A read timeout (app option httpTimeout, default 120 s, per connect and per read) is retried once: the POST goes
  out twice and may be delivered twice, and the caller gets UnavailableError, not DeadlineExceededError.
- A 401 makes google-auth refresh the token and resend, twice: three 401 attempts per UnauthenticatedError.
- send_each_async (httpx) retries 500/503 the same way, ignores Retry-After and never retries a 429.
"""

from .aiming import aim_at_fake
from .records import Attempt, Delivery
from .server import FakeFCM

__all__ = ["Attempt", "Delivery", "FakeFCM", "aim_at_fake"]
