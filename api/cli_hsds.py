"""`lantern import hsds` at work: the file read, the dry run and the apply with progress bars, then the summary.

Beside api/cli_imports.py (the Meeting Guide import) and shaped like it; the work itself is api/services/hsds_import.
"""

from datetime import UTC, datetime
from pathlib import Path

import click
from rich.progress import Progress

from api.domain.vocabulary import CATEGORIES
from api.models import Organization
from api.services import hsds_import
from api.services.editing import Actor
from api.services.geocoding import Geocoder
from api.services.hsds_files import HsdsFileError, read_path
from api.services.import_apply import ImportFailed, ImportRefused

MAX_ERROR_LINES = 50


def import_hsds(path: str, source: str, organization_id: str | None, category: str | None, timezone: str | None,
                dry_run: bool, all_or_nothing: bool, geocoder: Geocoder) -> int:
    """Import an HSDS file network-wide (or into one organisation); the exit status (0 done, 1 nothing written)."""
    if category is not None and category not in CATEGORIES:
        click.echo(f"--category must be one of: {', '.join(CATEGORIES)}.", err=True)
        return 2
    scope = hsds_import.Scope()
    if organization_id:
        organization = Organization.objects(id=organization_id).first()
        if organization is None:
            click.echo(f"No organisation with id {organization_id!r}.", err=True)
            return 1
        scope = hsds_import.Scope(organization, everything_into=True)
    try:
        bundle = read_path(Path(path))
    except (HsdsFileError, OSError) as error:
        click.echo(f"Nothing imported: {error}", err=True)
        return 1
    with Progress(transient=False) as progress:
        task = progress.add_task("Reading services", total=len(bundle.services) + len(bundle.unreadable))
        plan = hsds_import.plan(bundle, scope, f"hsds:{source}", category=category, timezone=timezone,
                                geocoder=geocoder, now=datetime.now(UTC).replace(tzinfo=None),
                                who=f"lantern import hsds ({source})", on_record=lambda: progress.advance(task))
    lines = [f"record {number}: {field}: {message}" for number, errors in plan.errors.items()
             for field, message in errors.items()]
    for line in lines[:MAX_ERROR_LINES]:
        click.echo(line, err=True)
    if len(lines) > MAX_ERROR_LINES:
        click.echo(f"... and {len(lines) - MAX_ERROR_LINES} more", err=True)
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
