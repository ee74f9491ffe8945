"""Settings from the environment, with the defaults of the embedded default (`make run`)."""

import os
from pathlib import Path

import platformdirs

from api.domain.vocabulary import CATEGORIES

# The checkout this code runs from, if it is one (an installed package has no pyproject.toml beside it).
CHECKOUT = Path(__file__).resolve().parent.parent


def default_data_dir() -> Path:
    """./data beside the checkout, or the platform's user data directory when installed as a package."""
    if (CHECKOUT / "pyproject.toml").is_file():
        return CHECKOUT / "data"
    return Path(platformdirs.user_data_dir("lantern", appauthor=False))


def data_dir_origin(path: Path) -> str:
    """Why the data lives there, for the start-up line."""
    if path == default_data_dir():
        return "the default beside this checkout" if path == CHECKOUT / "data" else "the platform's user data directory"
    return "DATA_DIR"


def _hours_per_category(text: str, setting: str, default: float) -> dict[str, float]:
    """Parse "housing=72,clinical=24,default=168" into {category: hours}; every category gets a value."""
    pairs = dict(item.split("=", 1) for item in text.replace(" ", "").split(",") if item)
    unknown = set(pairs) - set(CATEGORIES) - {"default"}
    if unknown:
        raise ValueError(f"{setting} names unknown categories: {', '.join(sorted(unknown))}")
    default = float(pairs.get("default", default))
    return {category: float(pairs.get(category, default)) for category in CATEGORIES}


def _cores() -> int:
    """The cores this process may run on (a container's share, not the host's count)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class Config:
    """Read once at start-up; every setting here is listed in the README's configuration table."""

    def __init__(self, environ=os.environ):
        self.HOST = environ.get("HOST", "127.0.0.1")
        self.PORT = int(environ.get("PORT", "8000"))
        self.MONGODB_URI = environ.get("MONGODB_URI") or None
        self.MONGODB_DB = environ.get("MONGODB_DB", "lantern")
        # Where the embedded default keeps its database (api/adapters/embedded_store.py); EPHEMERAL=1 (`lantern run
        # --ephemeral`) keeps it in memory only, gone when the process stops (demos, tests, benchmarks).
        self.DATA_DIR = Path(environ.get("DATA_DIR") or default_data_dir()).absolute()
        self.EPHEMERAL = environ.get("EPHEMERAL", "0") == "1"
        # The embedded database has no indexes, so by default it is searched through an in-process snapshot.
        self.SEARCH_BACKEND = environ.get("SEARCH_BACKEND", "snapshot" if not self.MONGODB_URI else "mongodb")
        # The embedded database starts empty, so it is seeded unless told otherwise; a real one never is.
        self.SEED_ON_START = environ.get("SEED_ON_START", "1" if not self.MONGODB_URI else "0") == "1"
        self.MEILI_URL = environ.get("MEILI_URL") or None
        # The API searches with a search-only key; the master key is for the indexer and reindexing alone.
        self.MEILI_SEARCH_KEY = environ.get("MEILI_SEARCH_KEY") or None
        self.MEILI_MASTER_KEY = environ.get("MEILI_MASTER_KEY") or None
        self.MEILI_INDEX = environ.get("MEILI_INDEX", "services")
        # Past this the API answers from the database instead (and after repeated failures stops asking a while).
        self.MEILI_TIMEOUT_S = float(environ.get("MEILI_TIMEOUT_S", "0.5"))
        # Where the indexer, run as its own process, serves its Prometheus metrics.
        self.INDEXER_METRICS_PORT = int(environ.get("INDEXER_METRICS_PORT", "9100"))
        # Extra synthetic listings loaded at start, for benchmarks on the embedded default.
        self.SEED_GENERATED_LISTINGS = int(environ.get("SEED_GENERATED_LISTINGS", "0"))
        self.FRESHNESS_TTL_HOURS = _hours_per_category(
            environ.get("FRESHNESS_TTL_HOURS", "housing=72,clinical=24,crisis=24,default=168"), "FRESHNESS_TTL_HOURS",
            168)
        # Where notifications go: "console" records them (the embedded default), "fcm" sends through Firebase.
        self.PUSH_BACKEND = environ.get("PUSH_BACKEND", "console")
        self.FIREBASE_PROJECT_ID = environ.get("FIREBASE_PROJECT_ID") or None
        # A service-account key file; without it the SDK uses GOOGLE_APPLICATION_CREDENTIALS / the platform's own.
        self.FIREBASE_CREDENTIALS = environ.get("FIREBASE_CREDENTIALS") or None
        self.PUSH_HTTP_TIMEOUT_S = float(environ.get("PUSH_HTTP_TIMEOUT_S", "10"))
        # firebase-admin costs ~1 ms of CPU a message: one process sends ~1,000/s; more spread it over cores.
        self.PUSH_SENDER_PROCESSES = int(environ.get("PUSH_SENDER_PROCESSES", "1"))
        # At most one message per device per service in this window; later news waits and merges (latest wins).
        self.PUSH_COALESCE_S = float(environ.get("PUSH_COALESCE_S", "600"))
        # Well under FCM's per-device limits (240/min, 5000/h on Android), and what a person can bear.
        self.PUSH_DEVICE_HOURLY_MAX = int(environ.get("PUSH_DEVICE_HOURLY_MAX", "20"))
        # Devices whose app has not checked in for this long are forgotten, token and all.
        self.PUSH_DEVICE_STALE_DAYS = int(environ.get("PUSH_DEVICE_STALE_DAYS", "60"))
        # Addresses without coordinates are looked up here: "none" (coordinates by hand) or "nominatim" (OpenStreetMap).
        self.GEOCODER = environ.get("GEOCODER", "none")
        # Nominatim's usage policy asks every application to name itself (and a contact) in its User-Agent.
        self.GEOCODER_USER_AGENT = environ.get("GEOCODER_USER_AGENT") or None
        self.GEOCODER_TIMEOUT_S = float(environ.get("GEOCODER_TIMEOUT_S", "3"))
        # Admin session cookies only over HTTPS: the real stack sits behind TLS; the embedded default is plain http
        # on this machine. Set 0 to try the real stack over plain http.
        self.ADMIN_SECURE_COOKIES = environ.get("ADMIN_SECURE_COOKIES", "1" if self.MONGODB_URI else "0") == "1"
        # An admin session ends after this long without a request, and this long after signing in however busy
        # (OWASP ASVS 3.3.2: 30 minutes idle, 12 hours in all).
        self.ADMIN_SESSION_IDLE_MINUTES = float(environ.get("ADMIN_SESSION_IDLE_MINUTES", "30"))
        self.ADMIN_SESSION_MAX_HOURS = float(environ.get("ADMIN_SESSION_MAX_HOURS", "12"))
        # Signs admin sessions: required with MONGODB_URI; the embedded default makes one and keeps it in DATA_DIR.
        self.SECRET_KEY = environ.get("SECRET_KEY") or None
        # This server's public address (https://lantern.example.org) for links other software keeps: the report
        # links in feeds and files written by `lantern export`. Unset, a response links to the address it was asked
        # at, and a file written outside a request holds paths only.
        self.PUBLIC_URL = (environ.get("PUBLIC_URL") or "").rstrip("/") or None
        # Serving processes: a real database's gunicorn workers; on the embedded default (data kept in DATA_DIR)
        # replicas that answer reads beside its one writer (api/cli/serving.py), one per core up to 4 unless set
        # (each replica's copy parts from the shared one as it applies changes); 1 serves everything from a single
        # process, as --ephemeral always does.
        self.WEB_CONCURRENCY = int(environ.get("WEB_CONCURRENCY", str(min(_cores(), 4)) if not self.MONGODB_URI
                                               else "4"))
        self.WEB_THREADS = int(environ.get("WEB_THREADS", "8"))
        self._edges(environ)
        self._imports(environ)
        self._referrals(environ)
        self._reports(environ)

    def _edges(self, environ) -> None:
        """What faces the internet: the proxy in front, body and rate limits, HSTS, /metrics, logs."""
        # How many proxies in front append X-Forwarded-For/-Proto (e.g. 1), or the addresses (networks) of the one
        # proxy to trust; 0 trusts none, so a forged header changes nothing.
        self.TRUSTED_PROXIES = environ.get("TRUSTED_PROXIES", "0")
        # Flask's own key: no request body is read past it (the admin import pages allow their files on top).
        self.MAX_CONTENT_LENGTH = int(environ.get("MAX_CONTENT_LENGTH", str(1024 * 1024)))
        # The public API's JSON bodies (device registrations, subscriptions) are a few hundred bytes.
        self.API_MAX_CONTENT_LENGTH = int(environ.get("API_MAX_CONTENT_LENGTH", "8192"))
        # Where rate-limit counters live (a limits storage URI): every worker must share them. Unset: this
        # process's memory on the embedded default (one process), MONGODB_URI's database on the real stack.
        self.RATE_LIMIT_STORAGE_URI = environ.get("RATE_LIMIT_STORAGE_URI") or None
        self.RATE_LIMIT_READS = environ.get("RATE_LIMIT_READS", "600 per minute")
        self.RATE_LIMIT_REGISTRATIONS = environ.get("RATE_LIMIT_REGISTRATIONS", "5 per minute;100 per day")
        self.RATE_LIMIT_EXPORTS = environ.get("RATE_LIMIT_EXPORTS", "6 per minute")
        # Built exports (the Meeting Guide feed, HSDS ndjson) kept per change sequence, in MB per worker.
        self.EXPORT_CACHE_MB = int(environ.get("EXPORT_CACHE_MB", "64"))
        # Strict-Transport-Security on answers served over HTTPS (as the trusted proxy reports it); 0 sends none.
        self.HSTS_MAX_AGE_S = int(environ.get("HSTS_MAX_AGE_S", "31536000" if self.MONGODB_URI else "0"))
        # /metrics answers these addresses (networks), or a request with `Authorization: Bearer <METRICS_TOKEN>`.
        self.METRICS_ALLOWED = environ.get("METRICS_ALLOWED", "127.0.0.1,::1")
        self.METRICS_TOKEN = environ.get("METRICS_TOKEN") or None
        # Client addresses are kept out of every log line (gunicorn's, rate limits') unless this is 1.
        self.LOG_CLIENT_ADDRESSES = environ.get("LOG_CLIENT_ADDRESSES", "0") == "1"

    def _imports(self, environ) -> None:
        """What one upload or registered feed may ask of the server (api/interop/limits.py)."""
        self.CSV_IMPORT_MAX_MB = float(environ.get("CSV_IMPORT_MAX_MB", "2"))
        self.CSV_IMPORT_MAX_ROWS = int(environ.get("CSV_IMPORT_MAX_ROWS", "2000"))
        self.HSDS_IMPORT_MAX_MB = float(environ.get("HSDS_IMPORT_MAX_MB", "20"))
        # Services (and records that cannot be read) in one file; a datapackage's tables hold at most 20 rows each.
        self.HSDS_IMPORT_MAX_RECORDS = int(environ.get("HSDS_IMPORT_MAX_RECORDS", "10000"))
        # A zip's tables unpacked, together, and the files it may hold: a few KB can declare gigabytes.
        self.HSDS_IMPORT_MAX_UNPACKED_MB = float(environ.get("HSDS_IMPORT_MAX_UNPACKED_MB", "100"))
        self.HSDS_IMPORT_MAX_FILES = int(environ.get("HSDS_IMPORT_MAX_FILES", "100"))
        self.MEETING_GUIDE_MAX_MB = float(environ.get("MEETING_GUIDE_MAX_MB", "8"))
        self.MEETING_GUIDE_MAX_MEETINGS = int(environ.get("MEETING_GUIDE_MAX_MEETINGS", "10000"))
        # Records with errors listed one by one on a dry run; the rest are counted, so the page stays small.
        self.IMPORT_LISTED_ERRORS = int(environ.get("IMPORT_LISTED_ERRORS", "100"))
        # A registered feed's whole fetch, and the silence allowed between two reads: one slow server must not
        # hold up every other organisation's feeds.
        self.FEED_FETCH_DEADLINE_S = float(environ.get("FEED_FETCH_DEADLINE_S", "60"))
        self.FEED_READ_TIMEOUT_S = float(environ.get("FEED_READ_TIMEOUT_S", "20"))

    def _referrals(self, environ) -> None:
        """Warm referrals (api/services/referrals): the key that seals clients' details, how long they are kept, how
        soon a receiver should answer, and where the printed sheet's QR codes point."""
        # Fernet keys, comma-separated, newest first: the first seals, every one opens (rotation). Required with
        # MONGODB_URI; the embedded default makes one and keeps it beside its data.
        self.REFERRAL_KEY = environ.get("REFERRAL_KEY") or None
        # A referral's personal fields are erased this long after it ends (at once when consent is revoked).
        self.REFERRAL_RETENTION_DAYS = float(environ.get("REFERRAL_RETENTION_DAYS", "30"))
        # Hours a receiving partner has to answer before a referral expires: a detox bed cannot wait two days.
        self.REFERRAL_RESPONSE_HOURS = _hours_per_category(
            environ.get("REFERRAL_RESPONSE_HOURS", "clinical=4,crisis=2,housing=48,default=24"),
            "REFERRAL_RESPONSE_HOURS", 24)
        # The public page of a listing ("{id}" is its id), for the QR codes a client takes away; unset, this
        # server's /v1/services/{id}.
        self.LISTING_URL = environ.get("LISTING_URL") or None

    def _reports(self, environ) -> None:
        """Public reports about listings (api/services/reports): how many a client may send, when several
        independent "full" or "closed" reports make a listing's counts unconfirmed, and when network admins step in."""
        self.RATE_LIMIT_REPORTS = environ.get("RATE_LIMIT_REPORTS", "5 per hour;20 per day")
        # This many reports at least REPORT_DOUBT_SPACING_MINUTES apart within the window (doubt.py says why).
        self.REPORT_DOUBT_COUNT = int(environ.get("REPORT_DOUBT_COUNT", "3"))
        self.REPORT_DOUBT_WINDOW_HOURS = float(environ.get("REPORT_DOUBT_WINDOW_HOURS", "6"))
        self.REPORT_DOUBT_SPACING_MINUTES = float(environ.get("REPORT_DOUBT_SPACING_MINUTES", "10"))
        # Web origins (an app's web build, "https://app.example.org"), comma-separated, whose pages may send reports
        # from a browser (api/cors.py); none by default, so no other site's page can make its visitors report.
        self.REPORT_ORIGINS = environ.get("REPORT_ORIGINS", "")
        # A report its partner has not answered in this many days shows on the network admins' page.
        self.REPORT_OVERDUE_DAYS = float(environ.get("REPORT_OVERDUE_DAYS", "3"))
        # Answered reports (and their notes) are deleted this long after the answer; until then they count in the
        # answer-time figures.
        self.REPORT_RETENTION_DAYS = float(environ.get("REPORT_RETENTION_DAYS", "90"))

    def as_flask(self) -> dict:
        """The settings as a Flask config mapping."""
        return {key: value for key, value in vars(self).items() if key.isupper()}
