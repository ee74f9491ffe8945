"""`lantern run`'s processes: gunicorn configured in code, and on the embedded default one writer beside replicas.

The embedded database lives in the process that writes it, so one process (the writer) holds it, answers every
write and the admin area, and runs the background work. On a machine with more than one core the public port is
served instead by WEB_CONCURRENCY replica processes, forked from one that loaded a copy of the public directory
from the data file, each catching its copy up before every read (api/adapters/replica.py) and handing every other
request to the writer over a private Unix socket (api/forwarding.py). So reads use every core, there is still one
writer, and a read never misses a write that was acknowledged before it began.
"""

import gc
import logging
import os
import shutil
import signal
import tempfile
import threading
import time
from pathlib import Path

import click
from gunicorn.app.base import BaseApplication

from api.cli.writer import WRITER, WriterProcess
from api.config import Config

log = logging.getLogger(__name__)
REPLICA = "replica"
WHOLE = "whole"  # one process does everything: a real database's workers, --ephemeral, WEB_CONCURRENCY=1
METRICS_FOLDER = "PROMETHEUS_MULTIPROC_DIR"
FOLDER_PREFIX = "lantern-"


class Server(BaseApplication):
    """gunicorn, configured in code so `lantern run` is the same entry point for both ways to run."""

    def __init__(self, config: Config, role: str = WHOLE, bind: str | None = None, writer_socket: str | None = None,
                 on_exit=None):
        self.lantern_config, self.role, self.writer_socket, self.on_exit = config, role, writer_socket, on_exit
        self.bind = bind or f"{config.HOST}:{config.PORT}"
        if role == WRITER:  # a socket of this writer's own, published at writer_socket once it can answer
            self.bind = f"unix:{writer_socket}.{os.getpid()}"
        super().__init__()

    def load_config(self):
        config = self.lantern_config
        self.cfg.set("bind", self.bind)
        # The embedded database's writer is one process; its replicas (or a real database's workers) are several.
        self.cfg.set("workers", 1 if self.role == WRITER or (self.role == WHOLE and config.MONGODB_URI is None)
                     else config.WEB_CONCURRENCY)
        self.cfg.set("threads", config.WEB_THREADS)
        self.cfg.set("worker_class", "gthread")
        self.cfg.set("accesslog", None)  # no request logs: URLs carry places and queries
        if self.role == WRITER:
            self.cfg.set("control_socket_disable", True)  # one per user: the public server's arbiter keeps it
            # The client's scheme comes from writer_side alone, as a direct server would ignore these headers.
            self.cfg.set("secure_scheme_headers", {})
            self.cfg.set("forwarder_headers", "")
            # Until its data is loaded, replicas find no writer and answer 503 at once, rather than queue writes.
            self.cfg.set("post_worker_init", lambda worker: publish(self.bind.removeprefix("unix:"),
                                                                    self.writer_socket))
        if self.role == REPLICA:
            # The copy is loaded once, in the arbiter, and every replica is a fork of it: one load's time and CPU
            # at start, not one per replica, and memory shared until written (gc.freeze keeps the collector off it).
            self.cfg.set("preload_app", True)
            self.cfg.set("post_fork", lambda arbiter, worker: self.storage.replica.reopen())
        if self.on_exit is not None:
            self.cfg.set("on_exit", lambda arbiter: self.on_exit())

    def load(self):
        config = self.lantern_config
        app = build_app(config, replica=self.role == REPLICA)
        if self.role == REPLICA:
            from api.forwarding import Forwarder
            self.storage = app.extensions["lantern"].storage
            app.wsgi_app = Forwarder(app.wsgi_app, self.writer_socket, self.storage.catch_up)
        else:
            if self.role == WRITER:
                from api.forwarding import writer_side
                app.wsgi_app = writer_side(app.wsgi_app)
            if config.MONGODB_URI is None:
                backends = app.extensions["lantern"]
                start_embedded_workers(config, backends.push, backends.readiness, backends.storage.store)
        # Everything built at start (seed data, the snapshot) lives as long as the process: keep it out of the
        # cyclic collector's full passes, which otherwise stall requests for tens of milliseconds.
        gc.freeze()
        return app


def serve(config: Config) -> None:
    """Run until stopped: one process; a real database's workers; or on the embedded default with its data kept on
    disk, a writer and WEB_CONCURRENCY replicas."""
    several = config.WEB_CONCURRENCY > 1
    real_workers = config.MONGODB_URI is not None and several
    replicated = config.MONGODB_URI is None and not config.EPHEMERAL and several
    if not (real_workers or replicated):
        Server(config).run()
        return
    if replicated:
        refuse_a_held_data_dir(config)
    remove_abandoned_folders()
    # 0700: only this user reaches the writer's socket and the metrics; named after this process, which removes it
    private = tempfile.mkdtemp(prefix=f"{FOLDER_PREFIX}{os.getpid()}-")
    master, writer = os.getpid(), None

    def stop():
        if os.getpid() == master:  # not in a worker: gunicorn's workers are forks of this process
            if writer is not None:
                writer.stop()
            shutil.rmtree(private, ignore_errors=True)

    try:
        count_metrics_together(private)
        if not replicated:
            Server(config, on_exit=stop).run()
            return
        writer = WriterProcess(os.path.join(private, "writer.sock"), master)
        writer.start()
        from api.adapters.data_file import FILE_NAME, followable
        if not followable(config.DATA_DIR / FILE_NAME):
            writer.wait_answering()  # a first start: the writer seeds the file before replicas copy it
        # Otherwise replicas load their copy while the writer loads its own, and answer reads as soon as they
        # have it; a write that comes before the writer answers gets 503 with Retry-After.
        click.echo(f"Serving: {config.WEB_CONCURRENCY} replica processes answer reads; one writer process "
                   "(every write, /admin, background work) keeps the data (WEB_CONCURRENCY)", err=True)
        writer.serving = True
        Server(config, REPLICA, writer_socket=writer.socket, on_exit=stop).run()
    finally:
        stop()


def refuse_a_held_data_dir(config: Config) -> None:
    """Stop at once when another Lantern holds DATA_DIR (its writer would wait for the lock and fail, over and over,
    while replicas served the other one's data)."""
    from api.adapters.data_file import holder
    from api.errors import ConfigurationError
    try:
        holder(config.DATA_DIR, wait_s=0).release()
    except ConfigurationError as held:
        raise click.ClickException(str(held)) from None


def remove_abandoned_folders() -> None:
    """The private folders of `lantern run`s that were killed (kill -9 leaves them): their process is gone."""
    for folder in Path(tempfile.gettempdir()).glob(f"{FOLDER_PREFIX}*-*"):
        pid = folder.name.removeprefix(FOLDER_PREFIX).split("-")[0]
        try:
            abandoned = pid.isdigit() and folder.stat().st_uid == os.getuid() and not _alive(int(pid))
        except FileNotFoundError:
            continue  # removed meanwhile
        if abandoned:
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's
    return True


def count_metrics_together(private: str) -> None:
    """Several processes serve, and a scrape of /metrics reaches one of them: every process counts into files in
    one folder (prometheus_client's multiprocess mode, chosen when it is first imported: the workers and the
    writer import it after this), and /metrics adds them up (api/ops.py). An operator's own folder is kept."""
    if not os.environ.get(METRICS_FOLDER):
        os.environ[METRICS_FOLDER] = os.path.join(private, "metrics")
        os.mkdir(os.environ[METRICS_FOLDER])


def publish(bound: str, path: str) -> None:
    """Point `path` at the socket bound (a symbolic link, swapped in whole: a connection finds one or the other)."""
    link = f"{bound}.link"
    os.symlink(bound, link)
    os.replace(link, path)


def serve_writer(config: Config, socket_path: str, parent: int) -> None:
    """The writer's own gunicorn, on the private socket, for as long as the `lantern run` that started it lives."""
    def orphaned():
        while os.getppid() == parent:
            time.sleep(1)
        os.kill(os.getpid(), signal.SIGTERM)  # the parent died without stopping us (kill -9): stop cleanly
    threading.Thread(target=orphaned, name="parent-watch", daemon=True).start()
    Server(config, WRITER, writer_socket=socket_path).run()


def build_app(config: Config, replica: bool = False):
    """The whole product's app: the public API with the partner admin area mounted under /admin."""
    from admin import init_admin
    from api import create_app
    app = create_app(config, replica)
    init_admin(app)
    return app


def start_embedded_workers(config: Config, sender, readiness, store) -> None:
    """The notifier, the feed and referral runners (and indexer) as daemon threads: the embedded database lives in
    this process, so they must too. /v1/health says "starting" until the notifier and indexer caught up once.

    The notifier sends through the app's own sender, so what the console sender records is what the app shows.
    """
    from indexer.push.worker import Notifier
    threading.Thread(target=first_pass_then_run, name="notifier", daemon=True,
                     args=(Notifier.from_config(config, sender), readiness.begin("notifier's first pass"))).start()
    from api.backends import geocoder
    from api.interop.limits import ImportLimits
    from indexer.feeds import FeedRunner
    threading.Thread(target=FeedRunner(geocoder(config), limits=ImportLimits.of(config)).run,
                     args=(threading.Event(),), name="feeds", daemon=True).start()
    from indexer.referrals import ReferralRunner
    threading.Thread(target=ReferralRunner.from_config(config, sender, store).run, args=(threading.Event(),),
                     name="referrals", daemon=True).start()
    if config.SEARCH_BACKEND == "meilisearch":
        from api.adapters.meili.writer import admin_client
        from indexer.worker import Indexer
        indexer = Indexer(admin_client(config.MEILI_URL, config.MEILI_MASTER_KEY), config.MEILI_INDEX,
                          config.FRESHNESS_TTL_HOURS)
        threading.Thread(target=first_pass_then_run, name="indexer", daemon=True,
                         args=(indexer, readiness.begin("indexer's first pass"))).start()


def first_pass_then_run(worker, done, stop=None) -> None:
    """A worker's first pass (catching up with everything since its checkpoint), `done()`, then its loop."""
    try:
        worker.run_once()
    except Exception:  # the loop that follows retries; readiness must not wait for it forever
        log.exception("%s: first pass failed; retrying", type(worker).__name__)
    done()
    worker.run(stop or threading.Event())
