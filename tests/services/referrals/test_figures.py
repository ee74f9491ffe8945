"""The network's figures: per receiving organisation and category, small counts suppressed so that no one referral
can be picked out, including from a total."""

from datetime import timedelta

from api.services.referrals import steps
from api.services.referrals.figures import csv_rows, figures
from tests import factories as f
from tests.conftest import NOW
from tests.services.referrals.conftest import send


def test_counts_medians_and_suppression(network, seal):
    # Bluestem: 6 referrals, answered after 1..6 hours; 5 accepted, 3 arrived.
    for number in range(6):
        referral = send(network, seal)
        answered = NOW + timedelta(hours=number + 1)
        if number < 5:
            referral = steps.answer(referral, "accepted", network.intake, answered)
            if number < 3:
                steps.answer(referral, "arrived", network.intake, answered + timedelta(hours=1))
        else:
            steps.answer(referral, "declined", network.intake, answered, reason="no_capacity")
    # Another house with two referrals, neither answered.
    other = f.service("Birch House", category="housing", org=f.organization("Cedar Homes"),
                      capacity=[f.unit(1, 4, code="bed-women")])
    for _ in range(2):
        send(network, seal, service_id=other.id)

    rows = {(row.organization_name or "All", row.category): row for row in figures()}
    bluestem = rows[("Bluestem Recovery Homes", "housing")]
    assert (bluestem.answered, bluestem.accepted, bluestem.median_hours) == (6, 5, 3.5)
    assert bluestem.arrived is None  # 3: fewer than 5
    cedar = rows[("Cedar Homes", "housing")]
    assert cedar.sent is None and cedar.answered == 0 and cedar.median_hours is None
    # Only Cedar's "sent" (2) was small: Bluestem's (6) is hidden too, or the total (8) would give Cedar's back.
    assert bluestem.sent is None and rows[("All", "housing")].sent == 8

    table = csv_rows(figures())
    assert table[0] == ["organisation", "category", "sent", "answered", "median_hours_to_answer", "accepted",
                        "arrived"]
    assert ["Cedar Homes", "housing", "<5", 0, "", 0, 0] in table
    assert ["All", "housing", 8, 6, 3.5, 5, "<5"] in table


def test_a_period_counts_only_the_referrals_made_in_it(network, seal):
    for _ in range(5):
        send(network, seal, now=NOW - timedelta(days=40))
    for _ in range(6):
        send(network, seal)
    week = {row.organization: row.sent for row in figures(since=(NOW - timedelta(days=7)).replace(tzinfo=None))}
    assert week == {network.bluestem.id: 6, None: 6}
    assert {row.organization: row.sent for row in figures()} == {network.bluestem.id: 11, None: 11}
