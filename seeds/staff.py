"""Demo sign-ins for the embedded default: a network admin, an organisation admin of a seeded partner, and an
outreach worker of another organisation who may send that partner referrals.

Their password is published (the start-up banner prints it), so they are created on the embedded database only:
api/__init__.py calls this when there is no MONGODB_URI. Running it twice changes nothing.
"""

from collections import Counter

from api.models import Organization, Service
from api.models.staff import StaffUser
from api.services import accounts

DEMO_PASSWORD = "riverton-demo"
NETWORK_ADMIN_EMAIL = "admin@lantern.example"
PARTNER_EMAIL = "partner@lantern.example"
WORKER_EMAIL = "worker@lantern.example"  # an outreach worker at another organisation, who may send referrals


def seed_demo_staff() -> list[StaffUser]:
    """The demo accounts, created if missing (an existing account is left as it is, password and all)."""
    accounts_wanted = [(NETWORK_ADMIN_EMAIL, "Demo network admin", "network_admin", None)]
    partner = demo_partner()
    if partner is not None:
        accounts_wanted.append((PARTNER_EMAIL, f"Demo admin, {partner.name}"[:120], "org_admin", partner.id))
        outreach = demo_outreach(partner)
        if outreach is not None:
            accounts_wanted.append((WORKER_EMAIL, f"Demo outreach worker, {outreach.name}"[:120], "editor",
                                    outreach.id))
    users = []
    for email, name, role, organization in accounts_wanted:
        user = StaffUser.objects(email=email).first()
        if user is None:
            user = accounts.create_user(email, name, role, organization, DEMO_PASSWORD,
                                        actor=("system", "Demo seed"))
            if email == WORKER_EMAIL:
                user.can_refer = True
                user.save()
        users.append(user)
    return users


def demo_partner() -> Organization | None:
    """The organisation with the most housing listings (ties: the lowest id), so the demo has beds to update."""
    rows = Service._get_collection().find({"category": "housing"}, {"organization": 1})
    counts = Counter(row["organization"] for row in rows if row.get("organization"))
    if not counts:
        return None
    organization_id = min(counts, key=lambda key: (-counts[key], str(key)))
    return Organization.objects(id=organization_id).first()


def demo_outreach(partner: Organization) -> Organization | None:
    """Another organisation for the demo worker to refer from: the one with the most peer-support listings."""
    rows = Service._get_collection().find({"category": "peer_support", "organization": {"$ne": partner.id}},
                                          {"organization": 1})
    counts = Counter(row["organization"] for row in rows if row.get("organization"))
    if not counts:
        return None
    return Organization.objects(id=min(counts, key=lambda key: (-counts[key], str(key)))).first()
