"""A referral's status machine: which step may follow which, who takes it, and what each status means elsewhere.

    sent ──► seen ──► accepted ──► arrived ────────► closed
      │        │  ╲        │   ╲─► did_not_arrive ─► closed
      │        │   ╲─► declined ───────────────────► closed
      │        ╰────► waitlisted ──► accepted / declined / closed
      ╰─ (not answered within the category's window) ─► expired
    the sender may cancel until the client has arrived (or not); revoking consent closes it at once.

"Answered" is the receiver's first accepted / declined / waitlisted: the response time the figures measure runs from
sent to then. A referral "ends" (and its personal fields' retention starts) when it reaches an outcome: arrived,
did not arrive, declined, closed, cancelled or expired.

For an exporter, the HL7 SDOH Clinical Care guide (STU 2) models a referral as a FHIR R4 Task (code "fulfill",
focus a ServiceRequest) with a Consent. Our statuses map onto Task.status, with Task.businessStatus keeping ours:

    ours            Task.status   Task.statusReason / note
    sent            requested
    seen            received
    accepted        accepted
    waitlisted      on-hold       businessStatus "waitlisted"
    declined        rejected      statusReason: the decline reason
    arrived         in-progress   businessStatus "arrived" (the service has begun)
    did_not_arrive  failed        statusReason "client did not arrive"
    closed          completed     (after arrived; otherwise the Task keeps the status it closed in)
    cancelled       cancelled
    expired         failed        statusReason "no response within the window"

ServiceRequest.category takes the guide's SDOH category codes (http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/
SDOHCC-CodeSystemTemporaryCodes) where one fits a Lantern category (SDOH_CATEGORIES); clinical, crisis and
peer-support referrals are not social-needs referrals and carry sdoh-category-unspecified.
"""

from api.i18n.text import N_

STATUSES = {
    "sent": N_("Sent"),
    "seen": N_("Seen"),
    "accepted": N_("Accepted"),
    "declined": N_("Declined"),
    "waitlisted": N_("Waitlisted"),
    "arrived": N_("Arrived"),
    "did_not_arrive": N_("Did not arrive"),
    "closed": N_("Closed"),
    "cancelled": N_("Cancelled"),
    "expired": N_("Expired"),
}

# Steps the receiving organisation takes, from each status.
RECEIVER_STEPS = {
    "sent": ("seen", "accepted", "declined", "waitlisted"),
    "seen": ("accepted", "declined", "waitlisted"),
    "waitlisted": ("accepted", "declined", "closed"),
    "accepted": ("arrived", "did_not_arrive"),
    "arrived": ("closed",),
    "did_not_arrive": ("closed",),
    "declined": ("closed",),
}
# The sender may cancel while nothing has happened to the client yet.
CANCELLABLE = ("sent", "seen", "waitlisted", "accepted")
# Still waiting for the receiver's first answer: these expire when the window passes.
UNANSWERED = ("sent", "seen")
ANSWERS = ("accepted", "declined", "waitlisted")
# An outcome: from here the personal fields' retention runs.
ENDED = ("arrived", "did_not_arrive", "declined", "closed", "cancelled", "expired")
FINAL = ("closed", "cancelled", "expired")
OPEN = tuple(status for status in STATUSES if status not in FINAL)

DECLINE_REASONS = {
    "no_capacity": N_("No room right now"),
    "not_eligible": N_("Not eligible for this service"),
    "needs_other_care": N_("Needs a different level of care"),
    "could_not_reach": N_("Could not reach the client"),
    "client_declined": N_("The client changed their mind"),
    "other": N_("Another reason"),
}

FHIR_TASK_STATUS = {"sent": "requested", "seen": "received", "accepted": "accepted", "waitlisted": "on-hold",
                    "declined": "rejected", "arrived": "in-progress", "did_not_arrive": "failed",
                    "closed": "completed", "cancelled": "cancelled", "expired": "failed"}
SDOH_CATEGORIES = {"housing": "housing-instability", "employment": "employment-status"}
SDOH_UNSPECIFIED = "sdoh-category-unspecified"


class StepRefused(ValueError):
    """This step cannot follow the referral's status (someone else moved it first, or it has ended)."""


def receiver_may(current: str, step: str) -> bool:
    """Whether the receiving organisation may take this step from the current status."""
    return step in RECEIVER_STEPS.get(current, ())


def check_receiver_step(current: str, step: str) -> None:
    """Raise StepRefused unless the receiver may take this step now."""
    if not receiver_may(current, step):
        raise StepRefused(f"a referral that is {current} cannot become {step}")


def check_cancel(current: str) -> None:
    """Raise StepRefused unless the sender may still cancel."""
    if current not in CANCELLABLE:
        raise StepRefused(f"a referral that is {current} cannot be cancelled")


def fhir_task_status(status: str, previous: str | None = None) -> str:
    """The FHIR Task.status for ours; a referral closed after anything but an arrival keeps that one's."""
    if status == "closed" and previous not in (None, "arrived"):
        return FHIR_TASK_STATUS[previous]
    return FHIR_TASK_STATUS[status]


def sdoh_category(category: str) -> str:
    """The SDOH Clinical Care category code for a Lantern category."""
    return SDOH_CATEGORIES.get(category, SDOH_UNSPECIFIED)
