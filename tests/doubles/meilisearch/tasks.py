"""The task queue: every write is enqueued and answered 202, then applied in order by one worker thread."""

import threading
import time
import traceback
from collections.abc import Callable

from .errors import MeiliError
from .store import Store, now

LIST_FILTERS = {"uids": "uid", "statuses": "status", "types": "type", "indexUids": "indexUid"}


class TaskQueue:
    """Tasks by uid, and the single worker that applies them; `pause()` holds every task at `enqueued`."""

    def __init__(self, store: Store):
        self.store = store
        self.tasks: list[dict] = []  # a task's uid is its position
        self.operations: dict[int, Callable[[], dict]] = {}
        self.condition = threading.Condition()
        self.paused = self.stopping = False
        self.worker = threading.Thread(target=self._run, name="fake-meilisearch-tasks", daemon=True)

    def start(self) -> None:
        """Start the worker."""
        self.worker.start()

    def stop(self) -> None:
        """Stop the worker after the task it is applying, if any."""
        with self.condition:
            self.stopping = True
            self.condition.notify_all()
        self.worker.join(timeout=5)

    def pause(self) -> None:
        """Hold every task not yet started at `enqueued`, like a server that is busy indexing."""
        with self.condition:
            self.paused = True

    def resume(self) -> None:
        """Let the worker go on with the queue."""
        with self.condition:
            self.paused = False
            self.condition.notify_all()

    def clear(self) -> None:
        """Forget every task (the caller also empties the store)."""
        with self.condition:
            self.tasks.clear()
            self.operations.clear()

    def enqueue(self, kind: str, index_uid: str | None, operation: Callable[[], dict], details: dict) -> dict:
        """Record a task and return the summary the 202 reply carries."""
        with self.condition:
            task = {
                "uid": len(self.tasks), "batchUid": None, "indexUid": index_uid, "status": "enqueued", "type": kind,
                "canceledBy": None, "details": details, "error": None, "duration": None, "enqueuedAt": now(),
                "startedAt": None, "finishedAt": None,
            }
            self.tasks.append(task)
            self.operations[task["uid"]] = operation
            self.condition.notify_all()
            return {"taskUid": task["uid"], "indexUid": index_uid, "status": "enqueued", "type": kind,
                    "enqueuedAt": task["enqueuedAt"]}

    def get(self, uid: str) -> dict:
        """One task, as `GET /tasks/{uid}` shows it."""
        with self.condition:
            if not uid.isdigit() or int(uid) >= len(self.tasks):
                raise MeiliError("task_not_found", f"Task `{uid}` not found.", 404)
            return dict(self.tasks[int(uid)])

    def list(self, query: dict[str, str]) -> dict:
        """`GET /tasks`: newest first, filtered by uids/statuses/types/indexUids, paged by limit and from."""
        try:
            limit = int(query.get("limit", 20))
            start = int(query["from"]) if "from" in query else None
        except ValueError as error:
            raise MeiliError("invalid_task_limit", f"Invalid value in parameter `limit` or `from`: {error}") from error
        with self.condition:
            selected = [dict(task) for task in reversed(self.tasks)]
        for param, key in LIST_FILTERS.items():
            if param in query and query[param] != "*":
                wanted = set(query[param].split(","))
                selected = [task for task in selected if str(task[key]) in wanted]
        total = len(selected)
        if start is not None:
            selected = [task for task in selected if task["uid"] <= start]
        page = selected[:limit]
        following = selected[limit]["uid"] if len(selected) > limit else None
        return {"results": page, "total": total, "limit": limit, "from": page[0]["uid"] if page else None,
                "next": following}

    def _next(self) -> tuple[dict, Callable[[], dict]] | None:
        with self.condition:
            while True:
                if self.stopping:
                    return None
                pending = next((task for task in self.tasks if task["status"] == "enqueued"), None)
                if pending and not self.paused:
                    pending.update(status="processing", batchUid=pending["uid"], startedAt=now())
                    return pending, self.operations.pop(pending["uid"])
                self.condition.wait()

    def _run(self) -> None:
        while (picked := self._next()) is not None:
            task, operation = picked
            started = time.monotonic()
            try:
                with self.store.lock:
                    result = {"status": "succeeded", "details": {**task["details"], **operation()}}
            except MeiliError as error:
                result = {"status": "failed", "error": error.body()}
            except Exception:  # a bug in the fake: report it on the task rather than kill the worker
                result = {"status": "failed",
                          "error": MeiliError("internal", traceback.format_exc(), 500, "internal").body()}
            with self.condition:
                task.update(result, duration=f"PT{time.monotonic() - started:.6f}S", finishedAt=now())
