"""`python -m indexer`: the indexer as its own process (the real stack), until SIGTERM or Ctrl-C."""

import logging
import signal
import sys
import threading

from prometheus_client import start_http_server

from api.adapters.meili.writer import admin_client
from api.adapters.storage import MongoStorage
from api.config import Config
from indexer.worker import Indexer

# Other processes write here: a change number is only trusted complete this long after it was seen.
SETTLE_S = 5.0


def main() -> int:
    config = Config()
    if not (config.MONGODB_URI and config.MEILI_URL):
        print("The indexer reads MONGODB_URI and writes MEILI_URL (with MEILI_MASTER_KEY); set them. On the embedded "
              "default it runs inside `make run` instead.", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    MongoStorage(config.MONGODB_URI, config.MONGODB_DB)
    start_http_server(config.INDEXER_METRICS_PORT)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    Indexer(admin_client(config.MEILI_URL, config.MEILI_MASTER_KEY), config.MEILI_INDEX,
            config.FRESHNESS_TTL_HOURS, settle_s=SETTLE_S).run(stop)
    return 0


if __name__ == "__main__":
    sys.exit(main())
