"""Facet counts come out in one order whatever order the hits came in, so two processes (the embedded default's
replicas, with their own hash seeds) give the same answer, and the same ETag, for the same search."""

from api.adapters.search_results import FacetCounter, facet_values


def counted(listings) -> dict:
    counter = FacetCounter()
    for payment in listings:
        counter.add(facet_values("housing", ["en"], None, payment, None, None), 1)
    return counter.result()


def test_facet_values_come_most_counted_first_and_ties_by_value_whatever_the_hit_order():
    listings = [["medicaid"], ["self_pay", "state_funded"], ["self_pay"], ["sliding_scale", "medicare"]]
    forwards, backwards = counted(listings), counted(listings[::-1])
    assert list(forwards["payment"].items()) == list(backwards["payment"].items()) == [
        ("self_pay", 2), ("medicaid", 1), ("medicare", 1), ("sliding_scale", 1), ("state_funded", 1)]
