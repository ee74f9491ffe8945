"""Words people type for the same thing, in English and Spanish: one table for Meilisearch and the fallback search.

Each group is a set of words or phrases that stand for one another, every way round ("detox" finds withdrawal
management, "desintoxicación" finds both). Meilisearch gets the table as its synonyms setting
(api/adapters/meili/settings.py); the MongoDB and snapshot searches read a query through `alternatives`, the same
way the Meilisearch we test against does: the longest run of query words that is a phrase of the table counts as
one term, matched by its own words or by all the words of any other phrase of its group.

Spanish as people in US recovery circles say it: an "anexo" is a live-in recovery house or treatment centre
(Mexican and Central American usage), a "junta" a meeting, "AA en español" the Spanish-speaking groups.
"""

from functools import cache

from api.models.service import fold_text

GROUPS = (
    ("aa", "alcoholics anonymous", "alcohólicos anónimos"),
    ("na", "narcotics anonymous", "narcóticos anónimos"),
    ("ca", "cocaine anonymous", "cocainómanos anónimos"),
    ("aa en español", "spanish aa", "spanish speaking aa", "alcoholics anonymous spanish",
     "alcohólicos anónimos en español"),
    ("na en español", "spanish na", "spanish speaking na", "narcotics anonymous spanish",
     "narcóticos anónimos en español"),
    ("spanish", "español", "hispano"),
    ("meeting", "reunión", "junta"),
    ("mat", "moud", "medication for opioid use disorder", "medication assisted treatment",
     "tratamiento asistido con medicamentos"),
    ("suboxone", "buprenorphine", "bupe", "buprenorfina"),
    ("vivitrol", "naltrexone", "naltrexona"),
    ("methadone", "metadona"),
    ("sober living", "recovery residence", "sober house", "recovery housing", "vivienda de recuperación",
     "casa de recuperación", "vivienda sobria", "casa sobria"),
    ("anexo", "recovery residence", "residential treatment", "tratamiento residencial", "centro de rehabilitación"),
    ("detox", "withdrawal management", "desintoxicación", "desintox"),
    ("rehab", "rehabilitación", "treatment", "tratamiento"),
    ("narcan", "naloxone", "naloxona"),
    ("nsp", "syringe services", "needle exchange", "intercambio de jeringas"),
    ("otp", "methadone clinic", "opioid treatment program", "clínica de metadona"),
    ("job", "employment", "empleo", "trabajo"),
    ("housing", "vivienda"),
    ("women", "mujeres"),
    ("peer support", "apoyo de pares", "apoyo entre pares"),
    ("harm reduction", "reducción de daños"),
    ("crisis", "crisis line", "línea de crisis"),
)


@cache
def synonyms() -> dict[str, list[str]]:
    """{phrase: the phrases that also stand for it}, folded (lower case, no accents) as search compares words; a
    phrase in several groups ("recovery residence") stands for the phrases of all of them."""
    table: dict[str, list[str]] = {}
    for group in GROUPS:
        phrases = [fold_text(phrase) for phrase in group]
        for phrase in phrases:
            others = table.setdefault(phrase, [])
            others += [other for other in phrases if other != phrase and other not in others]
    return table


@cache
def _by_words() -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    return {tuple(phrase.split()): tuple(tuple(other.split()) for other in others)
            for phrase, others in synonyms().items()}


def alternatives(words: list[str]) -> list[tuple[tuple[str, ...], ...]]:
    """The terms of a query's folded words: per term, the word groups any of which satisfies it (its own first)."""
    table = _by_words()
    longest = max(map(len, table))
    terms, start = [], 0
    while start < len(words):
        size = next(size for size in range(min(longest, len(words) - start), 0, -1)
                    if size == 1 or tuple(words[start:start + size]) in table)
        phrase = tuple(words[start:start + size])
        terms.append((phrase, *table.get(phrase, ())))
        start += size
    return terms
