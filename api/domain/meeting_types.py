"""Meeting Guide type codes and their translations, read from the copied specification file."""

import json
from functools import cache
from importlib import resources


@cache
def meeting_types() -> dict[str, dict[str, str]]:
    """Return {code: {language: label}} exactly as the Meeting Guide spec publishes it."""
    text = resources.files("api").joinpath("data/meeting-guide/types.json").read_text("utf-8")
    return json.loads(text)


def is_meeting_type(code: str) -> bool:
    """Whether code is one of the standard Meeting Guide type codes (case-sensitive, as the spec is)."""
    return code in meeting_types()
