"""The ONE place that maps configured names to implementations, and hands them to the views."""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Callable

from flask import current_app

from api.adapters.mongo_search import MongoSearchBackend
from api.adapters.storage import MongoStorage
from api.errors import ConfigurationError
from api.services.search import SearchBackend

SEARCH_BACKENDS = {"mongodb": MongoSearchBackend}


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Backends:
    """What the running app talks to; tests swap the clock to pin "now"."""

    config: object
    storage: MongoStorage
    search: SearchBackend
    clock: Callable[[], datetime] = field(default=utc_now)


def create_backends(config) -> Backends:
    """Build every adapter named by the configuration; an unknown name stops start-up with a clear message."""
    storage = MongoStorage(config.MONGODB_URI, config.MONGODB_DB)
    try:
        search_class = SEARCH_BACKENDS[config.SEARCH_BACKEND]
    except KeyError:
        raise ConfigurationError(f"SEARCH_BACKEND={config.SEARCH_BACKEND!r} is not one of: "
                                 f"{', '.join(SEARCH_BACKENDS)}") from None
    return Backends(config=config, storage=storage, search=search_class(storage))


def backends() -> Backends:
    """The running app's backends (inside a request or app context)."""
    return current_app.extensions["lantern"]
