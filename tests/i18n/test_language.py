"""The one rule that picks a language: lang= decides alone, else Accept-Language, else English."""

import pytest

from api.i18n.language import current, negotiate, speaking, supported
from api.i18n.text import ngettext


@pytest.mark.parametrize(("asked", "accepted", "expected"), [
    ("es", [], "es"),
    ("es-MX", ["en"], "es"),
    ("en", ["es"], "en"),  # lang wins over the header
    ("fr", ["es"], "en"),  # a lang without a catalog is English, whatever the header says
    (None, ["fr-CA", "es-US", "en"], "es"),  # the first accepted language that has a catalog
    (None, ["de"], "en"),
    (None, ["*"], "en"),
    (None, [], "en"),
])
def test_negotiation(asked, accepted, expected):
    assert negotiate(asked, accepted) == expected


def test_tags_map_to_their_language():
    assert supported("es-419") == "es" and supported("ES") == "es"
    assert supported("not a tag!") is None and supported("") is None


def test_speaking_a_language_ends_with_the_block():
    with speaking("es"):
        assert current() == "es"
    assert current() == "en"


@pytest.mark.parametrize(("count", "spanish", "english"), [
    (1, "1 lugar libre · hoy", "1 open · hoy"),
    (3, "3 lugares libres · hoy", "3 open · hoy"),
])
def test_plural_forms_follow_the_count(count, spanish, english):
    with speaking("es"):
        assert ngettext("{count} open · {confirmed}", "{count} open · {confirmed}", count, confirmed="hoy") == spanish
    assert ngettext("{count} open · {confirmed}", "{count} open · {confirmed}", count, confirmed="hoy") == english
