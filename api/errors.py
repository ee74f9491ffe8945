"""Domain errors, and the one place that turns them (and anything unexpected) into JSON HTTP answers."""

import logging
from http import HTTPStatus

import flask_smorest
from flask import jsonify
from werkzeug.exceptions import HTTPException

from api.i18n.text import gettext as _
from api.i18n.validation import translate, translate_errors

log = logging.getLogger(__name__)


class LanternError(Exception):
    """A domain error; http_status says how the API reports it, headers what else the answer carries."""

    http_status = HTTPStatus.BAD_REQUEST
    headers: dict[str, str] = {}
    errors: dict | None = None


class NotFound(LanternError):
    http_status = HTTPStatus.NOT_FOUND


class Unauthorized(LanternError):
    """No credential, or the wrong one (RFC 6750: say which, so a client knows whether to send one)."""

    http_status = HTTPStatus.UNAUTHORIZED

    def __init__(self, message: str, given: bool):
        super().__init__(message)
        self.headers = {"WWW-Authenticate": 'Bearer error="invalid_token"' if given else "Bearer"}


class Conflict(LanternError):
    http_status = HTTPStatus.CONFLICT


class InvalidField(LanternError):
    """A well-formed value the domain refuses (an unknown id): a 422 naming the field, as schema errors are."""

    http_status = HTTPStatus.UNPROCESSABLE_ENTITY

    def __init__(self, field: str, message: str, location: str = "json"):
        super().__init__(message)
        self.errors = {location: {field: [message]}}


class ConfigurationError(LanternError):
    """A setting that cannot work; raised at start-up, never per request."""


class Api(flask_smorest.Api):
    """flask-smorest's Api, whose JSON error answers keep the headers the error itself carries and speak the
    reader's language."""

    def handle_http_exception(self, error: HTTPException):
        """flask-smorest's body; Werkzeug's headers (Allow on every 405, RFC 9110 15.5.6) beside abort()'s own."""
        body, status, headers = super().handle_http_exception(error)
        if "message" in body:
            body["message"] = translate(body["message"])
        if "errors" in body:  # field names stay as they are; only the messages change language
            body["errors"] = translate_errors(body["errors"])
        # flask-smorest sends only the headers passed to abort(): the rest came with Werkzeug's HTML page.
        carried = {name: value for name, value in error.get_headers() if name.lower() != "content-type"}
        return body, status, carried | (headers or {})  # webargs's abort() gives headers=None


def _body(status: HTTPStatus, message: str):
    """The same shape flask-smorest uses for its own errors."""
    return jsonify(code=status.value, status=status.phrase, message=message), status.value


def register_error_handlers(app) -> None:
    """Domain errors keep their status; anything unexpected is a plain 500 that leaks nothing internal."""

    @app.errorhandler(LanternError)
    def domain_error(error: LanternError):
        if error.errors is not None:  # the shape flask-smorest gives a schema's 422, so clients parse one form
            status = error.http_status
            return jsonify(code=status.value, status=status.phrase, errors=error.errors), status.value, error.headers
        body, status = _body(error.http_status, str(error))
        return body, status, error.headers

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        if isinstance(error, HTTPException):
            return error
        log.exception("unhandled error")
        return _body(HTTPStatus.INTERNAL_SERVER_ERROR, _("Something went wrong on our side."))
