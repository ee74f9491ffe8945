"""marshmallow's and webargs's own field messages reach a Spanish reader in Spanish, values and all."""

import inspect
from itertools import product

import marshmallow
import webargs.fields
from marshmallow import validate

from api.i18n.language import speaking
from api.i18n.validation import LIBRARY_MESSAGES, translate, translate_errors


def library_messages() -> set[str]:
    """Every message template the installed marshmallow and webargs can put in a 422."""
    found = set(marshmallow.Schema._default_error_messages.values())
    for module in (marshmallow.fields, webargs.fields):
        for _, cls in inspect.getmembers(module, inspect.isclass):
            found.update(getattr(cls, "default_error_messages", {}).values())
    for _, cls in inspect.getmembers(validate, inspect.isclass):
        if isinstance(getattr(cls, "default_message", None), str):
            found.add(cls.default_message)
    for min_inclusive, max_inclusive in product((True, False), repeat=2):  # Range assembles its sentences
        rule = validate.Range(0, 1, min_inclusive=min_inclusive, max_inclusive=max_inclusive)
        found.update((rule.message_min, rule.message_max, rule.message_all))
    found.update(getattr(validate.Length, name) for name in ("message_min", "message_max", "message_all",
                                                              "message_equal"))
    return found


def test_every_library_message_is_in_the_catalog_list():
    # A marshmallow or webargs upgrade that adds a message fails here until it is listed (and translated).
    assert library_messages() - set(LIBRARY_MESSAGES) == set()


def test_a_filled_in_template_is_written_again_in_spanish_with_its_values():
    with speaking("es"):
        assert translate("Must be one of: women, men, nonbinary.") == \
            "Debe ser uno de estos valores: women, men, nonbinary."
        assert translate("Must be greater than or equal to -90 and less than or equal to 90.") == \
            "Debe ser mayor o igual que -90 y menor o igual que 90."
        assert translate("Unknown field.") == "Campo desconocido."


def test_nested_errors_keep_their_field_names_and_unknown_text_stays():
    errors = {"query": {"category": {"0": ["Must be one of: a, b."]}, "q": ["Something only we say."]}}
    with speaking("es"):
        assert translate_errors(errors) == {"query": {"category": {"0": ["Debe ser uno de estos valores: a, b."]},
                                                      "q": ["Something only we say."]}}
    assert translate_errors(errors) == errors  # English is the source: nothing to do
