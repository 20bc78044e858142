"""Deadlines shared by the work queue, the reminders and the digest.

Every number and wording comes from ``ketnap.rules``: these helpers only pick the
edition in force on the date a rule names and call the rule, so the queue can never
disagree with the checks run before a step is recorded.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from ketnap.lib.workdays import Calendar
from ketnap.rules import DEFAULT, Edition, Finding, NoEditionInForce, Registry
from ketnap.rules import admission as admission_rules
from ketnap.rules import probation as probation_rules
from ketnap.rules.base import add_months

# Reminders go out this many days before a due date; 0 is the day after it passed.
REMINDER_LEADS: tuple[int, ...] = (30, 15, 7)
OVERDUE_LEAD = 0

# The rule behind each stored ``due_code`` prefix (finding codes are "<prefix>.<state>").
_RULE_OF_PREFIX: dict[str, str] = {
    "admission_decision": "admission_decision",
    "ceremony": "ceremony",
    "member_history": "member_history",
    "probation": "probation",
    "probation.review": "probation",
    "recognition_decision": "recognition_decision",
    "recognition": "recognition_dossier",
    "certificate": "certificate",
    "helper": "helper",
    "card": "party_card",
    "edition": "version",
}
# What is due, worded as the rules word it in their own deadline findings.
_WHAT: dict[str, str] = admission_rules.DEADLINE_ACTS
_DEADLINE_PREFIX: dict[str, str] = {"probation": "probation.review"}
# The step of ``ketnap.rules.check`` whose pinned edition governs each deadline rule:
# the step recorded on (or nearest to) the date the rule is anchored on.
_PIN_STEP: dict[str, str] = {
    "admission_decision": "cell_review",
    "ceremony": "decision",
    "member_history": "ceremony",
    "probation": "ceremony",
    "recognition_decision": "recognition_review",
}
# Without a pin, the anchor is estimated back from the due date by the rule's own span.
_SPAN: dict[str, str] = {
    "admission_decision": "admission_decision_working_days",
    "ceremony": "ceremony_working_days",
    "member_history": "member_history_working_days",
    "probation": "recognition_review_working_days",
    "recognition_decision": "recognition_decision_working_days",
}


def edition_on(day: dt.date, registry: Registry = DEFAULT) -> Edition:
    """The edition in force on ``day``; the oldest modelled one for imported history
    older than it (a member admitted in 1990 still ends probation after 12 months)."""
    try:
        return registry.edition_on(day)
    except NoEditionInForce:
        return registry.editions[0]


@cache
def _without_swaps(calendar: Calendar) -> Calendar:
    return calendar.without_working_weekends()


def calendar_for(edition: Edition, calendar: Calendar) -> Calendar:
    """The calendar as the edition counts working days (swapped Saturdays or not, §12.15)."""
    return calendar if edition.parameters.working_saturdays_count else _without_swaps(calendar)


def probation_review_due(ceremony: dt.date, calendar: Calendar, registry: Registry = DEFAULT) -> dt.date:
    """Last day for the cell's recognition review: 30 working days after the 12 months
    of probation that start on the ceremony, under the edition in force on the ceremony."""
    edition = edition_on(ceremony, registry)
    return probation_rules.recognition_review_due_on(ceremony, edition, calendar_for(edition, calendar))


def probation_findings(
    ceremony: dt.date, as_of: dt.date, calendar: Calendar, registry: Registry = DEFAULT
) -> list[Finding]:
    """What rule 16 says on ``as_of`` about a probationary member with no recognition resolution."""
    edition = edition_on(ceremony, registry)
    return probation_rules.check_probation(ceremony, None, as_of, edition, calendar_for(edition, calendar))


def earliest_overdue_ceremony(until: dt.date, registry: Registry = DEFAULT) -> dt.date:
    """No ceremony after this date can have its review due by ``until``: probation alone
    lasts ``probation_months`` (the shortest of any edition), so SQL can pre-filter."""
    months = min(e.parameters.probation_months for e in registry.editions)
    return add_months(until, -months)


def certificate_expires(issued_on: dt.date, as_of: dt.date, registry: Registry = DEFAULT) -> dt.date:
    """Last valid day of an awareness-class certificate, by the validity in force on ``as_of``."""
    return admission_rules.certificate_expires_on(issued_on, edition_on(as_of, registry))


def certificate_issued_cutoff(until: dt.date, registry: Registry = DEFAULT) -> dt.date:
    """Certificates issued after this date are still valid on ``until`` under every edition.
    Three days past the same day that many months back: a month-end issue day with no
    counterpart is clamped (29/02/2020 and 28/02/2020 both expire on 28/02/2025), so up
    to four issue days share one expiry."""
    months = min(e.parameters.certificate_validity_months for e in registry.editions)
    return add_months(until, -months) + dt.timedelta(days=3)


def certificate_finding(issued_on: dt.date, as_of: dt.date, registry: Registry = DEFAULT) -> Finding:
    """``certificate.expired`` from the rule itself once it has expired; before that a
    ``certificate.expiring`` notice under the same citation, due on the last valid day."""
    return admission_rules.certificate_notice(issued_on, as_of, edition_on(as_of, registry))


def rule_of(code: str) -> str:
    """The rule key of a finding code: "probation.review.overdue" -> "probation"."""
    parts = code.split(".")
    for length in range(len(parts) - 1, 0, -1):
        rule = _RULE_OF_PREFIX.get(".".join(parts[:length]))
        if rule is not None:
            return rule
    return parts[0]


def deadline_finding(
    code: str, due_on: dt.date, as_of: dt.date, pinned: dict[str, str] | None = None, registry: Registry = DEFAULT
) -> Finding:
    """The finding a stored deadline (``due_code``, ``due_on``) stands for on ``as_of``:
    "due" turns "overdue" the day after ``due_on`` without the case being refreshed.
    The citation is the case's pinned edition for the rule when it has one."""
    rule = rule_of(code)
    edition = _edition_for(rule, due_on, pinned or {}, registry)
    if rule in _WHAT and edition.enforces(rule):
        prefix = _DEADLINE_PREFIX.get(rule, rule)
        return admission_rules.deadline_findings(rule, prefix, due_on, None, as_of, edition, _WHAT[rule])[0]
    return admission_rules.next_deadline(rule, code, due_on, as_of, edition)


def _edition_for(rule: str, due_on: dt.date, pinned: dict[str, str], registry: Registry) -> Edition:
    """The edition of the step the rule is anchored on: pinned on the case when that step
    was recorded, else in force on the anchor estimated back from the due date (a working
    week is seven days; probation adds its months), close enough to pick the edition."""
    code = pinned.get(_PIN_STEP.get(rule, ""))
    if code:
        try:
            return registry.by_code(code)
        except KeyError:
            pass
    if rule not in _SPAN:
        return edition_on(due_on, registry)
    params = edition_on(due_on, registry).parameters
    anchor = due_on - dt.timedelta(days=getattr(params, _SPAN[rule]) * 7 // 5)
    if rule == "probation":
        anchor = add_months(anchor, -params.probation_months)
    return edition_on(anchor, registry)
