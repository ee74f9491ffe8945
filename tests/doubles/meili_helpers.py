"""Helpers shared by the Meilisearch contract tests and their fixtures."""

import uuid


def wait(client, task):
    """The finished task (failed ones are returned, not raised, as the client does)."""
    return client.wait_for_task(task.task_uid, timeout_in_ms=5000, interval_in_ms=10)


def unique_uid() -> str:
    """An index name no other test, or earlier run against a real server, uses."""
    return f"lantern_test_{uuid.uuid4().hex[:12]}"
