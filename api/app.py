"""Lantern's Flask app factory: storage, backends, API blueprints."""

import logging

from flask import Flask, g, request
from flask_compress import Compress

from api import caching, cors, docs, edge, logs, ops, rate_limits, timing
from api.backends import create_backends
from api.config import Config
from api.errors import Api, register_error_handlers
from api.i18n import http as i18n_http
from api.i18n.http import LanguageDocs
from api.resources import answers
from api.resources.catalog import blp as catalog_blp
from api.resources.changes import blp as changes_blp
from api.resources.devices import blp as devices_blp
from api.resources.devices import document_security
from api.resources.health import blp as health_blp
from api.resources.hsds import blp as hsds_blp
from api.resources.meeting_guide import blp as meeting_guide_blp
from api.resources.meetings import blp as meetings_blp
from api.resources.reports import blp as reports_blp
from api.resources.reports.page import bp as report_page
from api.resources.services import blp as services_blp

log = logging.getLogger(__name__)


def create_app(config: Config | None = None, replica: bool = False) -> Flask:
    """Build the app from configuration (the environment by default), seeding the embedded database if asked;
    `replica`: serve reads from a copy of the embedded default's data file that another process writes."""
    config = config or Config()
    app = Flask(__name__)
    app.config.update(config.as_flask(), **docs.openapi_settings())
    app.json.sort_keys = False
    app.json.ensure_ascii = False  # UTF-8 as is: "Sesión" costs a phone fewer bytes than "Sesi\u00f3n"
    app.extensions["lantern"] = backends = create_backends(config, replica)
    app.config["SECRET_KEY"] = backends.secret_key  # SECRET_KEY, or the embedded default's kept one
    # Registered first, so it runs after every other response hook: nothing is acknowledged before it is on disk.
    app.after_request(_durable(backends.storage))
    i18n_http.init_app(app)  # before every other request hook, so that anything answering early speaks the language
    app.config.update(backends.rate_limit_storage)  # every limiter of the app (the admin area's too) counts there
    _seed(config, backends.storage.found_empty)
    backends.search.ping()  # ready before the first request: the embedded default loads its snapshot here
    api = Api(app, spec_kwargs={"extra_plugins": [rate_limits.RateLimitDocs(), LanguageDocs()]})
    document_security(api.spec)
    public = (services_blp, reports_blp, meetings_blp, catalog_blp, changes_blp, devices_blp, health_blp,
              meeting_guide_blp, hsds_blp)
    for blueprint in public:
        api.register_blueprint(blueprint)
    app.register_blueprint(report_page)  # the report route's page for browsers (a feed's feedback_url)
    app.register_blueprint(docs.blp)
    app.register_blueprint(ops.blp)
    register_error_handlers(app)
    edge.init_app(app, {blueprint.name for blueprint in public} | {report_page.name})
    rate_limits.init_app(app)
    logs.keep_addresses_out(config.LOG_CLIENT_ADDRESSES)
    cors.init_app(app)
    caching.init_app(app)
    _report_timing(app)
    app.after_request(_etag_on_not_modified)
    app.config.update(answers.compress_settings())  # a listing's prepared page is compressed once
    Compress(app)
    log.info("storage=%s search=%s", backends.storage.name, backends.search.name)
    return app


def _report_timing(app: Flask) -> None:
    """Every response says where its time went (Server-Timing), so benchmarks can separate API overhead."""

    @app.before_request
    def start():
        g.started = timing.begin()

    @app.after_request
    def report(response):
        if "started" in g:
            response.headers["Server-Timing"] = timing.header(g.started)
        return response


def _durable(storage):
    """A response hook that returns only once every write made so far is on disk (api/adapters/embedded_store.py)."""
    def sync(response):
        storage.sync()
        return response
    return sync


def _seed(config: Config, empty: bool = True) -> None:
    """Load seed data (and benchmark listings) into an empty store when configured: never over what a network
    keeps (a deleted seed listing stays deleted); seeds/ builds on api/, so import it only then."""
    if not empty:
        return
    if config.SEED_ON_START:
        from seeds.loader import seed_database
        seed_database(progress=False)
        if config.MONGODB_URI is None:  # demo sign-ins with a published password: never on a real database
            from seeds.staff import seed_demo_staff
            seed_demo_staff()
    if config.SEED_GENERATED_LISTINGS:
        from seeds.generate import load_generated
        load_generated(config.SEED_GENERATED_LISTINGS, progress=False)


def _etag_on_not_modified(response):
    """A 304 repeats the ETag it matched (RFC 9110 15.4.5); flask-smorest leaves it out."""
    if response.status_code == 304 and "ETag" not in response.headers:
        tags = request.headers.get("If-None-Match", "")
        if tags and "," not in tags and tags != "*":
            response.headers["ETag"] = tags
    return response
