"""What every request meets first: the trusted proxy, body limits paid before any byte is read, and HSTS."""

from http import HTTPStatus

from flask import Flask, current_app, jsonify, request
from werkzeug.exceptions import RequestEntityTooLarge

from api.i18n.text import gettext as _
from api.proxies import trust_proxies


def init_app(app: Flask, public_blueprints: set[str]) -> None:
    """Trust the configured proxy, hold the public API's bodies to API_MAX_CONTENT_LENGTH, send HSTS over HTTPS."""
    app.wsgi_app = trust_proxies(app.wsgi_app, app.config["TRUSTED_PROXIES"])

    @app.before_request
    def limit_body():
        # Before the body is touched: Werkzeug refuses a larger Content-Length unread. A chunked body has no
        # length to refuse, and Werkzeug silently stops reading it at the limit: a form cut there still parses, so
        # the public routes (whose bodies are small and always sent with a length) refuse chunked ones outright.
        # Flask's MAX_CONTENT_LENGTH bounds every other route.
        if request.blueprint in public_blueprints:
            if "Transfer-Encoding" in request.headers:
                return _refusal(HTTPStatus.LENGTH_REQUIRED,
                                _("Send the request body with a Content-Length, not in chunks."))
            request.max_content_length = current_app.config["API_MAX_CONTENT_LENGTH"]
        return None

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(error):
        # The admin area's blueprint answers its own 413s with a page; everything else is the API's JSON.
        return _refusal(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                        _("The request body is larger than the {limit} bytes this route takes.",
                          limit=request.max_content_length))

    app.after_request(_strict_transport_security)


def _refusal(status: HTTPStatus, message: str):
    """An answer in the API's error shape."""
    return jsonify(code=status.value, status=status.phrase, message=message), status.value


def _strict_transport_security(response):
    """HSTS on answers that went out over HTTPS (as the trusted proxy says): browsers ignore it over http."""
    max_age = current_app.config["HSTS_MAX_AGE_S"]
    if max_age and request.is_secure:
        # No includeSubDomains: the operator's other hosts are not ours to pin to HTTPS.
        response.headers["Strict-Transport-Security"] = f"max-age={max_age}"
    return response
