"""Documents built from raw rows without following their references, at the cost of a plain read.

mongoengine's own way (`_from_son(row, _auto_dereference=False)`, which `.no_dereference()` uses) deep-copies the
class's field definitions for every document and again for every embedded document in it: four fifths of the
embedded default's start-up at 10,000 listings went there. Here each class's fields are copied once, told not to
dereference, and shared by every document built; a reference reads as a DBRef (its `.id`), as with mongoengine's.
"""

import copy
import threading

from mongoengine.base import BaseDocument
from mongoengine.base.fields import ComplexBaseField

_FIELDS: dict[type, dict] = {}
_LOCK = threading.Lock()


def from_row(document_class, row: dict):
    """The document a raw row holds, its references left as DBRefs."""
    document = document_class._from_son(row)  # converting never dereferences; reading a field later would
    _detach(document)
    return document


def _detach(document: BaseDocument) -> None:
    document._fields = _fields_of(type(document))
    for value in document._data.values():
        for item in (value if isinstance(value, list) else (value,)):
            if isinstance(item, BaseDocument):
                _detach(item)


def _fields_of(document_class: type) -> dict:
    """The class's fields, copied once with dereferencing off."""
    fields = _FIELDS.get(document_class)
    if fields is None:
        with _LOCK:
            fields = copy.deepcopy(document_class._fields)
            for field in fields.values():
                while field is not None:
                    field.set_auto_dereferencing(False)
                    field = field.field if isinstance(field, ComplexBaseField) else None
            _FIELDS[document_class] = fields
    return fields
