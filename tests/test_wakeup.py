"""The real stack's wake-up: a change stream on the change counter wakes this process's workers; without change
streams the workers keep polling, and say so."""

import threading

from api.models import changes
from indexer import wakeup


class _Stream:
    """A change stream that has one event, then waits in vain until the test stops it."""

    def __init__(self, stop: threading.Event):
        self.events, self.stop = [{"operationType": "update"}], stop

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def try_next(self):
        if self.events:
            return self.events.pop()
        self.stop.set()
        return None


class _Counter:
    def __init__(self, stop):
        self.stop = stop

    def watch(self, **options):
        assert options["max_await_time_ms"] <= 1000  # a stop is noticed within a second
        return _Stream(self.stop)


def test_each_change_event_wakes_the_workers(monkeypatch):
    stop = threading.Event()
    monkeypatch.setattr(changes.Sequence, "_get_collection", classmethod(lambda cls: _Counter(stop)))
    mark = changes.SIGNAL.mark()
    wakeup.follow_changes(stop)
    assert changes.SIGNAL.wait(mark, 0)


def test_without_change_streams_it_leaves_the_workers_polling(storage, caplog):
    stop = threading.Event()
    follower = threading.Thread(target=wakeup.follow_changes, args=(stop,))
    follower.start()
    follower.join(timeout=5)
    stop.set()
    if follower.is_alive():  # a real replica set follows until stopped
        follower.join(timeout=5)
        assert not follower.is_alive()
    else:
        assert "the indexer and notifier poll instead" in caplog.text
