"""`lantern import ...` at work: the file read, the dry run and the apply with progress bars, then the summary.

Kept out of api/cli/__init__.py so that module stays the list of commands; the work itself is the import services'
(api/interop/meeting_guide/importer.py, api/interop/hsds/importer.py).
"""

from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse

import click
from rich.progress import Progress

from api.domain.vocabulary import CATEGORIES
from api.interop.hsds import importer as hsds_import
from api.interop.hsds.files import HsdsFileError, read_path
from api.interop.imports.apply import ImportFailed, ImportRefused
from api.interop.limits import ImportLimits
from api.interop.meeting_guide import importer as feeds
from api.interop.meeting_guide.entries import FeedOptions, fellowship_or_error
from api.interop.meeting_guide.entries import timezone_or_error as checked_timezone
from api.models import Organization
from api.services.editing import Actor
from api.services.geocoding import Geocoder

MAX_ERROR_LINES = 50


def import_feed(feed: str, organization_id: str, source: str | None, timezone: str | None, fellowship: str,
                dry_run: bool, geocoder: Geocoder, all_or_nothing: bool = True,
                limits: ImportLimits = ImportLimits()) -> int:
    """Import a Meeting Guide feed into one organisation; the exit status (0 done; 1 nothing written, or with
    all_or_nothing off, meetings with errors left out)."""
    organization = _organization(organization_id)
    if organization is None:
        return 1
    try:
        options = FeedOptions(source or default_source(feed), fellowship_or_error(fellowship),
                              checked_timezone(timezone) if timezone else None, geocoder)
        entries = feeds.read_feed(feeds.load_feed(feed, limits), limits)
    except (ValueError, feeds.FeedError) as error:
        click.echo(f"Nothing imported: {error}", err=True)
        return 1
    now = datetime.now(UTC).replace(tzinfo=None)
    with Progress(transient=False) as progress:
        task = progress.add_task("Reading meetings", total=len(entries))
        plan = feeds.plan(organization, entries, options, now=now, who="lantern import meeting-guide",
                          on_entry=lambda: progress.advance(task))
    _echo_errors(feeds.error_lines(plan))
    if plan.errors and (all_or_nothing or dry_run):
        hint = "" if dry_run else " (all or nothing: --per-record imports the meetings without errors)"
        click.echo(f"Nothing imported{hint}: {feeds.summary(plan)}", err=True)
        return 1
    if dry_run:
        click.echo(f"Dry run (nothing written): {feeds.summary(plan)}")
        return 0
    actor = Actor("cli", f"Meeting Guide import ({options.source})")
    try:
        with Progress(transient=False) as progress:
            task = progress.add_task("Writing meetings", total=len(plan.writes) + len(plan.removals))
            report = feeds.apply(plan, actor, on_write=lambda: progress.advance(task), all_or_nothing=all_or_nothing)
    except (ImportRefused, ImportFailed) as refused:
        click.echo(str(refused), err=True)
        return 1
    click.echo(feeds.summary(plan, report))
    return 1 if plan.errors else 0


def default_source(feed: str) -> str:
    """A feed's name when none is given: its URL, or its file's name."""
    return feed if urlparse(feed).scheme in ("http", "https") else Path(feed.removeprefix("file://")).name


def import_hsds(path: str, source: str, organization_id: str | None, category: str | None, timezone: str | None,
                dry_run: bool, all_or_nothing: bool, geocoder: Geocoder, limits: ImportLimits = ImportLimits()) -> int:
    """Import an HSDS file network-wide (or into one organisation); the exit status (0 done, 1 nothing written)."""
    if category is not None and category not in CATEGORIES:
        click.echo(f"--category must be one of: {', '.join(CATEGORIES)}.", err=True)
        return 2
    scope = hsds_import.Scope()
    if organization_id:
        organization = _organization(organization_id)
        if organization is None:
            return 1
        scope = hsds_import.Scope(organization, everything_into=True)
    try:
        bundle = read_path(Path(path), limits)
    except (HsdsFileError, OSError) as error:
        click.echo(f"Nothing imported: {error}", err=True)
        return 1
    with Progress(transient=False) as progress:
        task = progress.add_task("Reading services", total=len(bundle.services) + len(bundle.unreadable))
        plan = hsds_import.plan(bundle, scope, f"hsds:{source}", category=category, timezone=timezone,
                                geocoder=geocoder, now=datetime.now(UTC).replace(tzinfo=None),
                                who=f"lantern import hsds ({source})", on_record=lambda: progress.advance(task))
    _echo_errors([f"record {number}: {field}: {message}" for number, errors in plan.errors.items()
                  for field, message in errors.items()])
    counts = plan.counts
    planned = (f"{counts['create']} to create, {counts['update']} to update, {counts['unchanged']} unchanged, "
               f"0 to remove, {len(plan.errors)} errors")
    if dry_run:
        click.echo(f"Dry run (nothing written): {planned}")
        return 0
    if plan.errors and all_or_nothing:
        click.echo(f"Nothing imported (all or nothing; --per-record imports the good records): {planned}", err=True)
        return 1
    try:
        with Progress(transient=False) as progress:
            task = progress.add_task("Writing organisations", total=len(plan.plans))
            summary = hsds_import.apply(plan, Actor("cli", f"HSDS import ({source})"), all_or_nothing,
                                        on_plan=lambda: progress.advance(task))
    except (ImportRefused, ImportFailed) as refused:
        click.echo(str(refused), err=True)
        return 1
    click.echo(f"Imported: {summary.line()}")
    if summary.organizations:
        click.echo(f"New organisations: {', '.join(summary.organizations)}")
    return 0 if not summary.errors else 1


def _organization(organization_id: str) -> Organization | None:
    """The organisation, or None once it is said that there is none of that id."""
    organization = Organization.objects(id=organization_id).first()
    if organization is None:
        click.echo(f"No organisation with id {organization_id!r}.", err=True)
    return organization


def _echo_errors(lines: list[str]) -> None:
    """The first MAX_ERROR_LINES of a plan's errors, and how many more there are."""
    for line in lines[:MAX_ERROR_LINES]:
        click.echo(line, err=True)
    if len(lines) > MAX_ERROR_LINES:
        click.echo(f"... and {len(lines) - MAX_ERROR_LINES} more", err=True)
