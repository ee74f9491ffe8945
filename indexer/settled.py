"""How far a checkpoint may move when several processes write: only to a counter value seen settle_s ago.

One writer may take change number 10 yet finish after another wrote 11; a checkpoint at 11 would skip 10 for good.
Writes finish within milliseconds, so a value seen a few seconds ago has every write below it done.
"""

import time
from collections import deque


class SettledMark:
    def __init__(self, settle_s: float):
        self.settle_s = settle_s
        self._seen: deque[tuple[float, int]] = deque()  # (monotonic time, counter) observations

    def observe(self, high: int) -> int:
        """Note the counter's value now; returns the highest value seen at least settle_s ago (0: none yet)."""
        now = time.monotonic()
        self._seen.append((now, high))
        settled = 0
        while self._seen and now - self._seen[0][0] >= self.settle_s:
            settled = self._seen.popleft()[1]
        return settled
