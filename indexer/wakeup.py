"""On the real stack the API writes from other processes: a MongoDB change stream on the change counter wakes the
indexer and notifier of this process at once (api/models/changes.py's SIGNAL); their poll stays as the safety net.

A change stream needs a replica set (docker-compose.yml runs a single-node one). Without one (a standalone
server, or mongomock-ng) this says so once and leaves the workers polling.
"""

import logging
import threading

from pymongo.errors import OperationFailure, PyMongoError

from api.models import changes

log = logging.getLogger(__name__)
RETRY_S = 5.0
AWAIT_MS = 1000  # how long one wait for the next event lasts, so a stop is noticed within a second


def follow_changes(stop: threading.Event) -> None:
    """Announce every change to the counter until stop is set; return at once where change streams cannot work."""
    collection = changes.Sequence._get_collection()
    if not callable(getattr(type(collection), "watch", None)):  # mongomock-ng has none
        log.warning("no change streams on %s: the indexer and notifier poll instead", type(collection).__module__)
        return
    while not stop.is_set():
        try:
            with collection.watch(max_await_time_ms=AWAIT_MS) as stream:
                while not stop.is_set():
                    if stream.try_next() is not None:
                        changes.SIGNAL.notify()
        except OperationFailure as error:
            log.warning("no change stream on this database (%s): the indexer and notifier poll instead", error)
            return
        except PyMongoError as error:  # the server away for a moment: the poll covers the gap
            log.warning("change stream interrupted (%s); following again in %.0f s", error, RETRY_S)
            stop.wait(RETRY_S)
