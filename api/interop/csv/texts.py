"""The CSV columns of a listing's notes and of its texts in other languages: status_note and eligibility_notes, and
each translatable text again per language the public API speaks besides English, named `<column>_<code>`
(name_es, description_es, status_note_es, eligibility_notes_es). An empty cell clears that one translation; the
listing then shows the original text to readers of that language."""

from collections.abc import Callable

from api.i18n.text import N_
from api.interop.imports.cells import text
from api.models import Service
from api.models.service import Eligibility
from api.models.translations import TRANSLATED, ServiceTexts, pruned

# column: (the ServiceTexts field it is the original of, its length limit, what its translation columns hold)
TEXTS = {
    "name": ("name", 200, N_("The name in the language the column's name ends with (_es: Spanish); left empty, "
                             "people who read that language see the English name.")),
    "description": ("description", 4000, N_("The description in the language the column's name ends with; left "
                                             "empty, people who read it see the English one.")),
    "status_note": ("status_note", 300, N_("The status note in the language the column's name ends with; left "
                                           "empty, people who read it see the English one.")),
    "eligibility_notes": ("eligibility_description", 1000, N_("The note on who may come in the language the "
                                                              "column's name ends with; left empty, people who "
                                                              "read it see the English one.")),
}
EXAMPLES = {"name_es": "Casa Esperanza", "description_es": "Vivienda de recuperación para mujeres."}


def text_columns() -> list[tuple[str, str, str]]:
    """(name, meaning, example) of the note columns and of every translation column; meanings are N_ constants,
    translated where the format is shown."""
    columns = [("status_note", N_("What people should know about the status now (up to 300 characters)."),
                "Closed Friday for training."),
               ("eligibility_notes", N_("Who else may come, in words (up to 1,000 characters)."),
                "Adults 18 and over.")]
    for code in TRANSLATED:
        columns += [(f"{column}_{code}", meaning, EXAMPLES.get(f"{column}_{code}", ""))
                    for column, (_, _, meaning) in TEXTS.items()]
    return columns


def text_setters() -> dict[str, Callable[[Service, str], None]]:
    """{column: setter} of the note and translation columns."""
    setters = {"status_note": _status_note, "eligibility_notes": _eligibility_notes}
    for code in TRANSLATED:
        setters |= {f"{column}_{code}": _translation(code, field, limit)
                    for column, (field, limit, _) in TEXTS.items()}
    return setters


def text_column(path: list[str]) -> str | None:
    """The column a validation error about a note or a translation ("translations", "es", "name") is about."""
    if path in (["status_note"], ["eligibility", "description"]):
        return "status_note" if path[0] == "status_note" else "eligibility_notes"
    if len(path) == 3 and path[0] == "translations":
        return next((f"{column}_{path[1]}" for column, (field, _, _) in TEXTS.items() if field == path[2]), None)
    return None


def _status_note(service: Service, value: str) -> None:
    service.status_note = text(value, TEXTS["status_note"][1])


def _eligibility_notes(service: Service, value: str) -> None:
    service.eligibility = service.eligibility or Eligibility()
    service.eligibility.description = text(value, TEXTS["eligibility_notes"][1])


def _translation(code: str, field: str, limit: int) -> Callable[[Service, str], None]:
    def setter(service: Service, value: str) -> None:
        texts = service.translations.get(code) or ServiceTexts()
        setattr(texts, field, text(value, limit))
        # Pruned here, not only when saved: the plan compares the listing with the stored one before validating.
        service.translations = pruned({**service.translations, code: texts})
    return setter
