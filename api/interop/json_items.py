"""A JSON array's items one at a time, so a reader can count them and stop at its limit having built only that many.

json.loads builds the whole document first: 8 MB of `[{},{},...]` is 2.8 million objects (over 200 MB) before a
single one is counted. Here each item is decoded by json's own decoder (JSONDecoder.raw_decode, which reads one
value and says where it ended), and only the commas and brackets between items are read by hand.
"""

import json
import re
from collections.abc import Iterator

_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")  # JSON's whitespace (RFC 8259 section 2)


def starts_array(text: str) -> bool:
    """Whether the text's first value is an array."""
    return text[_skip(text, 0):].startswith("[")


def array_items(text: str) -> Iterator:
    """Each item of the JSON array the text holds, in order; json.JSONDecodeError (or RecursionError, for nesting
    too deep) where the text stops being one, even after some items were given."""
    position = _skip(text, 0)
    if not text.startswith("[", position):
        raise json.JSONDecodeError("Expecting '['", text, position)
    position = _skip(text, position + 1)
    if not text.startswith("]", position):
        while True:
            item, position = _DECODER.raw_decode(text, position)
            yield item
            position = _skip(text, position)
            if text.startswith("]", position):
                break
            if not text.startswith(",", position):
                raise json.JSONDecodeError("Expecting ',' delimiter", text, position)
            position = _skip(text, position + 1)
    position = _skip(text, position + 1)
    if position != len(text):
        raise json.JSONDecodeError("Extra data", text, position)


def _skip(text: str, position: int) -> int:
    return _SPACE.match(text, position).end()
