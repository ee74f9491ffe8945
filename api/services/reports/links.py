"""Where a listing's reports go, for the formats that carry a feedback link (Meeting Guide, HSDS)."""

from flask import has_request_context, request


def report_url(service_id: str) -> str:
    """POST /v1/services/{id}/reports as an absolute URL on the server being asked (the path alone outside a
    request, e.g. `lantern export`)."""
    path = f"/v1/services/{service_id}/reports"
    return request.host_url.rstrip("/") + path if has_request_context() else path
