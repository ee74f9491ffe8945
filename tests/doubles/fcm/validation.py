"""The checks FCM v1 makes on a send request before it accepts a message, each failing as FCM's 400 does."""

import json
import re

from .errors import invalid_argument, invalid_token

TARGETS = ("token", "topic", "condition", "fid")
MESSAGE_FIELDS = {"name", "data", "notification", "android", "webpush", "apns", "fcm_options", *TARGETS}
REQUEST_FIELDS = {"message", "validate_only"}
MAX_PAYLOAD, MAX_BROADCAST_PAYLOAD = 4096, 2048  # bytes; the second for topic and condition messages
MAX_TTL_SECONDS = 28 * 24 * 3600  # 4 weeks, FCM's maximum and default
TOPIC = re.compile(r"[a-zA-Z0-9\-_.~%]{1,900}")
CONDITION_TOPIC = re.compile(r"'([^']*)'\s+in\s+topics")
TTL = re.compile(r"(\d+)(\.\d{1,9})?s")
RESERVED_DATA_KEYS = {"from", "notification", "message_type"}
APNS_PRIORITIES = {"1", "5", "10"}  # APNs defines 1 (since iOS 15) besides the usual 5 and 10


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _get(obj: dict, name: str):
    """A field by its proto name or its lowerCamel JSON name: FCM's parser accepts both."""
    return obj.get(name, obj.get(_camel(name)))


def _object(value, where: str) -> dict:
    """A message field that must be a JSON object (None when absent)."""
    if value is not None and not isinstance(value, dict):
        raise invalid_argument(f"Invalid value at '{where}', {json.dumps(value)}: expected an object.", where)
    return value


def _unknown(obj: dict, known: set[str], where: str) -> None:
    spellings = known | {_camel(name) for name in known}
    for name in obj:
        if name not in spellings:
            prefix = f"'{where}'" if where else "root"
            raise invalid_argument(f'Invalid JSON payload received. Unknown name "{name}" at {prefix}: '
                                   "Cannot find field.", where or None)


def _strings(value, where: str) -> None:
    """A map<string, string> field: FCM's parser rejects any value that is not a JSON string."""
    if value is None:
        return
    if not isinstance(value, dict):
        raise invalid_argument(f"Invalid value at '{where}' (type.googleapis.com/google.protobuf.Map), "
                               f"{json.dumps(value)}", where)
    for index, (key, item) in enumerate(value.items()):
        if not isinstance(item, str):
            field = f"{where}[{index}].value"
            raise invalid_argument(f"Invalid value at '{field}' (TYPE_STRING), {json.dumps(item)} (key {key!r})",
                                   field)


def check_token(value) -> None:
    """Raise FCM's invalid-token 400 for a token it could not have issued: empty, spaces, control or non-ASCII."""
    if not isinstance(value, str) or not value or not value.isascii() or not value.isprintable() or " " in value:
        raise invalid_token()


def check_topic(value, field: str) -> None:
    """Raise a 400 for a topic name outside [a-zA-Z0-9-_.~%]{1,900}."""
    if not isinstance(value, str) or not TOPIC.fullmatch(value):
        raise invalid_argument(f"Invalid topic name {value!r}: it must match [a-zA-Z0-9-_.~%]{{1,900}}.", field)


def _target(message: dict) -> str:
    present = [name for name in TARGETS if name in message]
    if not present:
        raise invalid_argument("Recipient of the message is not set.", "message")
    if len(present) > 1:
        raise invalid_argument(f"Invalid value at 'message' (oneof), oneof field 'target' is already set. "
                               f"Cannot set '{present[1]}'", "message")
    kind, value = present[0], message[present[0]]
    if kind in ("token", "fid"):
        check_token(value)
    elif kind == "topic":
        check_topic(value, "message.topic")
    else:
        topics = CONDITION_TOPIC.findall(value) if isinstance(value, str) else []
        if not topics or len(topics) > 5 or not all(TOPIC.fullmatch(topic) for topic in topics):
            raise invalid_argument(f"Invalid condition expression {value!r}: it needs one to five "
                                   "'<topic>' in topics terms.", "message.condition")
    return kind


def _data(message: dict) -> None:
    data = message.get("data")
    _strings(data, "message.data")
    for key in data or {}:
        if key in RESERVED_DATA_KEYS or key.startswith(("google.", "gcm.")):
            raise invalid_argument(f"Invalid data payload key {key!r}: it is reserved.", "message.data")


def _android(android) -> None:
    if android is None:
        return
    _strings(_get(android, "data"), "message.android.data")
    ttl = _get(android, "ttl")
    if ttl is not None:
        found = TTL.fullmatch(ttl) if isinstance(ttl, str) else None
        if found is None:
            raise invalid_argument(f"Invalid value at 'message.android.ttl' (type.googleapis.com/google.protobuf."
                                   f"Duration), {json.dumps(ttl)}", "message.android.ttl")
        seconds, nanos = int(found.group(1)), int((found.group(2) or ".0")[1:])
        if seconds > MAX_TTL_SECONDS or (seconds == MAX_TTL_SECONDS and nanos):
            raise invalid_argument(f"android.ttl {ttl} is longer than the maximum of {MAX_TTL_SECONDS}s (4 weeks).",
                                   "message.android.ttl")
    priority = _get(android, "priority")
    if priority is not None and (not isinstance(priority, str) or priority.lower() not in ("normal", "high")):
        raise invalid_argument(f"Invalid value at 'message.android.priority' (type.googleapis.com/google.firebase."
                               f"fcm.v1.AndroidMessagePriority), {json.dumps(priority)}", "message.android.priority")


def _apns(apns) -> None:
    if apns is None:
        return
    headers = _get(apns, "headers")
    _strings(headers, "message.apns.headers")
    headers = {key.lower(): value for key, value in (headers or {}).items()}
    if len(headers.get("apns-collapse-id", "").encode()) > 64:
        raise invalid_argument("apns-collapse-id must not be longer than 64 bytes.", "message.apns.headers")
    if "apns-priority" in headers and headers["apns-priority"] not in APNS_PRIORITIES:
        raise invalid_argument(f"Invalid apns-priority {headers['apns-priority']!r}: it must be 10, 5 or 1.",
                               "message.apns.headers")
    if "apns-expiration" in headers and not headers["apns-expiration"].isdigit():
        raise invalid_argument(f"Invalid apns-expiration {headers['apns-expiration']!r}: it must be a UNIX epoch "
                               "date in seconds.", "message.apns.headers")


def _size(message: dict, kind: str) -> None:
    # Approximation: the compact JSON of everything but the target; FCM counts only what it forwards to the device.
    payload = {name: value for name, value in message.items() if name not in TARGETS}
    size = len(json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode())
    limit = MAX_BROADCAST_PAYLOAD if kind in ("topic", "condition") else MAX_PAYLOAD
    if size > limit:
        raise invalid_argument(f"Message is too big: {size} bytes of payload, the limit is {limit} bytes.",
                               "message")


def validate(request) -> dict:
    """The message of a valid `messages:send` body; FcmError(400) for anything FCM would reject."""
    if not isinstance(request, dict):
        raise invalid_argument("Invalid JSON payload received. Expected an object.")
    _unknown(request, REQUEST_FIELDS, "")
    message = request.get("message")
    if not isinstance(message, dict):
        raise invalid_argument("Recipient of the message is not set.", "message")
    if not isinstance(_get(request, "validate_only") or False, bool):
        raise invalid_argument("Invalid value at 'validate_only' (TYPE_BOOL)", "validate_only")
    _unknown(message, MESSAGE_FIELDS, "message")
    kind = _target(message)
    _data(message)
    _android(_object(_get(message, "android"), "message.android"))
    _apns(_object(_get(message, "apns"), "message.apns"))
    webpush = _object(_get(message, "webpush"), "message.webpush") or {}
    _strings(_get(webpush, "headers"), "message.webpush.headers")
    _strings(_get(webpush, "data"), "message.webpush.data")
    _size(message, kind)
    return message
