"""`python -m indexer`: the indexer, the notifier, the feed and referral runners as their own process (the real
stack)."""

import logging
import signal
import sys
import threading

from prometheus_client import start_http_server

from api.adapters.meili.writer import admin_client
from api.adapters.storage import MongoStorage
from api.backends import geocoder, push_sender
from api.config import Config
from api.errors import ConfigurationError
from api.interop.limits import ImportLimits
from indexer.feeds import FeedRunner
from indexer.push.worker import Notifier
from indexer.referrals import ReferralRunner
from indexer.wakeup import follow_changes
from indexer.worker import Indexer

# Other processes write here: a change number is only trusted complete this long after it was seen.
SETTLE_S = 5.0


def main() -> int:
    config = Config()
    if not config.MONGODB_URI:
        print("The indexer and notifier read MONGODB_URI (the indexer writes MEILI_URL, with MEILI_MASTER_KEY); set "
              "them. On the embedded default they run inside `make run` instead.", file=sys.stderr)
        return 2
    try:
        sender = push_sender(config)
    except ConfigurationError as error:
        print(error, file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    MongoStorage(config.MONGODB_URI, config.MONGODB_DB)
    start_http_server(config.INDEXER_METRICS_PORT)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    notifier = Notifier.from_config(config, sender, settle_s=SETTLE_S)
    workers = [threading.Thread(target=follow_changes, args=(stop,), name="wakeup"),
               threading.Thread(target=notifier.run, args=(stop,), name="notifier"),
               threading.Thread(target=FeedRunner(geocoder(config), limits=ImportLimits.of(config)).run, args=(stop,),
                                name="feeds"),
               threading.Thread(target=ReferralRunner.from_config(config, sender).run, args=(stop,), name="referrals")]
    if config.MEILI_URL:
        indexer = Indexer(admin_client(config.MEILI_URL, config.MEILI_MASTER_KEY), config.MEILI_INDEX,
                          config.FRESHNESS_TTL_HOURS, settle_s=SETTLE_S)
        workers.append(threading.Thread(target=indexer.run, args=(stop,), name="indexer"))
    else:
        logging.getLogger(__name__).warning("MEILI_URL is not set: notifying only, no search index to keep")
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return 0


if __name__ == "__main__":
    sys.exit(main())
