"""The feed runner: a feed that cannot be fetched records why and applies nothing; the loop survives and stops."""

import threading

import pytest

from api.interop.meeting_guide import subscriptions as feed_subscriptions
from api.interop.meeting_guide.importer import FeedError, load_feed
from api.models import Service
from api.models.feed_subscription import FeedSubscription
from indexer.feeds import FeedRunner
from tests import factories as f


def test_an_unreachable_feed_records_its_error_and_the_loop_stops_when_asked(storage):
    org = f.organization("District 9")
    feed = feed_subscriptions.register(org.id, "http://127.0.0.1:9/feed.json", None, 1, None, "aa", "u-1")
    stop = threading.Event()
    stop.set()  # one pass, then the loop sees it is asked to stop

    FeedRunner(every_s=0).run(stop)

    feed = FeedSubscription.objects.get(id=feed.id)
    assert feed.last_ok is False and feed.last_result == "http://127.0.0.1:9/feed.json is not a public address."
    assert feed.source == "meeting-guide:http://127.0.0.1:9/feed.json"
    assert Service.objects.count() == 0
    assert FeedRunner().run_once() == 0  # ran just now: not due again for an hour


@pytest.mark.parametrize("url", ["http://127.0.0.1:8000/v1/health", "http://169.254.169.254/latest/meta-data",
                                 "http://[::1]/feed.json", "http://10.0.0.5/feed.json", "http://localhost/feed.json"])
def test_a_registered_feed_never_reaches_the_servers_own_network(url):
    with pytest.raises(FeedError, match="not a public address"):
        load_feed(url, public_only=True)
