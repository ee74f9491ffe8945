"""How much one import may ask of the server: file sizes, record counts, errors listed, a feed's fetch time.

Uploads and registered feeds come from partners' accounts, which can be stolen: every reader stops at these limits
while it reads, so a small file that unpacks or parses into something huge is refused before it costs much. The
defaults are the embedded default's; api/config.py reads each from the environment.
"""

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class ImportLimits:
    """Every import limit; ImportLimits() is the defaults, ImportLimits.of(config) the configured ones."""

    csv_bytes: int = 2 * MB
    csv_rows: int = 2000
    hsds_bytes: int = 20 * MB  # the file as uploaded: JSON, ndjson or a zip
    hsds_records: int = 10_000  # services, and records that cannot be read
    hsds_unpacked: int = 100 * MB  # the tables a zip holds, unpacked, together
    hsds_entries: int = 100  # files in a zip
    feed_bytes: int = 8 * MB
    feed_meetings: int = 10_000
    listed_errors: int = 100  # records listed one by one in a report; the rest are counted
    feed_deadline_s: float = 60.0  # a whole fetch, from looking up the name to the last byte
    feed_read_timeout_s: float = 20.0  # silence between two reads of a fetch

    @classmethod
    def of(cls, config) -> "ImportLimits":
        """The limits a Config (api/config.py) sets."""
        return cls(csv_bytes=int(config.CSV_IMPORT_MAX_MB * MB), csv_rows=config.CSV_IMPORT_MAX_ROWS,
                   hsds_bytes=int(config.HSDS_IMPORT_MAX_MB * MB), hsds_records=config.HSDS_IMPORT_MAX_RECORDS,
                   hsds_unpacked=int(config.HSDS_IMPORT_MAX_UNPACKED_MB * MB),
                   hsds_entries=config.HSDS_IMPORT_MAX_FILES, feed_bytes=int(config.MEETING_GUIDE_MAX_MB * MB),
                   feed_meetings=config.MEETING_GUIDE_MAX_MEETINGS, listed_errors=config.IMPORT_LISTED_ERRORS,
                   feed_deadline_s=config.FEED_FETCH_DEADLINE_S, feed_read_timeout_s=config.FEED_READ_TIMEOUT_S)


def megabytes(size: int) -> str:
    """A limit in bytes as people read it: "20 MB", "1.5 MB", "100 KB"."""
    return f"{size / MB:g} MB" if size >= MB else f"{size / 1024:.0f} KB"
