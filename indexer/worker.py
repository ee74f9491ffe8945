"""The indexer loop: changes since the checkpoint -> rebuilt documents -> Meilisearch -> checkpoint, never lossy.

Each pass rebuilds the touched services' documents whole from the database, so replays are harmless and an
older state can never overwrite a newer one. The checkpoint moves only after every task of the pass succeeded:
a crash or an outage mid-pass means the next pass does the same work again.
"""

import logging
import threading
from datetime import UTC, datetime

from meilisearch.errors import MeilisearchError
from requests.exceptions import RequestException
from tenacity import Retrying, retry_if_exception_type, wait_exponential

from api.adapters.meili.source import documents_for
from api.adapters.meili.writer import IndexingFailed, ensure_index, replace_services
from indexer import checkpoint
from indexer.source import pending_since

log = logging.getLogger(__name__)
BATCH = 200
# What a pass waits out and retries: the server unreachable, failing or refusing a task.
RETRYABLE = (MeilisearchError, RequestException, IndexingFailed)


class Indexer:
    """Keeps one index in step with the database."""

    def __init__(self, client, index_uid: str, ttl_hours: dict, clock=lambda: datetime.now(UTC)):
        self.client, self.index_uid, self.ttl_hours, self.clock = client, index_uid, ttl_hours, clock
        self._ready = False

    def run_once(self) -> int:
        """Index everything changed since the checkpoint; returns how many services were rebuilt."""
        if not self._ready:
            ensure_index(self.client, self.index_uid)
            self._ready = True
        after = checkpoint.load(self.index_uid)
        pending = pending_since(after)
        if pending.high <= after:
            return 0
        ids, now = sorted(pending.service_ids), self.clock()
        for start in range(0, len(ids), BATCH):
            chunk = ids[start:start + BATCH]
            replace_services(self.client, self.index_uid, chunk, documents_for(chunk, now, self.ttl_hours))
        checkpoint.save(self.index_uid, pending.high)
        return len(ids)

    def run(self, stop: threading.Event, idle_s: float = 0.2) -> None:
        """Pass after pass until stop is set: idle waits between passes, backing off while Meilisearch is out."""
        retrying = Retrying(retry=retry_if_exception_type(RETRYABLE), sleep=stop.wait, reraise=True,
                            stop=lambda state: stop.is_set(), wait=wait_exponential(multiplier=idle_s, max=30),
                            before_sleep=lambda state: log.warning("indexing failed (%s); retrying",
                                                                   state.outcome.exception()))
        while not stop.is_set():
            try:
                retrying(self.run_once)
            except RETRYABLE:
                return  # stopped during an outage: the checkpoint still marks what is left to do
            stop.wait(idle_s)
