"""This process's resident memory: now, and the peak over a stretch of code (not over the whole process's life)."""

import threading
from contextlib import contextmanager

SAMPLE_S = 0.01


def rss_mb(field: str = "VmRSS", pid: int | str = "self") -> float:
    """A memory line of /proc/<pid>/status (VmRSS now, VmHWM the peak since start or the last reset), in MB."""
    with open(f"/proc/{pid}/status") as lines:
        for line in lines:
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"/proc/{pid}/status has no {field} line")


@contextmanager
def peak_rss():
    """Yield a dict that holds `peak_mb` and `method` once the block ends: the most RSS reached inside the block.

    The kernel's high-water mark (VmHWM) is exact, and writing 5 to clear_refs restarts it here; where that is not
    allowed, VmRSS sampled every 10 ms stands in (it can miss a spike shorter than that).
    """
    result = {}
    if _reset_high_water_mark():
        yield result
        result.update(peak_mb=rss_mb("VmHWM"), method="VmHWM, reset just before")
        return
    samples, stop = [rss_mb()], threading.Event()
    sampler = threading.Thread(target=_sample, args=(samples, stop), daemon=True)
    sampler.start()
    try:
        yield result
    finally:
        stop.set()
        sampler.join()
    result.update(peak_mb=max(samples + [rss_mb()]), method=f"VmRSS sampled every {SAMPLE_S * 1000:.0f} ms")


def _reset_high_water_mark() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as clear_refs:
            clear_refs.write("5")
        return True
    except OSError:  # not Linux, or not allowed in this container
        return False


def _sample(samples: list[float], stop: threading.Event) -> None:
    while not stop.wait(SAMPLE_S):
        samples.append(rss_mb())
