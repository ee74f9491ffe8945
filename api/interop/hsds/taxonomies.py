"""HSDS taxonomies, terms and attributes: the stored Lantern terms, and our own vocabularies as taxonomies.

A service's stored taxonomy terms are one taxonomy ("lantern", or whatever taxonomy a stored term names). What a
listing says through its category and category detail (fellowship, Meeting Guide types, MOUD, levels of care,
payment, who it is for, NARR level, yes/no features) is published as further taxonomies with deterministic ids,
so an HSDS consumer can read and filter by them as attributes. Every term knows where a service holds it (a
MongoDB path and the value there), which serves both directions: a service's attributes, and the filter for
taxonomy_term_id / taxonomy_id.
"""

import hashlib
import json
from dataclasses import dataclass
from functools import cache

from api.domain.meeting_types import meeting_types
from api.domain.vocabulary import (
    CATEGORIES,
    EMPLOYMENT_PROGRAMMES,
    FELLOWSHIPS,
    LEVELS_OF_CARE,
    MOUD_TYPES,
    NARR_LEVELS,
    PAYMENT_OPTIONS,
    POPULATIONS,
)
from api.interop.hsds.extra import overlay
from api.interop.hsds.ids import compact, derived_id
from api.models import TaxonomyTerm

PRESENT = "<present>"  # a term whose field holds a measured value (the value becomes the attribute's value)
MATCH_NOTHING = {"_id": {"$in": []}}
STORED_DESCRIPTIONS = {"lantern": "Lantern's classification of recovery-support services."}


@dataclass(frozen=True)
class Vocabulary:
    name: str
    description: str
    path: str  # where a service holds the codes, unless a term says otherwise
    terms: tuple[tuple, ...]  # (code, name) or (code, name, path, stored value)
    uri: str | None = None


@dataclass(frozen=True)
class Term:
    id: str
    code: str
    name: str
    description: str
    taxonomy: str
    path: str
    match: object
    parent_id: str | None = None
    extra: dict | None = None  # an imported term's fields we have no place for (api/interop/hsds/extra.py)

    def criteria(self) -> dict:
        """The MongoDB filter for services that have this term."""
        if self.match == PRESENT:
            return {self.path: {"$exists": True, "$ne": None}}
        return {self.path: self.match}


@cache
def vocabularies() -> tuple[Vocabulary, ...]:
    """Our own vocabularies, published as HSDS taxonomies."""
    types = tuple((code, labels["en"]) for code, labels in meeting_types().items())
    return (
        Vocabulary("lantern-category", "Lantern service categories.", "category", tuple(CATEGORIES.items())),
        Vocabulary("lantern-fellowship", "Mutual-support fellowships.", "meeting.fellowship",
                   tuple(FELLOWSHIPS.items())),
        Vocabulary("meeting-guide-type", "Meeting Guide meeting type codes (English labels).", "meeting.types",
                   types, "https://github.com/code4recovery/spec"),
        Vocabulary("lantern-attendance", "How a meeting is attended.", "meeting.attendance",
                   (("in_person", "In person"), ("online", "Online"), ("hybrid", "In person and online"))),
        Vocabulary("lantern-moud", "Medications for opioid use disorder offered.", "clinical.moud",
                   tuple(MOUD_TYPES.items())),
        Vocabulary("lantern-level-of-care", "ASAM levels of care.", "clinical.levels_of_care",
                   tuple(LEVELS_OF_CARE.items())),
        Vocabulary("lantern-payment", "Payment accepted.", "cost.payment_options", tuple(PAYMENT_OPTIONS.items())),
        Vocabulary("lantern-population", "Who a service is for (none listed: anyone).", "eligibility.populations",
                   tuple(POPULATIONS.items())),
        Vocabulary("lantern-gender", "Genders a service serves (none listed: everyone).", "eligibility.genders",
                   (("women", "Women"), ("men", "Men"), ("nonbinary", "Nonbinary people"))),
        Vocabulary("narr-level", "NARR recovery residence levels.", "housing.narr_level",
                   tuple((f"level-{level}", label, "housing.narr_level", level)
                         for level, label in NARR_LEVELS.items())),
        Vocabulary("lantern-employment-programme", "Kinds of employment programme.", "employment.programme_type",
                   tuple(EMPLOYMENT_PROGRAMMES.items())),
        Vocabulary("lantern-feature", "Yes/no and measured features of a listing.", "", (
            ("walk-in", "Walk-in, no appointment", "clinical.walk_in", True),
            ("same-day-induction", "Same-day MOUD induction", "clinical.same_day_induction", True),
            ("accepts-families", "Accepts families", "housing.accepts_families", True),
            ("pets-allowed", "Pets allowed", "housing.pets_allowed", True),
            ("moud-friendly", "Welcomes residents taking MOUD", "housing.moud_friendly", True),
            ("paid-programme", "Participants are paid", "employment.paid", True),
            ("duration-weeks", "Programme length in weeks", "employment.duration_weeks", PRESENT),
        )),
    )


class Catalogue:
    """Every taxonomy and term this directory publishes, in a stable order (taxonomy, then code)."""

    def __init__(self, stored_terms):
        self.taxonomies: dict[str, dict] = {}
        self.terms: dict[str, Term] = {}
        stored = list(stored_terms)
        ids_by_code = {term.code: term.id for term in stored}
        for term in stored:
            taxonomy = term.taxonomy or "lantern"
            self._add_taxonomy(taxonomy, STORED_DESCRIPTIONS.get(taxonomy, f"Terms of the {taxonomy} taxonomy."))
            self.terms[term.id] = Term(term.id, term.code, term.name, term.description or term.name, taxonomy,
                                       "taxonomy_terms", term.code, ids_by_code.get(term.parent_code), term.extra)
        for vocabulary in vocabularies():
            self._add_taxonomy(vocabulary.name, vocabulary.description, vocabulary.uri)
            for code, name, *where in vocabulary.terms:
                path, match = where or (vocabulary.path, code)
                term_id = derived_id("taxonomy_term", vocabulary.name, code)
                self.terms[term_id] = Term(term_id, code, name, name, vocabulary.name, path, match)
        self._by_path: dict[str, dict] = {}
        for term in self.terms.values():
            self._by_path.setdefault(term.path, {})[_key(term.match)] = term
        self.fingerprint = hashlib.sha256(json.dumps(
            [[t.id, t.code, t.name, t.description, t.taxonomy, t.parent_code, t.extra] for t in stored]).encode()
        ).hexdigest()

    @classmethod
    def load(cls) -> "Catalogue":
        return cls(TaxonomyTerm.objects.order_by("taxonomy", "code"))

    def _add_taxonomy(self, name: str, description: str, uri: str | None = None) -> None:
        taxonomy_id = derived_id("taxonomy", name)
        self.taxonomies.setdefault(taxonomy_id, compact(id=taxonomy_id, name=name, description=description, uri=uri))

    def taxonomy_id(self, term: Term) -> str:
        return derived_id("taxonomy", term.taxonomy)

    def term_object(self, term: Term) -> dict:
        """An HSDS taxonomy_term, with its taxonomy."""
        taxonomy_id = self.taxonomy_id(term)
        extra = term.extra or {}
        return overlay(compact(id=term.id, code=term.code, name=term.name, description=term.description,
                               parent_id=term.parent_id, taxonomy=term.taxonomy, taxonomy_id=taxonomy_id,
                               taxonomy_detail=self.taxonomies[taxonomy_id],
                               language=None if "language" in extra else "en"), extra)

    def attributes(self, service) -> list[dict]:
        """The service's terms as HSDS attributes (stored codes no term describes are left out)."""
        found = []
        for path, terms in self._by_path.items():
            for value in _values(service, path):
                term = terms.get(_key(value)) or terms.get(PRESENT)
                if term is not None:
                    found.append(self._attribute(service.id, term, str(value) if term.match == PRESENT else None))
        return found

    def _attribute(self, service_id: str, term: Term, value: str | None) -> dict:
        return compact(id=derived_id(service_id, "attribute", term.id), link_id=service_id, link_entity="service",
                       taxonomy_term_id=term.id, taxonomy_term=self.term_object(term), value=value)

    def term_criteria(self, term_id: str) -> dict:
        """Services that have the term; an unknown term matches none."""
        term = self.terms.get(term_id)
        return term.criteria() if term else MATCH_NOTHING

    def taxonomy_criteria(self, taxonomy_id: str) -> dict:
        """Services that have any term of the taxonomy."""
        clauses = [term.criteria() for term in self.terms.values() if self.taxonomy_id(term) == taxonomy_id]
        return {"$or": clauses} if clauses else MATCH_NOTHING


def _values(document, path: str) -> list:
    """The values at a dotted path of a service (a list field gives its items); [] where anything is missing."""
    value = document
    for part in path.split("."):
        value = getattr(value, part, None)
        if value is None:
            return []
    if isinstance(value, list):
        return list(value)
    return [] if value is False else [value]


def _key(value) -> str:
    """Stored values compared as text: 2 and "2" are the same NARR level, True a yes."""
    return PRESENT if value == PRESENT else json.dumps(value)
