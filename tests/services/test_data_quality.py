"""The "needs attention" list: stale counts first, then listings missing what a person needs."""

from api.config import Config
from api.models.contact import Phone
from api.services.data_quality import problems
from tests import factories as f
from tests.conftest import NOW

TTL = Config({}).FRESHNESS_TTL_HOURS


def test_stale_counts_come_first_and_complete_listings_are_left_out(app):
    org, other = f.organization("Ours"), f.organization("Theirs")
    stale = f.service("Stale house", category="housing", org=org, capacity=[f.unit(1, 4, hours_ago=24 * 4)],
                      description="Beds", phones=[Phone(number="555-0100")])
    fine = f.service("Fine house", category="housing", org=org, capacity=[f.unit(1, 4, hours_ago=1)],
                     description="Beds", phones=[Phone(number="555-0101")])
    bare = f.service("Bare group", org=org, schedules=[])
    f.service("Their stale house", category="housing", org=other, capacity=[f.unit(1, 4, hours_ago=24 * 4)])

    found = problems([org.id], TTL, NOW)

    assert [problem.service.id for problem in found] == [stale.id, bare.id]
    assert found[0].needs_confirming == "Unconfirmed for 4 days"
    assert set(found[1].missing) == {"a way to get in touch", "hours", "a description"}
    assert fine.id not in {problem.service.id for problem in found}
    assert len(problems(None, TTL, NOW)) == 3  # the network sees every organisation's
