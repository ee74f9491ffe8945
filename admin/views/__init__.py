"""The admin area's pages, one module per screen family; importing them attaches their routes to the blueprint."""

from admin.views import (  # noqa: F401
    account,
    auth,
    csv_import,
    history,
    home,
    hsds_import,
    listings,
    locations,
    meeting_guide,
    push,
    quality,
    quick,
    referral_figures,
    referral_search,
    referrals,
    reports,
    staff,
)
