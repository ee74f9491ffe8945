"""Storage: connect mongoengine to a real MongoDB, or to the in-process mongomock-ng embedded default."""

from pathlib import Path

import mongoengine

from api.adapters.data_file import FILE_NAME
from api.adapters.embedded_client import EmbeddedClient
from api.adapters.embedded_store import EmbeddedStore, open_store
from api.adapters.replica import Replica
from api.models import Location, Organization, Service, TaxonomyTerm, changes
from api.models.audit import AuditEntry
from api.models.changes import Sequence, Tombstone
from api.models.checkpoint import Checkpoint
from api.models.device import Device
from api.models.feed_subscription import FeedSubscription
from api.models.pending_import import PendingImport
from api.models.push import PendingPush, PushState, SentPush
from api.models.referral import Referral, ReferralAlert, ReferralView
from api.models.report import Report
from api.models.staff import Invitation, StaffSession, StaffUser

# What a replica copies: the public directory, which is all that public reads look at.
PUBLIC = frozenset(document._get_collection_name() for document in (Organization, Location, Service, TaxonomyTerm,
                                                                    Sequence, Tombstone))
DOCUMENTS = (Organization, Location, Service, TaxonomyTerm, Sequence, Tombstone, Checkpoint,
             Device, PushState, PendingPush, SentPush, StaffUser, Invitation, StaffSession, AuditEntry,
             PendingImport, FeedSubscription, Referral, ReferralView, ReferralAlert, Report)


class MongoStorage:
    """The database behind the directory; `embedded` is True when it lives inside this process.

    The embedded database is kept in `data_dir` (api/adapters/embedded_store.py), or only in memory without one;
    as a `replica`, this process holds a read-only copy of the public directory in data_dir that another one writes.
    """

    def __init__(self, uri: str | None, db_name: str, data_dir: Path | None = None, replica: bool = False):
        self.embedded = not uri
        self.db_name = db_name
        self.data_dir = data_dir if self.embedded else None
        self.replica = Replica(data_dir / FILE_NAME, PUBLIC) if replica and self.embedded else None
        mongoengine.disconnect()
        if self.embedded:
            if self.replica is not None:
                self.store = self.replica.store
            else:
                self.store = open_store(data_dir) if data_dir is not None else EmbeddedStore()
            self.client = mongoengine.connect(db_name, host="mongodb://localhost",
                                              mongo_client_class=EmbeddedClient, tz_aware=False,
                                              uuidRepresentation="standard", _store=self.store)
        else:
            self.store = None
            self.client = mongoengine.connect(db_name, host=uri, serverSelectionTimeoutMS=3000, tz_aware=False,
                                              uuidRepresentation="standard")
        # Whether anything was there before this start (seeding goes only into an empty store; never by a replica).
        database = self.client[db_name]
        self.found_empty = self.replica is None and not any(
            database[name].estimated_document_count() for name in database.list_collection_names())
        for document in DOCUMENTS:
            document.ensure_indexes()
        if self.replica is not None:
            self.replica.load()
        self._follow_changes()

    def catch_up(self) -> None:
        """A replica applies what the writer committed since it last looked (anything else is already current)."""
        if self.replica is not None:
            self.replica.catch_up()

    def _follow_changes(self) -> None:
        """Every writer of the embedded database is in this process, so its changes can be followed in memory (a
        replica follows the writer's file instead)."""
        if self.replica is not None:
            return
        if self.embedded:
            changes.RECENT.follow()
        else:
            changes.RECENT.stop()

    @property
    def name(self) -> str:
        return "mongomock-ng (embedded)" if self.embedded else "mongodb"

    def sync(self) -> None:
        """Return once every write made so far would survive kill -9 and power loss (a real MongoDB already
        acknowledged each one; the embedded default commits its pending writes)."""
        if self.store is not None:
            self.store.sync()

    def close(self) -> None:
        """Commit what is pending and let go of the data directory (another process may then open it)."""
        if self.store is not None and self.store.journal is not None:
            self.store.journal.close()
        if self.replica is not None:
            self.replica.close()
        mongoengine.disconnect()

    def ping(self) -> bool:
        """Whether the database answers right now."""
        try:
            self.client.admin.command("ping")
            return True
        except Exception:  # any driver failure means "not ready"; health reports it, never raises
            return False

    def drop_all(self) -> None:
        """Empty every collection (tests and the embedded default's reseed)."""
        for document in DOCUMENTS:
            document.drop_collection()
            document.ensure_indexes()
        self._follow_changes()
