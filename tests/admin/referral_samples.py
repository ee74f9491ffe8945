"""A referral between two organisations, made as the admin form makes one, for tests that need one to exist."""

from datetime import timedelta

from api.services.referrals import sending
from api.services.referrals.personal import PersonalFields
from tests import factories as f
from tests.admin.conftest import make_staff
from tests.conftest import NOW

CLIENT_NAME = "Marisol"


def referral_between(app, sending_org, receiving_org, name: str = CLIENT_NAME):
    """A referral from a worker of sending_org to a new recovery house of receiving_org, with verbal consent."""
    worker = make_staff("editor", sending_org, name="Sample Worker")
    worker.can_refer = True
    worker.save()
    house = f.service("Sample House", category="housing", org=receiving_org, capacity=[f.unit(2, 6)])
    consent = sending.ConsentGiven("verbal", "Referral to recovery housing", (NOW + timedelta(days=30)).date(),
                                   revocable=True, attested=True)
    request = sending.Request(house.id, house.capacity[0].code, None,
                              PersonalFields(name, "phone", "816 555 0147", "Arriving by bus"), consent)
    backends = app.extensions["lantern"]
    return sending.send(request, worker, backends.seal, NOW, backends.config.REFERRAL_RESPONSE_HOURS)
