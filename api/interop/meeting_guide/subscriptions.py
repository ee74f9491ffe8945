"""Meeting Guide feeds re-imported on a schedule: registered per organisation, run when due, each run recorded.

A run fetches the feed, plans it and applies it all or nothing, exactly as an upload's Apply does; a feed that
cannot be fetched or read, or that has an entry with errors, applies nothing and records why on the feed.
"""

from datetime import datetime, timedelta
from urllib.parse import urlparse

from api.errors import LanternError
from api.i18n.text import gettext as _
from api.interop.limits import ImportLimits
from api.interop.meeting_guide import importer as feeds
from api.interop.meeting_guide.entries import FeedOptions
from api.models import Organization
from api.models.feed_subscription import FeedSubscription
from api.services.editing import Actor
from api.services.geocoding import Geocoder

MAX_RESULT = 4000


def register(organization_id: str, url: str, name: str | None, every_hours: int, timezone: str | None,
             fellowship: str, user_id: str) -> FeedSubscription:
    """Add a feed to re-import; only http(s) URLs (a server never reads its own files for a partner)."""
    if urlparse(url).scheme not in ("http", "https") or not urlparse(url).netloc:
        raise ValueError(_("give the feed's web address, starting with https://"))
    subscription = FeedSubscription(organization=organization_id, url=url, source=feeds.source_of(name or url),
                                    timezone=timezone or None, fellowship=fellowship, every_hours=every_hours,
                                    created_by=user_id)
    subscription.validate()
    return subscription.save()


def due(now: datetime) -> list[FeedSubscription]:
    """The feeds never run, or last run at least their interval ago."""
    return [feed for feed in FeedSubscription.objects.order_by("created_at")
            if feed.last_run is None or feed.last_run + timedelta(hours=feed.every_hours) <= now]


def run_due_feeds(now: datetime, geocoder: Geocoder | None = None, public_only: bool = True,
                  limits: ImportLimits = ImportLimits()) -> list[FeedSubscription]:
    """Run every due feed (now: naive UTC); return them, each with its run recorded. Each fetch has its own
    deadline (limits.feed_deadline_s), so a slow server delays the others by that much at most."""
    return [run_feed(feed, now, geocoder, public_only, limits) for feed in due(now)]


def run_feed(feed: FeedSubscription, now: datetime, geocoder: Geocoder | None = None,
             public_only: bool = True, limits: ImportLimits = ImportLimits()) -> FeedSubscription:
    """Fetch (from public addresses only, unless told otherwise: tests serve feeds on 127.0.0.1), plan and apply
    one feed all or nothing, and record how it went."""
    feed.last_run = now
    try:
        organization = Organization.objects(id=feed.organization).first()
        if organization is None:
            raise feeds.FeedError("its organisation no longer exists")
        entries = feeds.read_feed(feeds.load_feed(feed.url, limits, public_only), limits)
        options = FeedOptions(feed.source, feed.fellowship, feed.timezone, geocoder)
        who = f"Meeting Guide feed {feed.url}"[:200]
        plan = feeds.plan(organization, entries, options, now=now, who=who)
        if plan.errors:
            lines = feeds.error_lines(plan)
            raise feeds.FeedError(f"nothing applied ({feeds.summary(plan)}): " + "; ".join(lines[:10]))
        report = feeds.apply(plan, Actor(f"feed:{feed.id}", who))
        feed.last_ok, feed.last_result = True, feeds.summary(plan, report)
    except LanternError as error:  # FeedError, ImportRefused, ImportFailed: nothing was applied
        feed.last_ok, feed.last_result = False, str(error)[:MAX_RESULT]
    feed.save()
    return feed
