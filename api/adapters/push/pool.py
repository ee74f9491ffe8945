"""Sending spread over processes: firebase-admin spends about 1 ms of CPU on each message (requests, google-auth,
http.client, a thread per message), so one Python process hands FCM about 1,000 messages a second at most.

Each worker process builds its own sender once (a firebase-admin app cannot cross processes) from a picklable
factory; messages go to the workers in batches (every worker busy until the last) and the results come back in the
order of the messages.
"""

import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

from api.services.push import MAX_BATCH, PushMessage, PushSender, SendResult

_worker_sender: PushSender | None = None


def _start_worker(factory: Callable[[], PushSender]) -> None:
    global _worker_sender
    _worker_sender = factory()


def _send_in_worker(messages: list[PushMessage]) -> list[SendResult]:
    return _worker_sender.send(messages)


class ProcessPoolSender:
    def __init__(self, factory: Callable[[], PushSender], processes: int, name: str = "fcm"):
        self.factory, self.processes, self.name = factory, processes, name
        self._pool: ProcessPoolExecutor | None = None

    def send(self, messages: list[PushMessage]) -> list[SendResult]:
        if not messages:
            return []
        if self._pool is None:  # started on first use: processes that never send (the API's) never fork
            # spawn, not fork: the notifier shares its process with threads, which fork would copy mid-step.
            self._pool = ProcessPoolExecutor(self.processes, multiprocessing.get_context("spawn"),
                                             initializer=_start_worker, initargs=(self.factory,))
        size = min(MAX_BATCH, -(-len(messages) // self.processes))
        parts = [messages[start:start + size] for start in range(0, len(messages), size)]
        return [result for part in self._pool.map(_send_in_worker, parts) for result in part]

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
