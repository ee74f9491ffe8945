"""The feed runner: a feed that cannot be fetched records why and applies nothing; the loop survives and stops."""

import threading

from api.models import Service
from api.models.feed_subscription import FeedSubscription
from api.services import feed_subscriptions
from indexer.feeds import FeedRunner
from tests import factories as f


def test_an_unreachable_feed_records_its_error_and_the_loop_stops_when_asked(storage):
    org = f.organization("District 9")
    feed = feed_subscriptions.register(org.id, "http://127.0.0.1:9/feed.json", None, 1, None, "aa", "u-1")
    stop = threading.Event()
    stop.set()  # one pass, then the loop sees it is asked to stop

    FeedRunner(every_s=0).run(stop)

    feed = FeedSubscription.objects.get(id=feed.id)
    assert feed.last_ok is False and feed.last_result.startswith("Cannot fetch http://127.0.0.1:9/feed.json")
    assert feed.source == "meeting-guide:http://127.0.0.1:9/feed.json"
    assert Service.objects.count() == 0
    assert FeedRunner().run_once() == 0  # ran just now: not due again for an hour
