"""Work done every so often in a thread until stopped (the feed runner, the referral sweep)."""

import logging
import threading
from abc import ABC, abstractmethod

log = logging.getLogger(__name__)


class Periodic(ABC):
    """A pass now, then one every `every_s` seconds until stopped; a failed pass is logged and the next one tries
    again, because a database hiccup must not end the loop."""

    every_s: float
    failure: str = "a periodic pass failed"  # what the log says when a pass raises

    @abstractmethod
    def run_once(self):
        """One pass now."""

    def run(self, stop: threading.Event) -> None:
        """Passes until stop is set."""
        while True:
            try:
                self.run_once()
            except Exception:
                log.exception(self.failure)
            if stop.wait(self.every_s):
                return
