"""Topic management through the v1 registrations API that firebase-admin 7.7 uses for subscribe/unsubscribe."""

from .errors import FcmError
from .messages import Reply, check_caller
from .validation import check_token, check_topic


def subscribe(fake, project: str, token: str, topic: str | None, authorization: str | None) -> Reply:
    """`POST .../registrations/{token}/topicSubscriptions?topic_name=T`: subscribing twice is not an error."""
    try:
        check_caller(fake, project, authorization)
        check_token(token)
        check_topic(topic, "topic_name")
        fake.faults.check_token(token)
    except FcmError as error:
        return error.code, error.body(), error.headers
    fake.records.subscribe(token, topic)
    return 200, {}, {}


def unsubscribe(fake, project: str, token: str, topic: str, allow_missing: bool, authorization: str | None) -> Reply:
    """`DELETE .../registrations/{token}/topicSubscriptions/{T}`; a missing subscription is 404 unless allowed."""
    try:
        check_caller(fake, project, authorization)
        check_token(token)
        check_topic(topic, "topic_name")
        fake.faults.check_token(token)
        if not fake.records.unsubscribe(token, topic) and not allow_missing:
            raise FcmError(404, "NOT_FOUND", "Requested entity was not found.")
    except FcmError as error:
        return error.code, error.body(), error.headers
    return 200, {}, {}
