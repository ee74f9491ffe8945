"""Point a firebase_admin app's messaging service at the fake, through private SDK attributes checked loudly."""

from urllib.parse import urlsplit

import firebase_admin
from firebase_admin import messaging

FCM_ORIGIN = "https://fcm.googleapis.com"


def _sdk_changed(what: str) -> AssertionError:
    return AssertionError(
        f"firebase-admin {firebase_admin.__version__} no longer has {what}. aim_at_fake (tests/doubles/fcm/aiming.py) "
        "points the real SDK at the fake FCM through this private API, read from firebase-admin 7.7.0's "
        "messaging.py (_MessagingService). Re-read the installed SDK's messaging.py and update aim_at_fake, or pin "
        "firebase-admin back to the version it was written for."
    )


def aim_at_fake(app: firebase_admin.App, fake) -> None:
    """Send the app's FCM traffic (messages:send and topic subscriptions) to the fake instead of Google.

    There is no emulator host setting for messaging, so this rewrites the service's private `_fcm_url` and
    `_fcm_topic_url`. It also mounts, for the fake's URL, the very HTTP adapter the SDK mounted for
    fcm.googleapis.com (a pool of 100 keep-alive connections, the SDK's retry policy), so tests exercise the pool
    and retries production uses; changing that adapter's `max_retries` changes both.
    """
    service_getter = getattr(messaging, "_get_messaging_service", None)
    if service_getter is None:
        raise _sdk_changed("firebase_admin.messaging._get_messaging_service")
    service = service_getter(app)
    names = ["_fcm_url", "_fcm_topic_url"] if hasattr(service, "_fcm_topic_url") else ["_fcm_url"]
    for name in [*names, "_client"]:
        if not hasattr(service, name):
            raise _sdk_changed(f"_MessagingService.{name}")
    paths = {}
    for name in names:
        url = getattr(service, name)
        paths[name] = urlsplit(url).path if isinstance(url, str) else ""
        if not paths[name].startswith("/v1/projects/"):
            raise _sdk_changed(f"a _MessagingService.{name} URL under /v1/projects/ (it is {url!r})")
    session = getattr(service._client, "session", None)
    if session is None or not hasattr(session, "mount"):
        raise _sdk_changed("a requests session at _MessagingService._client.session")
    # Only the origin changes: the project id and path stay the SDK's own, so a wrong project still shows.
    for name in names:
        setattr(service, name, fake.url + paths[name])
    session.mount(f"{fake.url}/", session.get_adapter(f"{FCM_ORIGIN}/"))  # the slash: :4000 must not catch :40001
