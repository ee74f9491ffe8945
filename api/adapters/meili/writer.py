"""Writing the index: settings from code, and a full reindex with no gap (build beside the live index, then swap)."""

from collections import deque
from collections.abc import Iterable

import meilisearch
from meilisearch.models.task import Task

from api.adapters.meili.filters import quote
from api.adapters.meili.settings import index_settings

TASK_TIMEOUT_MS = 120_000
# Batches a rebuild keeps enqueued before waiting: the next one is built while the server indexes the last
# (Meilisearch also merges consecutive additions into one indexing run), and memory stays bounded.
IN_FLIGHT = 4


class IndexingFailed(RuntimeError):
    """A Meilisearch task finished as failed; its error is in the message."""


def admin_client(url: str, master_key: str | None) -> meilisearch.Client:
    """The client that may write: only the indexer side holds the master key."""
    return meilisearch.Client(url, master_key)


def full_reindex(client: meilisearch.Client, index_uid: str, batches: Iterable[list[dict]],
                 on_batch=lambda documents: None) -> int:
    """Rebuild index_uid from batches of documents; searches see the old index until the swap. Returns the count."""
    building = f"{index_uid}_rebuild"
    _delete_if_present(client, building)
    _succeeded(client, client.create_index(building, {"primaryKey": "id"}))
    _succeeded(client, client.index(building).update_settings(index_settings()))
    if not _exists(client, index_uid):  # swap needs both sides; the first build swaps with an empty index
        _succeeded(client, client.create_index(index_uid, {"primaryKey": "id"}))
    total, enqueued = 0, deque()
    for documents in batches:
        enqueued.append(client.index(building).add_documents(documents, primary_key="id"))
        total += len(documents)
        on_batch(documents)
        if len(enqueued) > IN_FLIGHT:
            _succeeded(client, enqueued.popleft())
    while enqueued:  # every batch must have succeeded before the swap: a failure leaves the live index alone
        _succeeded(client, enqueued.popleft())
    _succeeded(client, client.swap_indexes([{"indexes": [index_uid, building]}]))
    _succeeded(client, client.delete_index(building))
    return total


def ensure_index(client: meilisearch.Client, index_uid: str) -> None:
    """Create the index if missing and apply the settings in code (idempotent: the same settings change nothing)."""
    if not _exists(client, index_uid):
        _succeeded(client, client.create_index(index_uid, {"primaryKey": "id"}))
    _succeeded(client, client.index(index_uid).update_settings(index_settings()))


def replace_services(client: meilisearch.Client, index_uid: str, service_ids: list[str],
                     documents: list[dict]) -> None:
    """Make the index hold exactly `documents` for these services: upsert them, then drop any other of theirs.

    Tasks run in order, so a search never sees a service missing between the two steps.
    """
    index = client.index(index_uid)
    if documents:
        _succeeded(client, index.add_documents(documents, primary_key="id"))
    if service_ids:
        clause = f"service_id IN [{', '.join(quote(i) for i in service_ids)}]"
        if documents:
            clause += f" AND id NOT IN [{', '.join(quote(d['id']) for d in documents)}]"
        _succeeded(client, index.delete_documents(filter=clause))


def _succeeded(client: meilisearch.Client, summary) -> Task:
    """Wait for a task and insist it succeeded: the client returns failed tasks without raising."""
    task = client.wait_for_task(summary.task_uid, timeout_in_ms=TASK_TIMEOUT_MS)
    if task.status != "succeeded":
        raise IndexingFailed(f"Meilisearch task {task.uid} ({task.type}) {task.status}: {task.error}")
    return task


def _exists(client: meilisearch.Client, uid: str) -> bool:
    try:
        client.get_index(uid)
        return True
    except meilisearch.errors.MeilisearchApiError as error:
        if error.code == "index_not_found":
            return False
        raise


def _delete_if_present(client: meilisearch.Client, uid: str) -> None:
    if _exists(client, uid):
        _succeeded(client, client.delete_index(uid))
