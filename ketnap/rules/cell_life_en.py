"""English wording of the cell-life findings (``cell_life.py``), merged into ``messages_en.TEMPLATES``."""

from __future__ import annotations

TEMPLATES: dict[str, str] = {
    "removal.inactive": (
        "The member missed cell meetings for {months} months in the year without a valid reason: "
        "the cell reviews and proposes removal from the rolls."
    ),
    "removal.dues_unpaid": (
        "The member did not pay party dues for {months} months in the year without a valid reason: "
        "the cell reviews and proposes removal from the rolls."
    ),
    "removal.probationary": (
        "Probationary member: the cell considers not recognising them as an official member and proposing "
        "removal from the rolls, not discipline."
    ),
    "meeting.missed_month": "The cell held no regular meeting in {month}.",
    "composition.too_few": "The cell has only {official} official members (fewer than {minimum}): reinforce it.",
    "composition.no_committee": "The cell has {official} official members but no cell committee.",
    "exemption.reason_not_yet": "Before {since} only old or weak members could be exempted from activity.",
    "exemption.no_application": "The member's application is missing.",
    "exemption.no_resolution": "An exemption from activity needs a resolution of the cell.",
    "exemption.no_certificate": "The certificate of the medical facility is missing.",
    "away.unsettled": (
        "The member has been working away since {since} ({months} months) with neither a temporary transfer nor "
        "an exemption from activity."
    ),
}
