"""HSDS cost options, required documents, service areas and funding onto our models (api/models/facts.py).

A cost option "Free" of amount 0 is the listing's cost.free, and "Weekly cost" a residence's weekly cost (what our
own output makes of them); every other option is kept as given.
"""

from api.i18n.text import gettext as _
from api.interop.hsds.record_contacts import source_id
from api.interop.hsds.values import Values
from api.models.facts import CostOption, Funding, RequiredDocument, ServiceArea


def cost_options(record: dict, values: Values, service) -> list[CostOption]:
    """The options other than "free" and a weekly cost, which set service.cost.free and the housing detail."""
    service.cost.free = False
    if service.housing is not None:
        service.housing.weekly_cost = None
    kept = []
    for path, option in values.objects(record, "cost_options", ""):
        name = values.text(option, "option", path, 300)
        if name == "Free" and option.get("amount") in (0, 0.0):
            service.cost.free = True
        elif name == "Weekly cost" and service.housing is not None:
            service.housing.weekly_cost = values.number(option, "amount", path)
            service.housing.currency = (values.text(option, "currency", path) or "USD").upper()
        else:
            kept.append(CostOption(
                id=source_id(option), option=name, amount=values.number(option, "amount", path),
                currency=values.text(option, "currency", path, 10),
                amount_description=values.text(option, "amount_description", path, 300),
                valid_from=values.day(option, "valid_from", path), valid_to=values.day(option, "valid_to", path)))
    return kept


def required_documents(record: dict, values: Values) -> list[RequiredDocument]:
    found = []
    for path, item in values.objects(record, "required_documents", ""):
        document = values.text(item, "document", path, 1000)
        if document is None:
            values.fail(f"{path}.document", _("needed: what the document is"))
            continue
        found.append(RequiredDocument(id=source_id(item), document=document, uri=values.text(item, "uri", path, 500)))
    return found


def service_areas(record: dict, values: Values) -> list[ServiceArea]:
    return [ServiceArea(id=source_id(item), name=values.text(item, "name", path, 300),
                        description=values.text(item, "description", path, 1000),
                        extent=values.text(item, "extent", path, 100_000),
                        extent_type=values.text(item, "extent_type", path, 40), uri=values.text(item, "uri", path, 500))
            for path, item in values.objects(record, "service_areas", "")]


def funding(owner: dict, path: str, values: Values) -> list[Funding]:
    found = []
    for item_path, item in values.objects(owner, "funding", path):
        source = values.text(item, "source", item_path, 1000)
        if source is None:
            values.fail(f"{item_path}.source", _("needed: who funds it"))
            continue
        found.append(Funding(id=source_id(item), source=source))
    return found
