"""Between the listing form and the listing: form data from a listing, plain values from a valid form, and a
refused edit's messages put beside the fields they name."""

from wtforms import FieldList, FormField, HiddenField

from admin.listing_form import language_codes
from admin.listing_parts import DETAIL_FORMS, CostForm, EligibilityForm, day_codes, unit_code
from admin.translated_texts import texts_data, texts_values
from api.domain.recurrence import as_date

TEXT = ("name", "alternate_name", "description", "status_note", "url", "email", "partner_note")
ROW_FIELDS = ("phones", "schedules", "exceptions", "capacity")


def listing_data(service) -> dict:
    """A listing as the form's data: its own rows first and in order (the row positions depend on it)."""
    data = {name: getattr(service, name) for name in TEXT} | {
        "version": service.version, "category": service.category, "status": service.status,
        "timezone": service.timezone, "languages": ", ".join(service.languages),
        "locations": [getattr(link.location, "id", link.location) for link in service.locations],
        "phones": [_pick(phone, ("number", "extension", "type", "description")) for phone in service.phones],
        "schedules": [_pick(rule, ("freq", "opens_at", "closes_at", "description")) | {"byday": ", ".join(rule.byday)}
                      for rule in service.schedules],
        "exceptions": [{"date": as_date(day.date), "kind": "closed" if day.closed else "hours",
                        "opens_at": day.opens_at, "closes_at": day.closes_at, "reason": day.reason}
                       for day in service.exceptions],
        "capacity": [_pick(unit, ("id", "code", "name", "available", "maximum", "waitlist_open"))
                     for unit in service.capacity],
        "eligibility": _pick(service.eligibility, _names(EligibilityForm)),
        "cost": _pick(service.cost, _names(CostForm)), "translations": texts_data(service.translations),
    }
    detail = getattr(service, service.category) if service.category in DETAIL_FORMS else None
    if detail is not None:
        data[service.category] = _pick(detail, _names(DETAIL_FORMS[service.category]))
        if service.category == "housing":
            expires, level = detail.certification_expires, detail.narr_level
            data["housing"] |= {"certification_expires": as_date(expires) if expires else None,
                                "narr_level": str(level) if level else ""}
    return data


def listing_values(form) -> tuple[dict, dict[str, list[int]]]:
    """(values for api/services/listings.py, {row field: the form position of each row kept}) from a valid form."""
    values = {name: _text(form[name].data) for name in TEXT} | {
        "category": form.category.data, "status": form.status.data, "timezone": form.timezone.data.strip(),
        "languages": language_codes(form.languages.data), "locations": list(form.locations.data),
        "eligibility": _section(form.eligibility.form), "cost": _section(form.cost.form),
        "translations": texts_values(form.translations),
    }
    origins = {}
    for name in ROW_FIELDS:
        kept = [(position, entry.form) for position, entry in enumerate(form[name]) if not entry.form.is_blank()]
        origins[name] = [position for position, _ in kept]
        values[name] = [(position, ROW_VALUES[name](row)) for position, row in kept]
    values["capacity"] = [fields for _, fields in values["capacity"]]  # units are matched by id, not position
    category = form.category.data
    if category in DETAIL_FORMS and category in form:
        values[category] = _section(form[category].form)
        if category == "housing":
            level = values["housing"]["narr_level"]
            values["housing"]["narr_level"] = int(level) if level else None
    return values, origins


def place_errors(form, errors: dict[str, str], origins: dict[str, list[int]]) -> None:
    """Each message beside the field its path names ("schedules.0.byday"), else at the top of the form."""
    for path, message in errors.items():
        field = _field_at(form, [part for part in path.split(".") if part != "__all__"], origins)
        if field is None:
            form.form_errors.append(message)
        else:
            field.errors = [*field.errors, message]


def _field_at(form, parts: list[str], origins):
    node, list_name = form, None
    for part in parts:
        if isinstance(node, FieldList):
            positions = origins.get(list_name, [])
            if not (part.isdigit() and int(part) < len(positions)):
                return None
            node = node.entries[positions[int(part)]]
            continue
        container = node.form if isinstance(node, FormField) else node
        if part not in container:
            return None
        node, list_name = container[part], part
    if isinstance(node, FormField):  # a message about a whole row or section: beside its first visible field
        return next((field for field in node.form if not isinstance(field, HiddenField)), None)
    return None if isinstance(node, FieldList) else node


def _phone(row) -> dict:
    return {"number": row.number.data.strip(), "extension": _text(row.extension.data), "type": row.type.data,
            "description": _text(row.description.data)}


def _schedule(row) -> dict:
    return {"freq": row.freq.data, "byday": day_codes(row.byday.data), "opens_at": row.opens_at.data,
            "closes_at": row.closes_at.data, "description": _text(row.description.data)}


def _exception(row) -> dict:
    closed = row.kind.data == "closed"
    return {"date": row.date.data, "closed": closed, "opens_at": None if closed else _text(row.opens_at.data),
            "closes_at": None if closed else _text(row.closes_at.data), "reason": _text(row.reason.data)}


def _unit(row) -> dict:
    return {"id": row.id.data or None, "code": unit_code(row), "name": row.name.data.strip(),
            "available": row.available.data, "maximum": row.maximum.data, "waitlist_open": row.waitlist_open.data}


ROW_VALUES = {"phones": _phone, "schedules": _schedule, "exceptions": _exception, "capacity": _unit}


def _section(subform) -> dict:
    return {field.short_name: _text(field.data) if isinstance(field.data, str) else field.data for field in subform}


def _pick(document, names) -> dict:
    return {name: getattr(document, name, None) for name in names} if document is not None else {}


def _names(form_class) -> list[str]:
    return [field.short_name for field in form_class()]


def _text(value: str | None) -> str | None:
    return (value or "").strip() or None
