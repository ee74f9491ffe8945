"""The embedded default's writer as `lantern run` keeps it: a child process started, awaited, restarted when it
dies, given up on when it cannot start, and stopped (api/cli/serving.py runs it and says why it exists)."""

import os
import signal
import subprocess
import sys
import threading
import time

import click

WRITER = "writer"
STOP_WAIT_S = 20.0
RESTART_AFTER_S = 2.0  # a writer gone this long without Lantern stopping has died
QUICK_EXIT_S = 60.0  # a writer that stops sooner after starting did not get going
GIVE_UP_AFTER = 3  # quick exits in a row: something only a person can fix (its messages say what)


class WriterProcess:
    """`lantern writer` in a child process of `master`, answering on `socket_path` once it has loaded its data."""

    def __init__(self, socket_path: str, master: int):
        self.socket, self.master = socket_path, master
        self.process: subprocess.Popen | None = None
        self.serving = False  # set once the replicas' gunicorn runs, which stops cleanly on SIGTERM
        self._stopping, self._gave_up = threading.Event(), threading.Event()
        self._quick_exits = 0

    def start(self) -> None:
        """Start a writer, and a thread that starts another when it dies."""
        self.process = subprocess.Popen([sys.executable, "-c", "from api.cli import main; main()", WRITER,
                                         "--socket", self.socket, "--parent", str(os.getpid())])
        threading.Thread(target=self._watch, args=(self.process, time.monotonic()), name="writer-watch",
                         daemon=True).start()

    def wait_answering(self) -> None:
        """Until the writer answers on its socket (it loads, and seeds an empty store, first)."""
        from api.forwarding import UnixConnection
        while True:
            if self._gave_up.is_set():
                raise click.ClickException("the writer process could not start; its messages are above")
            connection = UnixConnection(self.socket, 5)
            try:
                connection.request("GET", "/v1/health")
                connection.getresponse().read()
                return
            except OSError:
                time.sleep(0.2)
            finally:
                connection.close()

    def stop(self) -> None:
        """Stop the writer for good (gunicorn's graceful stop: it commits what is pending)."""
        self._stopping.set()
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(STOP_WAIT_S)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def _watch(self, process: subprocess.Popen, started: float) -> None:
        """A writer that dies is started again; replicas answer reads meanwhile, writes get 503 with Retry-After.
        One that keeps stopping as it starts stops Lantern, with its messages above.

        Its status says nothing: gunicorn's arbiter (this process) reaps any child that exits, often before
        wait() here, which then reads 0. One that stopped because Lantern is stopping (Ctrl-C reaches the whole
        process group) is known by `stop()` being called within a moment.
        """
        process.wait()
        if self._stopping.wait(RESTART_AFTER_S):
            return
        self._quick_exits = self._quick_exits + 1 if time.monotonic() - started < QUICK_EXIT_S else 0
        if self._quick_exits >= GIVE_UP_AFTER:
            click.echo("The writer process keeps stopping as it starts (its messages are above): stopping.", err=True)
            self._gave_up.set()
            if self.serving:
                os.kill(self.master, signal.SIGTERM)  # the replicas' gunicorn stops, and with it `lantern run`
            return
        click.echo("The writer process stopped; starting it again.", err=True)
        self.start()
