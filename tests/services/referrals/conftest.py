"""Referral fixtures: a worker at an outreach organisation, a recovery house at another with its intake staff, the
test key, and a helper that sends one referral as the admin form would."""

from datetime import timedelta
from types import SimpleNamespace

import pytest

from api.adapters.sealing import FernetSeal
from api.config import Config
from api.services.referrals import sending
from api.services.referrals.personal import PersonalFields
from tests import factories as f
from tests.admin.conftest import cheap_hashing, make_staff  # noqa: F401 - cheap_hashing applies here too
from tests.conftest import NOW, TEST_REFERRAL_KEY

RESPONSE_HOURS = Config({}).REFERRAL_RESPONSE_HOURS
CLIENT = {"name": "Marisol", "contact_method": "phone", "contact": "816 555 0147",
          "note": "Prefers a bottom bunk; arriving by bus"}


@pytest.fixture
def seal():
    return FernetSeal([TEST_REFERRAL_KEY])


@pytest.fixture
def network(storage):
    """Outreach (the sender's organisation) and Bluestem (the receiver's), with a house of 2 free beds of 6."""
    outreach, bluestem = f.organization("Riverton Outreach"), f.organization("Bluestem Recovery Homes")
    house = f.service("Maple House", category="housing", org=bluestem,
                      capacity=[f.unit(2, 6, code="bed-women", name="Bed – women")])
    worker = make_staff("editor", outreach, name="Wes Worker")
    worker.can_refer = True
    worker.save()
    return SimpleNamespace(outreach=outreach, bluestem=bluestem, house=house, worker=worker,
                           intake=make_staff("editor", bluestem, name="Ivy Intake"),
                           bluestem_admin=make_staff("org_admin", bluestem, name="Bo Boss"),
                           outreach_admin=make_staff("org_admin", outreach, name="Olu Admin"),
                           network_admin=make_staff("network_admin", name="Nia Network"),
                           stranger=make_staff("org_admin", f.organization("Elsewhere"), name="Sol Stranger"))


def send(network, seal, now=NOW, **overrides):
    """A referral from the worker to Maple House's women's beds, with verbal consent for 90 days."""
    values = {"service_id": network.house.id, "unit_code": "bed-women", "requested": None, **CLIENT,
              "given_as": "verbal", "purpose": "Referral to recovery housing", "revocable": True, "attested": True,
              "expires_on": (now + timedelta(days=90)).date()} | overrides
    personal = PersonalFields(values["name"], values["contact_method"], values["contact"], values["note"])
    consent = sending.ConsentGiven(values["given_as"], values["purpose"], values["expires_on"], values["revocable"],
                                   values["attested"])
    request = sending.Request(values["service_id"], values["unit_code"], values["requested"], personal, consent)
    return sending.send(request, overrides.get("sender", network.worker), seal, now, RESPONSE_HOURS)
