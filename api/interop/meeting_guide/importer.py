"""Meetings from a Meeting Guide JSON feed, into one organisation: read (a file or a URL), planned, applied.

The feed is the whole list of its source's meetings: an entry updates the meeting its slug made before (within this
organisation and source only), and a meeting of this source that the feed no longer lists is removed when the plan
is applied (a numbered tombstone: the search index, the change feed and subscribers hear of it). Planning and
applying are the CSV import's (api/interop/imports/plan.py, apply.py): a dry run with per-entry errors, and
an apply that writes all of it or none (or, when asked, every entry without errors). How one entry maps onto a
meeting: api/interop/meeting_guide/entries.py.
"""

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from functools import partial
from http import HTTPStatus
from pathlib import Path
from urllib.parse import urlparse

from api.errors import LanternError
from api.i18n.text import gettext as _
from api.i18n.text import number as figure  # (a number in the current language)
from api.interop.imports.apply import ImportRefused, ImportReport, apply_plan
from api.interop.imports.plan import CREATE, INVALID, UNCHANGED, UPDATE, ImportPlan, Planner
from api.interop.json_items import array_items, starts_array
from api.interop.limits import ImportLimits, megabytes
from api.interop.meeting_guide.entries import FeedOptions, fill_meeting, key_for, slug_of
from api.interop.meeting_guide.fetch import FetchError, fetch
from api.models import Organization
from api.services.editing import Actor

DEFAULTS = ImportLimits()
MAX_BYTES, MAX_MEETINGS = DEFAULTS.feed_bytes, DEFAULTS.feed_meetings
SOURCE_PREFIX = "meeting-guide:"


class FeedError(LanternError):
    """The feed as a whole cannot be read (size, encoding, JSON, shape, fetch): none of its entries was looked at."""

    http_status = HTTPStatus.UNPROCESSABLE_ENTITY


def source_of(name: str) -> str:
    """The provenance of a feed's meetings: each feed its own source, so one feed never removes another's."""
    name = (name or "").strip()
    return name if name.startswith(SOURCE_PREFIX) else f"{SOURCE_PREFIX}{name}"[:200]


def read_feed(data: bytes, limits: ImportLimits = DEFAULTS) -> list:
    """The feed's entries (anything JSON, checked one by one when planned); FeedError for the file as a whole.

    Entries are decoded one at a time and counted, so a feed of millions of tiny entries stops at the limit."""
    if len(data) > limits.feed_bytes:
        raise FeedError(_("The feed is larger than {size}.", size=megabytes(limits.feed_bytes)))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FeedError(_("The feed is not UTF-8 text (byte {byte}).", byte=error.start + 1)) from None
    entries = []
    try:
        if not starts_array(text) and text.strip():
            kind = "object" if text.lstrip().startswith("{") else type(json.loads(text)).__name__
            raise FeedError(_("A Meeting Guide feed is a JSON array of meetings; this file holds a JSON {kind}.",
                              kind=kind))
        for entry in array_items(text):
            entries.append(entry)
            if len(entries) > limits.feed_meetings:
                raise FeedError(_("The feed has more than {count} meetings.", count=figure(limits.feed_meetings)))
    except json.JSONDecodeError as error:
        raise FeedError(_("The feed is not JSON: {error} at line {line}, column {column}.", error=error.msg,
                          line=error.lineno, column=error.colno)) from None
    except RecursionError:
        raise FeedError(_("The feed is not JSON that can be read: it is nested too deeply.")) from None
    if not entries:
        raise FeedError(_("The feed lists no meetings (an empty feed would remove every meeting it made)."))
    return entries


def load_feed(location: str, limits: ImportLimits = DEFAULTS, public_only: bool = False) -> bytes:
    """A feed's bytes from an http(s) URL or a file path, within the limits; FeedError says what went wrong.

    public_only (feeds partners register): every address the name has must be public, and the fetch connects to
    the one checked (api/interop/meeting_guide/fetch.py), so a registered feed cannot make the server fetch its
    own network (Meilisearch, a metadata service, localhost). Redirects are never followed.
    """
    if urlparse(location).scheme not in ("http", "https"):
        path = Path(location.removeprefix("file://"))
        try:
            with path.open("rb") as file:
                data = file.read(limits.feed_bytes + 1)
        except OSError as error:
            raise FeedError(f"Cannot read {location}: {error.strerror or error}.") from None
        if len(data) > limits.feed_bytes:
            raise FeedError(f"The feed is larger than {megabytes(limits.feed_bytes)}.")
        return data
    try:
        return fetch(location, max_bytes=limits.feed_bytes, deadline_s=limits.feed_deadline_s,
                     read_timeout_s=limits.feed_read_timeout_s, public_only=public_only)
    except FetchError as error:
        raise FeedError(str(error)) from None


def plan(organization: Organization, entries: list, options: FeedOptions, *, now: datetime, who: str,
         on_entry: Callable[[], None] | None = None) -> ImportPlan:
    """The dry run: each entry's errors, or what it would create or change, and the meetings that left the feed."""
    planner = Planner(organization, source_of(options.source), now, who, id_column="slug")
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            planner.invalid(number, None, {"entry": f"a meeting is a JSON object, not {type(entry).__name__}"})
        else:
            try:
                slug = slug_of(entry)
            except ValueError as error:
                planner.invalid(number, None, {"slug": str(error)})
            else:
                planner.add(number, slug, partial(fill_meeting, entry, options), key_for)
        if on_entry:
            on_entry()
    return planner.finish(remove_missing=True)


def apply(import_plan: ImportPlan, actor: Actor, on_write: Callable[[], None] | None = None,
          all_or_nothing: bool = True) -> ImportReport:
    """Write the plan (see api/interop/imports/apply.py): refused if any entry has an error, or (not all_or_nothing)
    the entries without errors, each bad entry's meeting left as it was (a bad entry is no departed meeting).

    Either way a write failing midway undoes what this apply wrote.
    """
    if all_or_nothing or not import_plan.errors:
        return apply_plan(import_plan, actor, on_write=on_write)
    if import_plan.applied:
        raise ImportRefused(_("This plan was applied already."))
    report = apply_plan(replace(import_plan, rows=[row for row in import_plan.rows if row.action != INVALID]), actor,
                        on_write=on_write)
    import_plan.applied = True
    return report


def summary(import_plan: ImportPlan, report: ImportReport | None = None) -> str:
    """created / updated / unchanged / removed / errors, as applied (with a report) or as planned."""
    counts = import_plan.counts
    if report is not None:
        numbers = (len(report.created), len(report.updated), report.unchanged, len(report.removed), counts[INVALID])
    else:
        numbers = (counts[CREATE], counts[UPDATE], counts[UNCHANGED], len(import_plan.removals), counts[INVALID])
    return "{} created, {} updated, {} unchanged, {} removed, {} errors".format(*numbers)


def error_lines(import_plan: ImportPlan) -> list[str]:
    """Each entry's errors, one line per field: "meeting 3 (slug-x) time: '25:00' is not a time ..."."""
    return [f"meeting {row.number}{f' ({row.source_id})' if row.source_id else ''} {key}: {message}"
            for row in import_plan.rows if row.errors for key, message in row.errors.items()]
