"""`lantern import ...` at work: the file read, the dry run and the apply with progress bars, then the summary.

Kept out of api/cli.py so that module stays the list of commands; the work itself is the import services'.
"""

from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse

import click
from rich.progress import Progress

from api.models import Organization
from api.services import meeting_guide_import as feeds
from api.services.editing import Actor
from api.services.geocoding import Geocoder
from api.services.import_apply import ImportFailed, ImportRefused
from api.services.meeting_guide_entry import FeedOptions, fellowship_or_error
from api.services.meeting_guide_entry import timezone_or_error as checked_timezone

MAX_ERROR_LINES = 50


def import_feed(feed: str, organization_id: str, source: str | None, timezone: str | None, fellowship: str,
                dry_run: bool, geocoder: Geocoder) -> int:
    """Import a Meeting Guide feed into one organisation; the exit status (0 done, 1 refused: nothing written)."""
    organization = Organization.objects(id=organization_id).first()
    if organization is None:
        click.echo(f"No organisation with id {organization_id!r}.", err=True)
        return 1
    try:
        options = FeedOptions(source or default_source(feed), fellowship_or_error(fellowship),
                              checked_timezone(timezone) if timezone else None, geocoder)
        entries = feeds.read_feed(feeds.load_feed(feed))
    except (ValueError, feeds.FeedError) as error:
        click.echo(f"Nothing imported: {error}", err=True)
        return 1
    now = datetime.now(UTC).replace(tzinfo=None)
    with Progress(transient=False) as progress:
        task = progress.add_task("Reading meetings", total=len(entries))
        plan = feeds.plan(organization, entries, options, now=now, who="lantern import meeting-guide",
                          on_entry=lambda: progress.advance(task))
    if plan.errors:
        lines = feeds.error_lines(plan)
        for line in lines[:MAX_ERROR_LINES]:
            click.echo(line, err=True)
        if len(lines) > MAX_ERROR_LINES:
            click.echo(f"... and {len(lines) - MAX_ERROR_LINES} more", err=True)
        click.echo(f"Nothing imported: {feeds.summary(plan)}", err=True)
        return 1
    if dry_run:
        click.echo(f"Dry run (nothing written): {feeds.summary(plan)}")
        return 0
    actor = Actor("cli", f"Meeting Guide import ({options.source})")
    try:
        with Progress(transient=False) as progress:
            task = progress.add_task("Writing meetings", total=len(plan.writes) + len(plan.removals))
            report = feeds.apply(plan, actor, on_write=lambda: progress.advance(task))
    except (ImportRefused, ImportFailed) as refused:
        click.echo(str(refused), err=True)
        return 1
    click.echo(feeds.summary(plan, report))
    return 0


def default_source(feed: str) -> str:
    """A feed's name when none is given: its URL, or its file's name."""
    return feed if urlparse(feed).scheme in ("http", "https") else Path(feed.removeprefix("file://")).name
