"""The `lantern` command: run the product, seed a real database, rebuild the search index.

The command line is where the parts are put together (api/ never imports admin/ or indexer/ otherwise): it mounts
the admin area (admin/) on the API's app, and on the embedded default runs the notifier (and, with Meilisearch
configured, the indexer) as threads of the process that writes the data (api/cli/serving.py).
"""

import sys
from datetime import UTC, datetime

import click

from api.config import Config

EMBEDDED_BANNER = """\
Lantern — embedded default: MongoDB is mongomock-ng inside Lantern's processes (searched through in-process
snapshots), seeded with Riverton when its store is empty. Real stack: README.md (docker compose, MONGODB_URI).
  API      http://{host}:{port}/v1/services?lat=39.10&lng=-94.58&open_now=true
  Docs     http://{host}:{port}/docs          (OpenAPI: /openapi.json)
  Health   http://{host}:{port}/v1/health
  Admin    http://{host}:{port}/admin  (demo: partner@lantern.example / {demo_password}, network admin: \
admin@lantern.example / {demo_password})
           an outreach worker who sends referrals: worker@lantern.example / {demo_password}
"""


@click.group()
def main():
    """Lantern: the recovery-support directory backend."""


@main.command()
@click.option("--host", help="Address to listen on (default: HOST or 127.0.0.1).")
@click.option("--port", type=int, help="Port to listen on (default: PORT or 8000).")
@click.option("--ephemeral", is_flag=True, help="Keep the embedded database in memory only: nothing is kept when it "
                                                "stops (demos, trials; EPHEMERAL=1).")
def run(host, port, ephemeral):
    """Serve the API (embedded default unless MONGODB_URI is set)."""
    config = Config()
    config.HOST = host or config.HOST
    config.PORT = port or config.PORT
    config.EPHEMERAL = config.EPHEMERAL or ephemeral
    if config.MONGODB_URI is None:
        from seeds.staff import DEMO_PASSWORD
        click.echo(EMBEDDED_BANNER.format(host=config.HOST, port=config.PORT, demo_password=DEMO_PASSWORD), err=True)
    click.echo(data_line(config), err=True)
    from api.cli.serving import serve
    serve(config)


@main.command(hidden=True)
@click.option("--socket", "socket_path", required=True, help="The private Unix socket to listen on.")
@click.option("--parent", type=int, required=True, help="The `lantern run` process; the writer stops when it ends.")
def writer(socket_path, parent):
    """The embedded default's writer process, started by `lantern run` beside its replicas."""
    from api.cli.serving import serve_writer
    serve_writer(Config(), socket_path, parent)


def data_line(config: Config) -> str:
    """The start-up line saying where the data lives."""
    from api.config import data_dir_origin
    if config.MONGODB_URI is not None:
        return f"Data: MongoDB database {config.MONGODB_DB!r} at MONGODB_URI"
    if config.EPHEMERAL:
        return "Data: in memory only (--ephemeral): nothing is kept when it stops"
    from api.adapters.data_file import FILE_NAME
    return (f"Data: {config.DATA_DIR / FILE_NAME} ({data_dir_origin(config.DATA_DIR)}; every acknowledged write is "
            "on disk; back up with `lantern backup FILE`)")


@main.command()
def reindex():
    """Rebuild the Meilisearch index from the database (MONGODB_URI) with no gap, using MEILI_MASTER_KEY."""
    config = Config()
    if config.MONGODB_URI is None or not config.MEILI_URL:
        click.echo("reindex reads MONGODB_URI and writes MEILI_URL (with MEILI_MASTER_KEY); set both. The embedded "
                   "default's database lives inside the `make run` process and has no Meilisearch index.", err=True)
        sys.exit(2)
    from rich.progress import Progress

    from api.adapters.meili.source import all_documents, count_services
    from api.adapters.meili.writer import admin_client, full_reindex
    from api.adapters.storage import MongoStorage
    MongoStorage(config.MONGODB_URI, config.MONGODB_DB)
    client = admin_client(config.MEILI_URL, config.MEILI_MASTER_KEY)
    now = datetime.now(UTC)
    with Progress(transient=False) as progress:
        task = progress.add_task(f"Reindexing {config.MEILI_INDEX}", total=count_services())
        indexed = full_reindex(client, config.MEILI_INDEX, all_documents(now, config.FRESHNESS_TTL_HOURS),
                               on_batch=lambda documents: progress.advance(task, len({d["service_id"]
                                                                                       for d in documents})))
    click.echo(f"indexed {indexed} documents into {config.MEILI_INDEX}")


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, writable=True))
def backup(file):
    """Write every collection to FILE (mongodump's layout in a .tar.gz); safe while Lantern runs."""
    from api.cli.backup import backup as run_backup
    try:
        click.echo(run_backup(Config(), file))
    except (ValueError, OSError) as error:
        click.echo(f"Not backed up: {error}", err=True)
        sys.exit(1)


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--force", is_flag=True, help="Replace the data that is there (otherwise only an empty store is "
                                            "restored into).")
def restore(file, force):
    """Restore a `lantern backup` FILE into MONGODB_URI's database or DATA_DIR (stop Lantern first)."""
    from api.adapters.backup import NotEmpty
    from api.cli.backup import restore as run_restore
    from api.errors import ConfigurationError
    try:
        click.echo(run_restore(Config(), file, force))
    except NotEmpty as error:
        click.echo(f"Not restored: {error} already holds data, which restoring would replace. Back it up first "
                   "(`lantern backup FILE`), then run again with --force.", err=True)
        sys.exit(1)
    except (ConfigurationError, ValueError, OSError) as error:
        click.echo(f"Not restored: {error}", err=True)
        sys.exit(1)


def _real_database_or_exit(instead: str) -> Config:
    """The settings, with MONGODB_URI's database opened for this command; without one, say so and exit 2.

    `instead` ends the refusal: what the embedded default does instead, and this command pointed at a real MongoDB.
    """
    config = Config()
    if config.MONGODB_URI is None:
        click.echo("MONGODB_URI is not set, so there is no database for this command to write to: the embedded "
                   f"default's database lives inside the `make run` process{instead}", err=True)
        sys.exit(2)
    from api.adapters.storage import MongoStorage
    MongoStorage(config.MONGODB_URI, config.MONGODB_DB)
    return config


@main.command()
@click.option("--generate", type=click.IntRange(min=1), help="Also add N synthetic listings (for benchmarks).")
def seed(generate):
    """Load the seed directory into MONGODB_URI (idempotent: existing records are left as they are)."""
    _real_database_or_exit(", which seeds itself at start.\n"
                           "To seed a real MongoDB: MONGODB_URI=mongodb://host:27017 lantern seed")
    from seeds.generate import load_generated
    from seeds.loader import seed_database
    click.echo(seed_database(progress=True))
    if generate:
        click.echo(load_generated(generate, progress=True))


@main.group(name="admin")
def admin_commands():
    """Partner admin area: staff accounts on a real database."""


@admin_commands.command("create-user")
@click.option("--email", required=True, help="Sign-in email address.")
@click.option("--name", required=True, help="Name shown to other staff.")
@click.option("--role", type=click.Choice(["network_admin", "org_admin", "editor"]), default="network_admin",
              show_default=True)
@click.option("--organization", help="Organisation id (org_admin and editor belong to one).")
def create_user(email, name, role, organization):
    """Create an active staff account in MONGODB_URI, asking for its password (the first network admin)."""
    _real_database_or_exit(", which prints a demo admin sign-in at start. To create a user in a real MongoDB: "
                           "MONGODB_URI=mongodb://host:27017 lantern admin create-user --email you@example.org "
                           "--name 'Your Name'")
    from api.errors import LanternError
    from api.services import accounts
    password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = accounts.create_user(email, name, role, organization, password, actor=("cli", "lantern admin"),
                                    now=datetime.now(UTC))
    except LanternError as refused:
        click.echo(f"Not created: {refused}{_field_errors(refused)}", err=True)
        sys.exit(1)
    click.echo(f"created {user.role} {user.email} (id {user.id}); sign in at /admin/login")


def _field_errors(error) -> str:
    """InvalidField carries its message per field; name the field, since the CLI's options are named alike."""
    named = next(iter((error.errors or {}).values()), {})
    return "".join(f" ({field})" for field in named)


# How an import command's refusal on the embedded default ends: where to import instead, or how to reach a database.
_IMPORT_ELSEWHERE = (". Import there from the admin area (an organisation's page: {page}), or point this command at a "
                     "real MongoDB: MONGODB_URI=mongodb://host:27017 lantern import {command}")


@main.group(name="import")
def import_commands():
    """Bring listings in from other systems' formats into MONGODB_URI (on the embedded default: the admin area)."""


@import_commands.command("meeting-guide")
@click.argument("feed")
@click.option("--organization", "organization_id", required=True, help="Id of the organisation the meetings are of.")
@click.option("--source", help="This feed's name, its meetings' provenance (default: the file's name or the URL). "
                               "Meetings of this source that the feed no longer lists are removed.")
@click.option("--timezone", help="IANA time zone for meetings that give none and whose coordinates do not tell, "
                                 "e.g. America/Chicago.")
@click.option("--fellowship", default="aa", show_default=True, help="Fellowship of the feed's meetings.")
@click.option("--dry-run", is_flag=True, help="Only show what would change.")
@click.option("--all-or-nothing/--per-record", default=True, show_default=True,
              help="Import nothing if any meeting is bad, or import the good meetings and report the bad.")
def import_meeting_guide(feed, organization_id, source, timezone, fellowship, dry_run, all_or_nothing):
    """Import a Meeting Guide JSON feed (FEED: a file or an http(s) URL)."""
    config = _real_database_or_exit(_IMPORT_ELSEWHERE.format(page="Import a Meeting Guide feed",
                                                              command="meeting-guide FEED --organization ID"))
    from api.backends import geocoder
    from api.cli.imports import import_feed
    from api.interop.limits import ImportLimits
    sys.exit(import_feed(feed, organization_id, source, timezone, fellowship, dry_run, geocoder(config),
                         all_or_nothing, ImportLimits.of(config)))


@import_commands.command("hsds")
@click.argument("path", type=click.Path(exists=True))
@click.option("--source", default="file", show_default=True,
              help="This data's source name; its records' provenance (hsds:NAME), by which a re-import updates them.")
@click.option("--organization", "organization_id", help="Import every record into this organisation (default: each "
                                                         "HSDS organization into its own, created when new).")
@click.option("--category", help="Category (meeting, housing, clinical, peer_support, ...) of services whose "
                                 "attributes name none of ours (lantern-category).")
@click.option("--timezone", help="IANA time zone of services whose schedules name none, e.g. America/Chicago.")
@click.option("--dry-run", is_flag=True, help="Only show what would change.")
@click.option("--all-or-nothing/--per-record", default=True, show_default=True,
              help="Import nothing if any record is bad, or import the good records and report the bad.")
def import_hsds(path, source, organization_id, category, timezone, dry_run, all_or_nothing):
    """Import HSDS 3.x: PATH is JSON, ndjson, or the CSV datapackage (a folder or a .zip)."""
    config = _real_database_or_exit(_IMPORT_ELSEWHERE.format(page="Import an HSDS file", command="hsds PATH"))
    from api.backends import geocoder
    from api.cli.imports import import_hsds as run_import
    from api.interop.limits import ImportLimits
    sys.exit(run_import(path, source, organization_id, category, timezone, dry_run, all_or_nothing,
                        geocoder(config), ImportLimits.of(config)))


_EXPORT_ELSEWHERE = (". The running app serves the same at {url}, or point this command at a real MongoDB: "
                     "MONGODB_URI=mongodb://host:27017 lantern export {command}")


@main.group(name="export")
def export_commands():
    """Write the directory in other systems' formats from MONGODB_URI (the running app serves them too)."""


@export_commands.command("meeting-guide")
@click.argument("file", type=click.Path(dir_okay=False, writable=True))
def export_meeting_guide(file):
    """Write every listed weekly meeting to FILE as a Meeting Guide JSON feed (as /v1/meeting-guide.json)."""
    from api.cli.exports import export_meeting_guide as run_export
    _export(run_export, file, "/v1/meeting-guide.json", "meeting-guide FILE")


@export_commands.command("hsds")
@click.argument("file", type=click.Path(dir_okay=False, writable=True))
def export_hsds(file):
    """Write every service, fully nested, to FILE as HSDS 3.0 ndjson (as /hsds/services?full=true&format=ndjson)."""
    from api.cli.exports import export_hsds as run_export
    _export(run_export, file, "/hsds/services?full=true&format=ndjson", "hsds FILE")


def _export(run_export, file: str, url: str, command: str) -> None:
    """Run an export from MONGODB_URI with report links at PUBLIC_URL; on the embedded default, say where to read."""
    config = _real_database_or_exit(_EXPORT_ELSEWHERE.format(url=url, command=command))
    click.echo(run_export(file, config.PUBLIC_URL))


@main.group(name="referrals")
def referral_commands():
    """Warm referrals: the key that seals clients' details (REFERRAL_KEY)."""


@referral_commands.command("new-key")
def new_referral_key():
    """Print a fresh key for REFERRAL_KEY. To rotate: put it first, keep the old key after it, run `reseal`, then
    drop the old key."""
    from api.adapters.sealing import FernetSeal
    click.echo(FernetSeal.new_key())


@referral_commands.command("reseal")
def reseal_referrals():
    """Seal every stored referral's details again with REFERRAL_KEY's first key, so older keys can be dropped."""
    config = _real_database_or_exit(", which makes its own key at start and keeps it beside the data (set "
                                    "REFERRAL_KEY to choose one).\nTo reseal a real MongoDB: MONGODB_URI=... "
                                    "REFERRAL_KEY=new,old lantern referrals reseal")
    from api.adapters.sealing import FernetSeal, parse_keys
    from api.services.referrals.personal import reseal_all
    try:
        seal = FernetSeal(parse_keys(config.REFERRAL_KEY or ""))
    except ValueError as error:
        click.echo(f"REFERRAL_KEY: {error}", err=True)
        sys.exit(2)
    click.echo(f"resealed {reseal_all(seal)} referrals with the first key of REFERRAL_KEY")
