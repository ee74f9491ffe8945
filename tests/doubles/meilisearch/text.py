"""Full-text matching, approximated: tokens, typo budgets, prefix on the last word, synonyms and ranking signals."""

import re
import unicodedata
from dataclasses import dataclass, field

from .fields import facet_string, raw_values

ARRAY_GAP = 8  # positions between array elements, so words of different elements are never "close"
MAX_PROXIMITY = 8


def normalize_word(text: str) -> str:
    """Case- and accent-insensitive form of a word: NFKD, combining marks dropped, lower-cased."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()


def tokenize(text: str) -> list[str]:
    """Words of a text: runs of letters and digits; everything else (including `_` and `-`) separates."""
    return re.findall(r"[^\W_]+", normalize_word(text))


@dataclass
class Slot:
    """One query word, or several that form a synonym key, with the synonym word groups that also satisfy it."""

    words: tuple[str, ...]
    synonyms: list[tuple[str, ...]]
    prefix: bool  # the query's last word matches as a prefix


@dataclass
class SlotMatch:
    typos: int
    exact: bool
    hits: list[tuple[int, int]] = field(default_factory=list)  # (attribute rank, position)


def parse_query(q: str, synonyms: dict) -> list[Slot]:
    """Query words in order; a run of words that is a synonym key (longest first) becomes one slot."""
    table = {tuple(tokenize(key)): [tuple(tokenize(v)) for v in values] for key, values in synonyms.items()}
    longest = max((len(key) for key in table), default=1)
    words, slots, i = tokenize(q), [], 0
    while i < len(words):
        size = next(n for n in range(min(longest, len(words) - i), 0, -1) if n == 1 or tuple(words[i : i + n]) in table)
        key = tuple(words[i : i + size])
        slots.append(Slot(key, [group for group in table.get(key, []) if group], i + size == len(words)))
        i += size
    return slots


def _strings(value) -> list[str]:
    if isinstance(value, dict):
        return [text for inner in value.values() for text in _strings(inner)]
    if isinstance(value, list):
        return [text for inner in value for text in _strings(inner)]
    return [] if value is None else [facet_string(value)]


def document_words(document: dict, searchable: list[str]) -> list[tuple[int, int, str]]:
    """(attribute rank, position, word) for every searchable word; with `*`, attributes rank in document order."""
    fields = list(document) if "*" in searchable else searchable
    words = []
    for rank, name in enumerate(fields):
        position = 0
        for text in _strings(raw_values(document, name)):
            for word in tokenize(text):
                words.append((rank, position, word))
                position += 1
            position += ARRAY_GAP
    return words


def typo_budget(term: str, tolerance: dict) -> int:
    """How many typos a query word may carry under the typoTolerance setting."""
    disabled_words = {normalize_word(word) for word in tolerance["disableOnWords"]}
    if not tolerance["enabled"] or term in disabled_words or (tolerance["disableOnNumbers"] and term.isdigit()):
        return 0
    sizes = tolerance["minWordSizeForTypos"]
    return 2 if len(term) >= sizes["twoTypos"] else 1 if len(term) >= sizes["oneTypo"] else 0


def levenshtein(term: str, word: str, prefix: bool) -> int:
    """Edit distance from term to word (or its closest prefix); swapping neighbours is one edit, as in Meilisearch."""
    rows = [list(range(len(word) + 1))]
    for i, char in enumerate(term, 1):
        row = [i]
        for j, other in enumerate(word, 1):
            row.append(min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (char != other)))
            if i > 1 and j > 1 and char == word[j - 2] and term[i - 2] == other:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return min(rows[-1]) if prefix else rows[-1][-1]


def word_cost(term: str, word: str, prefix: bool, budget: int) -> int | None:
    """Typos needed for word to match term, or None when over budget."""
    if word == term or (prefix and word.startswith(term)):
        return 0
    if budget == 0 or (not prefix and abs(len(word) - len(term)) > budget):
        return None
    # Meilisearch counts a typo on the first letter as two.
    cost = levenshtein(term, word, prefix) + (term[0] != word[0])
    return cost if cost <= budget else None


def _match_group(group, words, prefix: bool, tolerance: dict | None) -> SlotMatch | None:
    total, exact, hits = 0, True, []
    for index, term in enumerate(group):
        as_prefix = prefix and index == len(group) - 1
        budget = typo_budget(term, tolerance) if tolerance else 0
        found = [(word_cost(term, word, as_prefix, budget), rank, pos, word == term) for rank, pos, word in words]
        found = [candidate for candidate in found if candidate[0] is not None]
        if not found:
            return None
        best = min(cost for cost, *_ in found)
        best_hits = [(rank, position, is_exact) for cost, rank, position, is_exact in found if cost == best]
        total += best
        exact = exact and best == 0 and any(is_exact for _, _, is_exact in best_hits)
        hits += [(rank, position) for rank, position, _ in best_hits]
    return SlotMatch(total, exact, hits)


def match_slot(slot: Slot, words, tolerance: dict) -> SlotMatch | None:
    """The best way a document satisfies a slot: its own words (typos, prefix) or a synonym group (exact words)."""
    candidates = [_match_group(slot.words, words, slot.prefix, tolerance)]
    candidates += [_match_group(group, words, False, None) for group in slot.synonyms]
    found = [match for match in candidates if match is not None]
    return min(found, key=lambda match: (match.typos, not match.exact)) if found else None


def _proximity(first: SlotMatch, second: SlotMatch) -> int:
    distances = (
        min(abs(p1 - p2), MAX_PROXIMITY - 1) if r1 == r2 else MAX_PROXIMITY
        for r1, p1 in first.hits
        for r2, p2 in second.hits
    )
    return min(distances, default=MAX_PROXIMITY)


def signals(slots: list[Slot], words, tolerance: dict, strategy: str) -> dict | None:
    """Ranking signals (lower is better) for a document, or None when it does not match the query.

    With matchingStrategy "last" a document matches the longest run of query words from the start that it
    contains; "words" then ranks documents that matched more of them first. "all" needs every word.
    """
    matched = []
    for slot in slots:
        match = match_slot(slot, words, tolerance)
        if match is None:
            break
        matched.append(match)
    if slots and (not matched or (strategy == "all" and len(matched) < len(slots))):
        return None
    hits = [hit for match in matched for hit in match.hits]
    best_rank = min((rank for rank, _ in hits), default=0)
    return {
        "words": -len(matched),
        "typo": sum(match.typos for match in matched),
        "proximity": sum(_proximity(a, b) for a, b in zip(matched, matched[1:])),
        "attributeRank": best_rank,
        "wordPosition": min((position for rank, position in hits if rank == best_rank), default=0),
        "exactness": -sum(match.exact for match in matched),
    }
