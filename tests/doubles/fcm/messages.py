"""`POST /v1/projects/{project}/messages:send`: FCM's checks in the order it makes them, and what gets recorded."""

import json
import time

from .errors import FcmError, invalid_argument, project_denied, unauthenticated
from .validation import validate

Reply = tuple[int, dict, dict]  # status, JSON body, extra headers


def _address(request) -> str | None:
    """The token or fid a request names, for the records (None for topics, conditions and garbage)."""
    message = request.get("message") if isinstance(request, dict) else None
    if not isinstance(message, dict):
        return None
    address = message.get("token", message.get("fid"))
    return address if isinstance(address, str) else None


def check_caller(fake, project: str, authorization: str | None) -> None:
    """Google's front end first: a bearer token the fake granted (and not rejected), then IAM on the project."""
    fake.oauth.check(authorization)
    if fake.faults.auth_rejected:
        raise unauthenticated(missing=False)
    if project != fake.project_id:
        raise project_denied(project)


def send(fake, project: str, authorization: str | None, body: bytes) -> Reply:
    """Answer one send as FCM would: auth, project, capacity, the message itself, then the token's state."""
    if fake.faults.latency:
        time.sleep(fake.faults.latency)
    try:
        request = json.loads(body or b"null")
    except ValueError:
        request = None
    address = _address(request)
    validate_only = isinstance(request, dict) and request.get("validate_only", request.get("validateOnly")) is True
    try:
        check_caller(fake, project, authorization)
        if request is None:
            raise invalid_argument("Invalid JSON payload received. Unexpected token.")
        failure = fake.faults.take_failure()  # a busy or failing front end answers before reading the message
        if failure:
            raise failure
        message = validate(request)
        fake.faults.check_token(address)
    except FcmError as error:
        fake.records.attempt(address, error.code, error.fcm_code or error.status, validate_only)
        return error.code, error.body(), error.headers
    if validate_only:
        fake.records.attempt(address, 200, None, True)
        return 200, {"name": f"projects/{project}/messages/fake_message_id"}, {}
    return 200, {"name": fake.records.deliver(project, address, message)}, {}
