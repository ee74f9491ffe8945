"""The referring worker's search, and the sheet a client takes away.

The search is the public search (near a place, open now, with room) plus what partners alone may see: each listing's
note for partner staff. The sheet holds only what the public API would show a client: name, phone, what to bring,
the places (a confidential one only as its area and "call for address"), hours in the service's local time, and a
link to the listing. Nothing on it is about the client.
"""

from dataclasses import dataclass
from datetime import datetime

from api.domain.hours_phrases import schedule_text
from api.i18n.text import gettext as _
from api.models import Service
from api.services import directory
from api.services.directory import DirectoryReader
from api.services.public_view import hours_view, location_view
from api.services.search import SearchBackend, ServiceQuery

MAX_SHORTLIST = 8


@dataclass(frozen=True)
class Found:
    """A search hit as the worker sees it."""

    summary: dict  # the public search item (api/services/public_view.service_summary)
    partner_note: str | None


@dataclass(frozen=True)
class SheetEntry:
    """One listing on the client's sheet (and hand-off card)."""

    service_id: str
    name: str
    organization: str
    phones: list[str]
    bring: list[str]  # documents to bring
    how_to_apply: str | None
    places: list[dict]  # public location views
    hours: str
    schedules: list[str]
    url: str


def search(backend: SearchBackend, reader: DirectoryReader, query: ServiceQuery) -> tuple[list[Found], int]:
    """One page of the public search, each hit with its partner note; and the total."""
    body, _ = directory.search_services(backend, reader, query)
    notes = {service.id: service.partner_note
             for service in Service.objects(id__in=[item["id"] for item in body["items"]]).only("partner_note")}
    return [Found(item, notes.get(item["id"])) for item in body["items"]], body["total"]


def sheet(reader: DirectoryReader, service_ids: list[str], now: datetime, listing_url) -> list[SheetEntry]:
    """The shortlisted listings as the client's sheet shows them, in shortlist order; gone ones left out.

    listing_url(service_id) is the address the QR code and the link give."""
    entries = []
    for service_id in service_ids[:MAX_SHORTLIST]:
        found = reader.service(service_id)
        if found is None or found[0].status == "inactive":
            continue
        service, organization, locations = found
        phones = [_("{number} ext. {extension}", number=phone.number, extension=phone.extension)
                  if phone.extension else phone.number for phone in service.phones]
        entries.append(SheetEntry(
            service.id, service.name, organization.name, phones,
            [document.document for document in service.required_documents], service.application_process,
            [location_view(location) for location in locations], hours_view(service, now)["summary"],
            [schedule_text(schedule) for schedule in service.schedules], listing_url(service.id)))
    return entries
