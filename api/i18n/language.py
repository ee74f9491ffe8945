"""The language of the moment, and the one rule that picks it from what a client asked for.

A request (api/i18n/http.py) or a notification being written (api/domain/push_text.py) sets it; everything that
writes words for people (gettext, Babel's dates) reads it. Outside either, it is English.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

from babel.core import Locale, UnknownLocaleError

from api.i18n.catalogs import LANGUAGES, SOURCE_LANGUAGE

_current: ContextVar[str] = ContextVar("language", default=SOURCE_LANGUAGE)


def current() -> str:
    """The language words are written in now: one of LANGUAGES."""
    return _current.get()


@contextmanager
def speaking(language: str) -> Iterator[str]:
    """Write in this language (one of LANGUAGES) inside the block; the previous one comes back after it."""
    token = _current.set(language)
    try:
        yield language
    finally:
        _current.reset(token)


def begin(language: str):
    """Switch to a language until end(token): for request hooks, which cannot wrap a block."""
    return _current.set(language)


def end(token) -> None:
    """Return to the language before the matching begin()."""
    _current.reset(token)


@lru_cache(maxsize=256)
def supported(tag: str | None) -> str | None:
    """The catalog language of a BCP 47 tag ("es-MX" -> "es"), or None when Lantern has none for it."""
    if not tag:
        return None
    try:
        language = Locale.parse(tag.replace("-", "_")).language
    except (UnknownLocaleError, ValueError, TypeError):
        return None
    return language if language in LANGUAGES else None


def negotiate(asked: str | None, accepted: list[str]) -> str:
    """The language to answer in: the one named by lang= decides alone (English when Lantern has no catalog for
    it, so an answer never depends on a header the client overrode); without it, the first of the client's
    Accept-Language tags, best first, that has a catalog; else English."""
    if asked:
        return supported(asked) or SOURCE_LANGUAGE
    return next(filter(None, map(supported, accepted)), SOURCE_LANGUAGE)
