"""FCM-shaped errors: one exception carrying the HTTP status and the Google API error body FCM v1 answers."""

FCM_ERROR_TYPE = "type.googleapis.com/google.firebase.fcm.v1.FcmError"
BAD_REQUEST_TYPE = "type.googleapis.com/google.rpc.BadRequest"
ERROR_INFO_TYPE = "type.googleapis.com/google.rpc.ErrorInfo"

# The fault statuses fail_next() can inject, with FCM's canonical status and FcmError code for each.
FAILURES = {
    429: ("RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED", "Quota exceeded for sending messages."),
    500: ("INTERNAL", "INTERNAL", "Internal error encountered."),
    503: ("UNAVAILABLE", "UNAVAILABLE", "The service is currently unavailable."),
}


class FcmError(Exception):
    """An error the fake answers as `{"error": {code, message, status, details}}`, plus any response headers."""

    def __init__(self, code: int, status: str, message: str, fcm_code: str | None = None, *,
                 details: list[dict] | None = None, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.code, self.status, self.message, self.fcm_code = code, status, message, fcm_code
        self.details = ([{"@type": FCM_ERROR_TYPE, "errorCode": fcm_code}] if fcm_code else []) + (details or [])
        self.headers = headers or {}

    def body(self) -> dict:
        """The JSON body FCM sends for this error."""
        error = {"code": self.code, "message": self.message, "status": self.status}
        if self.details:
            error["details"] = self.details
        return {"error": error}


def invalid_argument(message: str, field: str | None = None) -> FcmError:
    """A 400 for a bad message; with a field, the BadRequest detail FCM adds naming it."""
    violations = [{"@type": BAD_REQUEST_TYPE, "fieldViolations": [{"field": field, "description": message}]}]
    return FcmError(400, "INVALID_ARGUMENT", message, "INVALID_ARGUMENT", details=violations if field else None)


def invalid_token() -> FcmError:
    """The 400 for a registration token FCM cannot parse; its message is the only thing naming the token."""
    return FcmError(400, "INVALID_ARGUMENT", "The registration token is not a valid FCM registration token",
                    "INVALID_ARGUMENT")


def unregistered() -> FcmError:
    """The 404 for a token whose app instance is gone (uninstalled, expired, unsubscribed)."""
    return FcmError(404, "NOT_FOUND", "Requested entity was not found.", "UNREGISTERED")


def sender_id_mismatch() -> FcmError:
    """The 403 for a token that belongs to another Firebase project's sender."""
    return FcmError(403, "PERMISSION_DENIED", "SenderId mismatch", "SENDER_ID_MISMATCH")


def injected(status: int, retry_after: float | None) -> FcmError:
    """A 429/500/503 from fail_next(), with Retry-After when given."""
    grpc_status, fcm_code, message = FAILURES[status]
    headers = {"Retry-After": str(int(retry_after))} if retry_after is not None else None
    return FcmError(status, grpc_status, message, fcm_code, headers=headers)


def unauthenticated(missing: bool) -> FcmError:
    """The 401 Google's front end gives for a missing or unaccepted OAuth token (no FcmError detail)."""
    what = "is missing required" if missing else "had invalid"
    message = (f"Request {what} authentication credential{'' if missing else 's'}. Expected OAuth 2 access token, "
               "login cookie or other valid authentication credential. "
               "See https://developers.google.com/identity/sign-in/web/devconsole-project.")
    details = [{"@type": ERROR_INFO_TYPE, "reason": "CREDENTIALS_MISSING", "domain": "googleapis.com"}]
    return FcmError(401, "UNAUTHENTICATED", message, details=details if missing else None,
                    headers={"WWW-Authenticate": 'Bearer realm="https://accounts.google.com/"'})


def project_denied(project: str) -> FcmError:
    """The 403 for a project the credential may not send for (or that does not exist): IAM, not FCM, answers."""
    resource = f"//cloudresourcemanager.googleapis.com/projects/{project}"
    message = f"Permission 'cloudmessaging.messages.create' denied on resource '{resource}' (or it may not exist)."
    info = {"@type": ERROR_INFO_TYPE, "reason": "IAM_PERMISSION_DENIED",
            "domain": "cloudresourcemanager.googleapis.com",
            "metadata": {"permission": "cloudmessaging.messages.create", "resource": f"projects/{project}"}}
    return FcmError(403, "PERMISSION_DENIED", message, details=[info])


def not_found(method: str, path: str) -> FcmError:
    """A route the fake does not serve."""
    return FcmError(404, "NOT_FOUND", f"The fake FCM has no route {method} {path}.")
