"""The background runners (feeds, referral sweep) keep going after a failed pass and stop when asked."""

import threading

from indexer.periodic import Periodic


class Flaky(Periodic):
    every_s = 0.01
    failure = "flaky pass failed"

    def __init__(self, stop: threading.Event):
        self.passes, self.stop = 0, stop

    def run_once(self):
        self.passes += 1
        if self.passes == 1:
            raise RuntimeError("database hiccup")
        if self.passes == 3:
            self.stop.set()


def test_a_failed_pass_is_logged_and_the_next_one_runs(caplog):
    stop = threading.Event()
    runner = Flaky(stop)

    runner.run(stop)

    assert runner.passes == 3
    assert [record.message for record in caplog.records if record.levelname == "ERROR"] == ["flaky pass failed"]
