"""`lantern export ...` at work: the directory written out in other systems' formats, with a progress bar.

The same builders serve /v1/meeting-guide.json and /hsds/services, so a file and the API never disagree.
"""

import json
from datetime import UTC, datetime
from pathlib import Path

from rich.progress import Progress

from api.interop.hsds import reads as hsds
from api.interop.hsds.paging import Filters
from api.interop.meeting_guide.feed import meeting_guide_feed
from api.services.reports.links import links_to


def export_meeting_guide(path: str, public_url: str | None = None) -> str:
    """Every listed weekly meeting as one Meeting Guide JSON array, report links at public_url; returns the summary."""
    with links_to(public_url):
        entries = meeting_guide_feed()
    with Progress(transient=True) as progress, Path(path).open("w", encoding="utf-8") as out:
        task = progress.add_task("Writing meetings", total=len(entries))
        out.write("[")
        for number, entry in enumerate(entries):
            out.write(("," if number else "") + "\n" + json.dumps(entry, ensure_ascii=False))
            progress.advance(task)
        out.write("\n]\n")
    return f"{len(entries)} meetings written to {path}"


def export_hsds(path: str, public_url: str | None = None) -> str:
    """Every service, fully nested, as HSDS 3.0 ndjson (one service per line); returns the summary line."""
    listing = hsds.services(Filters(), "full", datetime.now(UTC))
    written = 0
    with links_to(public_url), Progress(transient=True) as progress, Path(path).open("w", encoding="utf-8") as out:
        task = progress.add_task("Writing services", total=listing.total)
        for service in listing.stream():
            out.write(json.dumps(service, ensure_ascii=False) + "\n")
            written += 1
            progress.advance(task)
    return f"{written} services written to {path}"
