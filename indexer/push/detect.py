"""What changed that is news: the touched services' signals now, against those stored at the last pass."""

from dataclasses import dataclass
from datetime import datetime

from pymongo import DeleteOne, ReplaceOne

from api.domain.push_news import news, signals
from api.models import Location, Service
from api.models.changes import Tombstone
from api.models.push import PushState
from api.models.records import RecordView
from api.models.translations import TRANSLATED, translated


@dataclass(frozen=True)
class Found:
    service: str
    news: dict  # {kind: detail}
    signals: dict  # the service as it is now (as it was, when removed)
    seq: int  # the change number that made it news: the same news from a replay has the same number


@dataclass
class Detection:
    """The news found, and the signals to store once that news is queued (stored first, a crash would lose it)."""

    found: list[Found]
    states: list[tuple[str, dict | None]]  # (service, its signals now; None when removed)

    def store(self) -> None:
        """Write every changed state in one bulk write (a first pass stores the whole directory's)."""
        writes = [_write(service_id, after) for service_id, after in self.states]
        if writes:
            PushState._get_collection().bulk_write(writes, ordered=False)


def detect(service_ids: set[str], now: datetime, ttl_hours: dict, everything: bool = False,
           announce: bool = True) -> Detection:
    """Compare signals; `everything` reads whole collections (a first pass), `announce` False records a baseline
    without news (the very first pass: the existing directory is nobody's news)."""
    services, places, states = _read(service_ids, everything)
    found, changed = [], []
    for service_id in service_ids:
        record = services.get(service_id)
        after = None
        if record is not None:
            points = [places[link.location] for link in record.locations if link.location in places]
            names = {code: name for code in TRANSLATED if (name := translated(record.translations, "name", code))}
            after = signals(record, points, ttl_hours, names)
        before = states.get(service_id)
        kinds = news(before, after, now) if announce else {}
        if kinds:
            seq = record.change_seq if record is not None else _removed_at(service_id)
            found.append(Found(service_id, kinds, after or before, seq))
        if after != before:
            changed.append((service_id, after))
    return Detection(found, changed)


def _read(ids: set[str], everything: bool) -> tuple[dict, dict, dict]:
    # Look-ups by a long id list are slow on the embedded database: a first pass reads each collection once.
    criteria = {} if everything else {"_id": {"$in": list(ids)}}
    services = {row["_id"]: RecordView(row) for row in Service._get_collection().find(criteria)}
    place_ids = {link.location for service in services.values() for link in service.locations}
    place_criteria = {} if everything else {"_id": {"$in": list(place_ids)}}
    places = {row["_id"]: row["public_point"]["coordinates"]
              for row in Location._get_collection().find(place_criteria, {"public_point": 1})}
    states = {row["_id"]: row["signals"] for row in PushState._get_collection().find(criteria)}
    return services, places, states


def _write(service_id: str, after: dict | None):
    if after is None:
        return DeleteOne({"_id": service_id})
    return ReplaceOne({"_id": service_id}, PushState(id=service_id, signals=after).to_mongo().to_dict(), upsert=True)


def _removed_at(service_id: str) -> int:
    tombstone = Tombstone.objects(document_id=service_id).order_by("-change_seq").first()
    return tombstone.change_seq if tombstone else 0
