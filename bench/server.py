"""Start `lantern run` (gunicorn) as a subprocess with seeded listings, wait until healthy, always stop it."""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
# `python -c` puts the working directory (ROOT) on sys.path, so this works without the package installed.
LANTERN = [sys.executable, "-c", "from api.cli import main; main()"]
# Listings in the seed metro (SEED_ON_START=1, seeds/metro.py); the generator tops them up to the size asked for.
METRO_LISTINGS = 310


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_environment(listings: int) -> dict[str, str]:
    """The environment for `lantern run` to serve the metro plus generated listings (a real database is seeded here)."""
    env = dict(os.environ, SEED_ON_START="1", SEED_GENERATED_LISTINGS=str(max(listings - METRO_LISTINGS, 0)),
               EPHEMERAL="0")
    if env.get("MONGODB_URI"):
        # A real database is served by several workers, and each would seed it at start: seed it once here.
        generate = ["--generate", env["SEED_GENERATED_LISTINGS"]] if env["SEED_GENERATED_LISTINGS"] != "0" else []
        if subprocess.run([*LANTERN, "seed", *generate], cwd=ROOT, env=env, stdout=sys.stderr).returncode:
            raise RuntimeError("`lantern seed` failed; its output is above")
        env.update(SEED_ON_START="0", SEED_GENERATED_LISTINGS="0")
    return env


@contextmanager
def running_server(listings: int, port: int, timeout_s: float = 600.0, settings: dict[str, str] | None = None):
    """Yield the base URL of a healthy server holding `listings` listings (with extra `settings` in its
    environment); stop it however the block ends. The embedded default keeps its data as `make run` does (a writer
    and its replicas, api/cli/serving.py), in a fresh DATA_DIR each time unless `settings` name one."""
    with tempfile.TemporaryDirectory(prefix="lantern-bench-") as data_dir:
        env = server_environment(listings) | {"DATA_DIR": data_dir} | (settings or {})
        with server_process(port, env, timeout_s) as (base_url, _):
            yield base_url


@contextmanager
def server_process(port: int, env: dict[str, str], timeout_s: float = 600.0):
    """Yield (base URL, process) of a healthy `lantern run` with this environment, in a process group of its own
    (so `kill` ends gunicorn and its worker at once); stop it however the block ends."""
    base_url = f"http://127.0.0.1:{port}"
    # stderr goes to a file, not a pipe: nobody reads it while the server runs, and a full pipe would block it.
    with tempfile.TemporaryFile(mode="w+") as log:
        process = subprocess.Popen([*LANTERN, "run", "--host", "127.0.0.1", "--port", str(port)], cwd=ROOT,
                                   env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            _wait_healthy(base_url, process, log, timeout_s)
            yield base_url, process
        finally:
            _stop(process)


def kill(process: subprocess.Popen) -> None:
    """SIGKILL to the server's whole process group: gunicorn and its worker die at once, as in a crash."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass  # already gone
    process.wait()


def _wait_healthy(base_url: str, process: subprocess.Popen, log, timeout_s: float) -> None:
    """Poll /v1/health until it answers 200; raise with the server's output if it dies or never does."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with status {process.returncode}:\n{_tail(log)}")
        try:
            if requests.get(f"{base_url}/v1/health", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass  # not answering yet: the worker seeds the embedded database before it serves
        time.sleep(0.25)
    raise RuntimeError(f"the server did not answer /v1/health with 200 within {timeout_s:.0f}s:\n{_tail(log)}")


def _tail(log, chars: int = 4000) -> str:
    log.flush()
    log.seek(0)
    return log.read()[-chars:]


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM (gunicorn's graceful stop), then SIGKILL if it is still there after a few seconds."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        kill(process)
