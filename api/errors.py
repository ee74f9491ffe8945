"""Domain errors, and the one place that turns them (and anything unexpected) into JSON HTTP answers."""

import logging
from http import HTTPStatus

from flask import jsonify
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)


class LanternError(Exception):
    """A domain error; http_status says how the API reports it."""

    http_status = HTTPStatus.BAD_REQUEST


class NotFound(LanternError):
    http_status = HTTPStatus.NOT_FOUND


class ConfigurationError(LanternError):
    """A setting that cannot work; raised at start-up, never per request."""


def _body(status: HTTPStatus, message: str):
    """The same shape flask-smorest uses for its own errors."""
    return jsonify(code=status.value, status=status.phrase, message=message), status.value


def register_error_handlers(app) -> None:
    """Domain errors keep their status; anything unexpected is a plain 500 that leaks nothing internal."""

    @app.errorhandler(LanternError)
    def domain_error(error: LanternError):
        return _body(error.http_status, str(error))

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        if isinstance(error, HTTPException):
            return error
        log.exception("unhandled error")
        return _body(HTTPStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side.")
