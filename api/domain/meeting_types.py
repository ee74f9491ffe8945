"""Meeting Guide type codes and their translations, read from the copied specification file.

The specification translates its own type names, so they come from it rather than from our catalog: in the
language of the moment when the specification has it, else in English.
"""

import json
from functools import cache
from importlib import resources

from api.i18n.language import current


@cache
def meeting_types() -> dict[str, dict[str, str]]:
    """Return {code: {language: label}} exactly as the Meeting Guide spec publishes it."""
    text = resources.files("api").joinpath("data/meeting-guide/types.json").read_text("utf-8")
    return json.loads(text)


def is_meeting_type(code: str) -> bool:
    """Whether code is one of the standard Meeting Guide type codes (case-sensitive, as the spec is)."""
    return code in meeting_types()


def meeting_type_label(code: str) -> str:
    """A type code's name in the language of the moment (English where the specification lacks it)."""
    labels = meeting_types()[code]
    return labels.get(current(), labels["en"])
