"""How far the search index is behind the database: in changes, and in seconds since the oldest unindexed one."""

from datetime import datetime

from api.domain.freshness import as_utc
from api.models import Service, changes, checkpoint


def index_lag(index_uid: str, now: datetime) -> dict:
    """{checkpoint, changes, seconds} for the index: what the health check and the metrics report."""
    done = checkpoint.load(index_uid)
    behind = changes.current() - done
    oldest = Service._get_collection().find_one({"change_seq": {"$gt": done}}, {"updated_at": 1},
                                                sort=[("change_seq", 1)]) if behind > 0 else None
    seconds = max((now - as_utc(oldest["updated_at"])).total_seconds(), 0.0) if oldest else 0.0
    return {"checkpoint": done, "changes": max(behind, 0), "seconds": round(seconds, 3)}
