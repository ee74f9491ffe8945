"""Uploaded files waiting for their Apply: kept server-side for a short while, for one person and one organisation."""

import secrets
from datetime import UTC, datetime

from api.models.pending_import import LIFETIME, PendingImport

MAX_PER_PERSON = 5  # older uploads of the same person and organisation go when a new one comes


def keep(kind: str, organization_id: str, user_id: str, filename: str, content: bytes, fingerprint: str,
         planned_at: datetime, now: datetime, options: dict | None = None) -> str:
    """Store an upload whose dry run was shown; return the unguessable id its Apply button carries."""
    now = _naive(now)
    mine = PendingImport.objects(organization=organization_id, user=user_id).order_by("-expires_at")
    for stale in list(mine)[MAX_PER_PERSON - 1:]:
        stale.delete()
    PendingImport.objects(expires_at__lte=now).delete()
    upload = PendingImport(id=secrets.token_urlsafe(24), kind=kind, organization=organization_id, user=user_id,
                           filename=(filename or "")[:200], content=content, fingerprint=fingerprint,
                           planned_at=_naive(planned_at), expires_at=now + LIFETIME,
                           options=options or {}).save(force_insert=True)
    return upload.id


def find(upload_id: str, kind: str, organization_id: str, user_id: str, now: datetime) -> PendingImport | None:
    """The upload, if it is this person's, for this organisation, of this kind and not expired; else None."""
    upload = PendingImport.objects(id=upload_id, kind=kind, organization=organization_id, user=user_id).first()
    if upload is None or upload.expires_at <= _naive(now):
        return None
    return upload


def discard(upload_id: str) -> None:
    """Forget an upload once it was applied (or replaced by a fresh dry run)."""
    PendingImport.objects(id=upload_id).delete()


def _naive(moment: datetime) -> datetime:
    """Naive UTC, as MongoDB stores datetimes; the app's clock may hand out aware ones."""
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment
