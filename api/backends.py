"""The ONE place that maps configured names to implementations, and hands them to the views."""

import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import Callable

from flask import current_app

from api.adapters.fallback_search import FallbackSearchBackend
from api.adapters.geocoding import GeopyGeocoder, NullGeocoder
from api.adapters.meili.backend import MeiliSearchBackend
from api.adapters.mongo_search import MongoSearchBackend
from api.adapters.push.console import ConsoleSender
from api.adapters.push.pool import ProcessPoolSender
from api.adapters.readers import MongoReader, SnapshotReader
from api.adapters.sealing import FernetSeal, kept_key, parse_keys
from api.adapters.snapshot import DirectorySnapshot
from api.adapters.snapshot_search import SnapshotSearchBackend
from api.adapters.storage import MongoStorage
from api.errors import ConfigurationError
from api.metrics import SEARCH_FALLBACKS
from api.services.directory import DirectoryReader
from api.services.export_cache import ExportCache
from api.services.geocoding import Geocoder
from api.services.prepared_views import PreparedViews
from api.services.push import PushSender
from api.services.readiness import Readiness
from api.services.search import SearchBackend

SEARCH_BACKENDS = ("snapshot", "mongodb", "meilisearch")
PUSH_BACKENDS = ("console", "fcm")
GEOCODERS = ("none", "nominatim")
REFERRAL_KEY_FILE = "referral.key"
SECRET_KEY_FILE = "secret.key"


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Backends:
    """What the running app talks to; tests swap the clock to pin "now"."""

    config: object
    storage: MongoStorage
    search: SearchBackend
    reader: DirectoryReader
    push: PushSender
    geocoder: Geocoder
    rate_limit_storage: dict  # Flask-Limiter's RATELIMIT_STORAGE_URI/_OPTIONS, for every limiter of the app
    exports: ExportCache
    seal: FernetSeal  # seals referrals' personal fields (api/services/referrals/personal.py)
    secret_key: str  # Flask's SECRET_KEY: signs sessions and cookies, keys hashes of addresses and emails
    clock: Callable[[], datetime] = field(default=utc_now)
    readiness: Readiness = field(default_factory=Readiness)  # what start-up is still catching up on
    views: PreparedViews = field(default_factory=PreparedViews)  # listing views built once per version and minute


def create_backends(config, replica: bool = False) -> Backends:
    """Build every adapter named by the configuration; a name that cannot work stops start-up with a reason.
    `replica`: the embedded database is a read-only copy of DATA_DIR's file (api/adapters/replica.py)."""
    if config.SEARCH_BACKEND not in SEARCH_BACKENDS:
        raise ConfigurationError(f"SEARCH_BACKEND={config.SEARCH_BACKEND!r} is not one of: "
                                 f"{', '.join(SEARCH_BACKENDS)}")
    if config.SEARCH_BACKEND == "snapshot" and config.MONGODB_URI:
        raise ConfigurationError("SEARCH_BACKEND=snapshot is only for the embedded default: it relies on every "
                                 "writer being in this process. Use SEARCH_BACKEND=mongodb with MONGODB_URI.")
    if config.PUSH_BACKEND not in PUSH_BACKENDS:
        raise ConfigurationError(f"PUSH_BACKEND={config.PUSH_BACKEND!r} is not one of: {', '.join(PUSH_BACKENDS)}")
    if config.GEOCODER not in GEOCODERS:
        raise ConfigurationError(f"GEOCODER={config.GEOCODER!r} is not one of: {', '.join(GEOCODERS)}")
    if config.GEOCODER == "nominatim" and not config.GEOCODER_USER_AGENT:
        raise ConfigurationError("GEOCODER=nominatim needs GEOCODER_USER_AGENT naming this application and a contact "
                                 "(Nominatim's usage policy), e.g. 'lantern-riverton (ops@example.org)'.")
    if config.SEARCH_BACKEND == "meilisearch" and not config.MEILI_URL:
        raise ConfigurationError("SEARCH_BACKEND=meilisearch needs MEILI_URL (and MEILI_SEARCH_KEY).")
    storage = MongoStorage(config.MONGODB_URI, config.MONGODB_DB, None if config.EPHEMERAL else config.DATA_DIR,
                           replica)
    # The database-side pair: the embedded database is read through its snapshot, a real one directly.
    if storage.embedded and config.SEARCH_BACKEND != "mongodb":
        snapshot = DirectorySnapshot()
        database_search, reader = SnapshotSearchBackend(snapshot), SnapshotReader(snapshot)
    else:
        database_search, reader = MongoSearchBackend(storage), MongoReader()
    search = database_search
    if config.SEARCH_BACKEND == "meilisearch":
        meili = MeiliSearchBackend.connect(config.MEILI_URL, config.MEILI_SEARCH_KEY, config.MEILI_INDEX,
                                           config.MEILI_TIMEOUT_S)
        search = FallbackSearchBackend(meili, database_search, SEARCH_FALLBACKS)
    return Backends(config, storage, search, reader, push_sender(config), geocoder(config),
                    rate_limit_storage(config), ExportCache(config.EXPORT_CACHE_MB * 1024 * 1024),
                    referral_seal(config, storage), secret_key(config, storage))


def rate_limit_storage(config) -> dict:
    """Where rate-limit counters live, as Flask-Limiter settings: shared by every worker, or refused.

    The embedded default's memory will do: its writer counts every budget of the requests it answers, and each
    replica the read budget of the reads it answers (README: RATE_LIMIT_STORAGE_URI); the real stack's workers
    share MongoDB's (collections beside the directory's, expired by TTL indexes that the limits library creates).
    """
    uri = config.RATE_LIMIT_STORAGE_URI or config.MONGODB_URI or "memory://"
    if uri.startswith("memory:") and config.MONGODB_URI and config.WEB_CONCURRENCY > 1:
        raise ConfigurationError(f"RATE_LIMIT_STORAGE_URI={uri} keeps counters per worker, and there are "
                                 f"{config.WEB_CONCURRENCY} (WEB_CONCURRENCY): leave it unset to count in MongoDB.")
    options = {}
    if uri.startswith("mongodb"):
        options = {"database_name": config.MONGODB_DB, "counter_collection_name": "rate_limit_counters",
                   "window_collection_name": "rate_limit_windows"}
    return {"RATELIMIT_STORAGE_URI": uri, "RATELIMIT_STORAGE_OPTIONS": options}


def referral_seal(config, storage: MongoStorage) -> FernetSeal:
    """The keys that seal referrals' personal fields: REFERRAL_KEY, required with a real database. Without it the
    embedded default makes one at its first start and keeps it in DATA_DIR/referral.key, beside the database file
    but not in it, so `lantern backup` never carries it (EPHEMERAL: in memory, dying with the data)."""
    if config.REFERRAL_KEY:
        try:
            return FernetSeal(parse_keys(config.REFERRAL_KEY))
        except ValueError as error:
            raise ConfigurationError(str(error)) from None
    if not storage.embedded:
        raise ConfigurationError("REFERRAL_KEY is not set: referrals' personal fields are sealed with it, and a key "
                                 "kept in the database would protect nothing. Make one with `lantern referrals "
                                 "new-key` and keep it in the environment (.env), never beside the data.")
    if storage.data_dir is None:
        return FernetSeal([FernetSeal.new_key()])
    return FernetSeal([kept_key(storage.data_dir / REFERRAL_KEY_FILE)])


def secret_key(config, storage: MongoStorage) -> str:
    """SECRET_KEY, required with a real database (every worker signs with it, across restarts). Without it the
    embedded default makes one at its first start and keeps it in DATA_DIR/secret.key as it keeps referral.key, so a
    restart signs no one out (EPHEMERAL: in memory, dying with the data)."""
    if config.SECRET_KEY:
        return config.SECRET_KEY
    if not storage.embedded:
        raise ConfigurationError("SECRET_KEY is not set: it signs admin sessions, and every worker must sign with the "
                                 "same one, kept across restarts. Make one with `openssl rand -hex 32` and keep it in "
                                 "the environment (.env).")
    if storage.data_dir is None:
        return secrets.token_hex(32)
    return kept_key(storage.data_dir / SECRET_KEY_FILE, lambda: secrets.token_hex(32))


def push_sender(config) -> PushSender:
    """The configured sender; FCM needs credentials that the SDK can load, or start-up stops here."""
    if config.PUSH_BACKEND == "console":
        return ConsoleSender()
    from api.adapters.push.fcm import FcmSender  # firebase-admin is heavy: loaded only when it will send
    connect = partial(FcmSender.connect, config.FIREBASE_PROJECT_ID, config.FIREBASE_CREDENTIALS,
                      config.PUSH_HTTP_TIMEOUT_S)
    sender = connect()  # in this process too: bad credentials stop start-up here, not in a worker later
    return sender if config.PUSH_SENDER_PROCESSES <= 1 else ProcessPoolSender(connect, config.PUSH_SENDER_PROCESSES)


def geocoder(config) -> Geocoder:
    """The configured geocoder: none (coordinates by hand) or Nominatim."""
    if config.GEOCODER == "none":
        return NullGeocoder()
    return GeopyGeocoder.nominatim(config.GEOCODER_USER_AGENT, config.GEOCODER_TIMEOUT_S)


def backends() -> Backends:
    """The running app's backends (inside a request or app context)."""
    return current_app.extensions["lantern"]
