"""Storage: connect mongoengine to a real MongoDB, or to the in-process mongomock-ng embedded default."""

import mongoengine
import mongomock_ng

from api.models import Location, Organization, Service, TaxonomyTerm
from api.models.audit import AuditEntry
from api.models.changes import Sequence, Tombstone
from api.models.checkpoint import Checkpoint
from api.models.device import Device
from api.models.feed_subscription import FeedSubscription
from api.models.pending_import import PendingImport
from api.models.push import PendingPush, PushState, SentPush
from api.models.referral import Referral, ReferralAlert, ReferralKey, ReferralView
from api.models.report import Report
from api.models.staff import Invitation, StaffSession, StaffUser

DOCUMENTS = (Organization, Location, Service, TaxonomyTerm, Sequence, Tombstone, Checkpoint,
             Device, PushState, PendingPush, SentPush, StaffUser, Invitation, StaffSession, AuditEntry,
             PendingImport, FeedSubscription, Referral, ReferralView, ReferralAlert, ReferralKey, Report)


class MongoStorage:
    """The database behind the directory; `embedded` is True when it lives inside this process."""

    def __init__(self, uri: str | None, db_name: str):
        self.embedded = not uri
        self.db_name = db_name
        mongoengine.disconnect()
        if self.embedded:
            self.client = mongoengine.connect(db_name, host="mongodb://localhost",
                                              mongo_client_class=mongomock_ng.MongoClient, tz_aware=False,
                                              uuidRepresentation="standard")
        else:
            self.client = mongoengine.connect(db_name, host=uri, serverSelectionTimeoutMS=3000, tz_aware=False,
                                              uuidRepresentation="standard")
        for document in DOCUMENTS:
            document.ensure_indexes()

    @property
    def name(self) -> str:
        return "mongomock-ng (embedded)" if self.embedded else "mongodb"

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
