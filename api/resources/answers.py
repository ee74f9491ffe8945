"""Answers of the hot paths (search, a listing), serialised with orjson instead of their marshmallow schema.

marshmallow still reads and validates the arguments, and the response schemas still document these answers in the
OpenAPI: the views build exactly what those schemas would dump (tests/api/test_answers.py holds them to it), so
dumping them again would only cost the time (half of a listing's page). The ETag and If-None-Match work as
flask-smorest's do, from a digest of the body.
"""

import hashlib
import threading

import orjson
from cachetools import LRUCache
from flask import Response, g

from api.services.prepared_views import Prepared

COMPRESSED_ANSWERS = 2000  # a listing's page gzipped is ~1 KB


def json_answer(blueprint, body: dict | Prepared, headers: dict | None = None) -> Response:
    """The body as a JSON response with its ETag (a 304 when the client has it already)."""
    prepared = body if isinstance(body, Prepared) else None
    data = prepared.body if prepared else orjson.dumps(body)
    blueprint.set_etag(prepared.digest if prepared else hashlib.sha1(data).hexdigest())
    if prepared:
        g.prepared_digest = prepared.digest  # its compressed body is kept too (compress_settings)
    return Response(data, mimetype="application/json", headers=headers)


class _CompressedAnswers:
    """Flask-Compress's cache, holding the compressed bodies of prepared answers by digest: a listing's page is
    compressed once, not for every reader; any other response is compressed afresh and not kept."""

    def __init__(self):
        self._kept = LRUCache(COMPRESSED_ANSWERS)
        self._lock = threading.Lock()

    def get(self, key: str):
        with self._lock:
            return self._kept.get(key)

    def set(self, key: str, value: bytes) -> None:
        if not key.endswith(";"):  # "<algorithm>;" alone: not a prepared answer
            with self._lock:
                self._kept[key] = value


def compress_settings() -> dict:
    """Flask-Compress's cache settings for the app (its key: the prepared answer's digest, if any)."""
    return {"COMPRESS_CACHE_BACKEND": _CompressedAnswers, "COMPRESS_CACHE_KEY": lambda _: g.get("prepared_digest", "")}
