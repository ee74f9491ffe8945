"""The indexer loop: changes since the checkpoint -> rebuilt documents -> Meilisearch -> checkpoint, never lossy.

Each pass rebuilds the touched services' documents whole from the database, so replays are harmless and an
older state can never overwrite a newer one. The checkpoint moves only after every task of the pass succeeded:
a crash or an outage mid-pass means the next pass does the same work again.

On the real stack several processes write, so the checkpoint only moves to a counter value seen at least `settle_s`
ago (indexer/settled.py); until then the recent numbers are simply indexed again.
Sweeps rebuild every document now and then, since open hours and next meetings are indexed for a week ahead.
"""

import logging
import threading
from datetime import UTC, datetime, timedelta

from meilisearch.errors import MeilisearchError
from requests.exceptions import RequestException
from tenacity import Retrying, retry_if_exception_type, wait_exponential

from api.adapters.meili.source import all_service_ids, documents_for
from api.adapters.meili.writer import IndexingFailed, ensure_index, replace_services
from api.models import changes, checkpoint
from indexer import metrics
from indexer.settled import SettledMark
from indexer.source import pending_since

log = logging.getLogger(__name__)
BATCH = 200
# Documents hold a week of open hours and 40 days of meeting starts: rebuilding them daily keeps both current
# (and carries DST changes and newly dated exceptions into the index without anyone editing anything).
SWEEP_EVERY = timedelta(hours=6)
# What a pass waits out and retries: the server unreachable, failing or refusing a task.
RETRYABLE = (MeilisearchError, RequestException, IndexingFailed)


class Indexer:
    """Keeps one index in step with the database."""

    def __init__(self, client, index_uid: str, ttl_hours: dict, clock=lambda: datetime.now(UTC),
                 settle_s: float = 0.0):
        self.client, self.index_uid, self.ttl_hours, self.clock = client, index_uid, ttl_hours, clock
        self.settled = SettledMark(settle_s)
        self._ready = False
        self._last_sweep: datetime | None = None

    def run_once(self) -> int:
        """Index everything changed since the checkpoint; returns how many services were rebuilt."""
        if not self._ready:
            ensure_index(self.client, self.index_uid)
            self._ready = True
        after = checkpoint.load(self.index_uid)
        pending = pending_since(after)
        if pending.high <= after:
            return 0
        with metrics.PASS_SECONDS.time():
            self._index(sorted(pending.service_ids))
        if after == 0:  # a pass from the very start rebuilt every document: it was a sweep too
            self._last_sweep = self.clock()
        settled = self.settled.observe(pending.high)
        if settled > after:
            checkpoint.save(self.index_uid, settled)
        metrics.PASSES.inc()
        return len(pending.service_ids)

    def sweep(self) -> int:
        """Rebuild every service's documents (time-dependent fields age); returns how many services."""
        ids = sorted(all_service_ids())
        self._index(ids)
        self._last_sweep = self.clock()
        return len(ids)

    def _index(self, ids: list[str]) -> None:
        now = self.clock()
        for start in range(0, len(ids), BATCH):
            chunk = ids[start:start + BATCH]
            replace_services(self.client, self.index_uid, chunk, documents_for(chunk, now, self.ttl_hours))
            metrics.SERVICES_INDEXED.inc(len(chunk))

    def run(self, stop: threading.Event, idle_s: float = 0.2) -> None:
        """Pass after pass until stop is set, the next as soon as a change is written (polling every idle_s as the
        safety net), backing off while Meilisearch is out."""
        retrying = Retrying(retry=retry_if_exception_type(RETRYABLE), sleep=stop.wait, reraise=True,
                            stop=lambda state: stop.is_set(), wait=wait_exponential(multiplier=idle_s, max=30),
                            before_sleep=_count_failure)
        while not stop.is_set():
            mark = changes.SIGNAL.mark()  # before the pass: a change written during it starts the next one at once
            try:
                retrying(self.run_once)
                if self._last_sweep is None or self.clock() - self._last_sweep >= SWEEP_EVERY:
                    retrying(self.sweep)
            except RETRYABLE:
                return  # stopped during an outage: the checkpoint still marks what is left to do
            changes.SIGNAL.wait(mark, idle_s)


def _count_failure(state) -> None:
    metrics.FAILURES.inc()
    log.warning("indexing failed (%s); retrying", state.outcome.exception())
