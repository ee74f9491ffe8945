"""The catalogs keep up with the code: every text marked for translation is in the template, and Spanish has it,
confirmed (not fuzzy), with the same {fields}. When this fails, run `make catalogs` and translate what it reports."""

import ast
import io
import re
from contextlib import redirect_stderr
from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from api.i18n.catalogs import LANGUAGES, SOURCE_LANGUAGE, catalog_path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "api" / "translations" / "messages.pot"
FIELD = re.compile(r"\{(\w+)(?:![rsa])?\}")
KEYWORDS = {"_", "gettext", "ngettext", "N_", "lazy_gettext", "lazy_ngettext"}


def msgids(catalog) -> set:
    return {message.id for message in catalog if message.id}


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The template `make catalogs` would write now, from the code as it is (babel.cfg says where to look)."""
    pot = tmp_path_factory.mktemp("catalogs") / "messages.pot"
    with redirect_stderr(io.StringIO()):  # pybabel also warns of f-strings among the values: see the test below
        CommandLineInterface().run(["pybabel", "-q", "extract", "-F", str(ROOT / "babel.cfg"), "-o", str(pot),
                                    str(ROOT)])
    with pot.open("rb") as file:
        return read_po(file)


def read(path):
    with path.open("rb") as file:
        return read_po(file)


def test_the_committed_template_holds_exactly_the_texts_marked_in_the_code(extracted):
    committed = msgids(read(TEMPLATE))
    new, gone = msgids(extracted) - committed, committed - msgids(extracted)
    assert not new and not gone, f"run `make catalogs`: new {sorted(map(str, new))}, gone {sorted(map(str, gone))}"


@pytest.mark.parametrize("language", [language for language in LANGUAGES if language != SOURCE_LANGUAGE])
def test_every_text_is_translated_and_confirmed(extracted, language):
    catalog = read(catalog_path(language))
    missing = [message.id for message in extracted if message.id and not _translated(catalog.get(message.id))]
    assert missing == [], f"{language}: translate these in {catalog_path(language)} (or run `make catalogs` first)"


@pytest.mark.parametrize("language", [language for language in LANGUAGES if language != SOURCE_LANGUAGE])
def test_translations_fill_in_the_same_fields(language):
    # A field the English text lacks would crash the answer (KeyError); one left out would drop a value. A plural
    # form may leave out {count} ("un día"), never add one.
    wrong = []
    for message in read(catalog_path(language)):
        if not message.id or not message.string or message.fuzzy:  # fuzzy ones are never used (nor compiled)
            continue
        source = set().union(*map(_fields, message.id if message.pluralizable else [message.id]))
        forms = message.string if message.pluralizable else [message.string]
        if any(_fields(form) - source or (not message.pluralizable and _fields(form) != source) for form in forms):
            wrong.append(message.id)
    assert wrong == []


def test_every_marked_text_can_be_translated():
    # _(f"... {value}"), _("a" + b) or _("...".format()) is looked up after the value is in, so no catalog entry
    # can ever match it and it stays English: write _("... {value}", value=value).
    built = [f"{path.relative_to(ROOT)}:{node.lineno}" for path in _marked_sources() for node in _built_messages(path)]
    assert built == []


def test_the_check_sees_a_message_built_before_it_is_looked_up(tmp_path):
    source = tmp_path / "example.py"
    source.write_text('_(f"No service {name}")\n_("No " + name)\n_("No {x}".format(x=1))\n'
                      '_("No service {name}", name=f"{name:>3}")\n_(LABELS.get(code, N_("Other")))\n')
    assert [node.lineno for node in _built_messages(source)] == [1, 2, 3]


def test_the_check_sees_a_missing_and_a_fuzzy_translation():
    catalog = read(catalog_path("es"))
    message = catalog.get("Recovery housing")
    assert _translated(message)
    message.flags.add("fuzzy")
    assert not _translated(message)
    assert not _translated(None)


def _marked_sources():
    return [path for package in ("api", "admin", "indexer") for path in sorted((ROOT / package).rglob("*.py"))]


def _built_messages(path: Path):
    """Calls of a gettext keyword whose message is computed rather than written out."""
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        name = node.func.id if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) else None
        if name in KEYWORDS:
            messages = node.args[:2] if name.endswith("ngettext") else node.args[:1]
            if any(_built(message) for message in messages):
                yield node


def _built(message) -> bool:
    """An f-string, a concatenation or %-formatting, or a "...".format(...) call."""
    formatted = isinstance(message, ast.Call) and isinstance(message.func, ast.Attribute) \
        and message.func.attr == "format"
    return formatted or isinstance(message, (ast.JoinedStr, ast.BinOp))


def _translated(message) -> bool:
    if message is None or message.fuzzy:
        return False
    forms = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(forms)


def _fields(text: str) -> set[str]:
    return set(FIELD.findall(text))
