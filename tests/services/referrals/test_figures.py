"""The network's figures: per receiving organisation and category, small counts suppressed so that no one referral
can be picked out, including from a total."""

from datetime import date, timedelta

from api.services.referrals import steps
from api.services.referrals.figures import csv_rows, figures, month_named, months
from tests import factories as f
from tests.conftest import NOW
from tests.services.referrals.conftest import send

OCTOBER, NOVEMBER = date(2026, 10, 1), date(2026, 11, 1)  # NOW is in November


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

    rows = {(row.organization_name or "All", row.category): row for row in figures(NOVEMBER)}
    bluestem = rows[("Bluestem Recovery Homes", "housing")]
    assert (bluestem.answered, bluestem.accepted, bluestem.median_hours) == (6, 5, 3.5)
    assert bluestem.arrived is None  # 3: fewer than 5
    cedar = rows[("Cedar Homes", "housing")]
    assert cedar.sent is None and cedar.answered == 0 and cedar.median_hours is None
    # Only Cedar's "sent" (2) was small: Bluestem's (6) is hidden too, or the total (8) would give Cedar's back.
    assert bluestem.sent is None and rows[("All", "housing")].sent == 8

    table = csv_rows(figures(NOVEMBER))
    assert table[0] == ["organisation", "category", "sent", "answered", "median_hours_to_answer", "accepted",
                        "arrived"]
    assert ["Cedar Homes", "housing", "<5", 0, "", 0, 0] in table
    assert ["All", "housing", 8, 6, 3.5, 5, "<5"] in table


def test_a_month_counts_only_the_referrals_made_in_it(network, seal):
    for _ in range(5):
        send(network, seal, now=NOW - timedelta(days=40))
    for _ in range(6):
        send(network, seal)
    assert {row.organization: row.sent for row in figures(OCTOBER)} == {network.bluestem.id: 5, None: 5}
    assert {row.organization: row.sent for row in figures(NOVEMBER)} == {network.bluestem.id: 6, None: 6}


def test_a_month_is_counted_as_it_stood_when_it_ended(network, seal):
    # Looked at again later, a month's table is the same table: no difference tells of one step taken since.
    referrals = [send(network, seal) for _ in range(6)]
    before = figures(NOVEMBER)
    for referral in referrals[:5]:
        steps.answer(referral, "accepted", network.intake, NOW + timedelta(days=8))  # December 2nd
    assert figures(NOVEMBER) == before
    (row,) = [row for row in before if row.organization is None]
    assert (row.sent, row.answered, row.accepted) == (6, 0, 0)


def test_only_whole_months_that_have_ended_can_be_asked_for(network, seal):
    send(network, seal, now=NOW - timedelta(days=40))
    assert months(NOW) == [OCTOBER]  # November has not ended
    assert months(NOW + timedelta(days=10)) == [NOVEMBER, OCTOBER]  # December 4th: November has ended
    assert month_named("2026-10", NOW) == OCTOBER
    assert month_named("2026-11", NOW) is None and month_named("2026-11-01", NOW) is None
    assert month_named("2026-11", NOW + timedelta(days=7)) == NOVEMBER
