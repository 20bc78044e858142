"""Reminders 30, 15 and 7 days before each case deadline, and once when it has passed.

One ``Reminder`` row per (case, rule, due date, lead). Sending is at most once: a
row is claimed with a conditional ``update(sent_at=now)`` filtered on
``sent_at IS NULL`` before the mail goes out (as healthchecks' ``sendalerts`` claims
its flips), so a re-run, or two runs at once, never send the same reminder twice.
A mail that fails after the claim is not retried; the work queue still lists the item.

Only cases carry reminders: probationary members known from imported history, and
prospects without a case, have no case row to hang a reminder on; they appear in the
work queue and on the pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ketnap.accounts.models import RoleAssignment
from ketnap.admission import deadlines
from ketnap.admission.models import AdmissionCase, Reminder
from ketnap.admission.queue import DEFAULT_HORIZON_DAYS
from ketnap.core import policy
from ketnap.organizations.models import Organization
from ketnap.rules import citation_text, message

_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Due:
    """A reminder whose day has come: the case's current deadline and the lead reached."""

    case_id: int
    rule: str
    due_on: dt.date
    days_before: int
    due_code: str
    pinned: dict[str, str]
    path: str
    person_name: str
    organization_name: str

    @property
    def overdue(self) -> bool:
        return self.days_before == deadlines.OVERDUE_LEAD


def lead_reached(due_on: dt.date, as_of: dt.date) -> int | None:
    """The shortest lead whose day has come on ``as_of``: 30, 15, 7, or 0 once overdue.
    Earlier leads that were missed (a deadline first seen 10 days ahead) are not sent late."""
    if as_of > due_on:
        return deadlines.OVERDUE_LEAD
    reached = [lead for lead in deadlines.REMINDER_LEADS if due_on - lead * _DAY <= as_of]
    return min(reached) if reached else None


def reminders_due(as_of: dt.date, org: Organization | None = None) -> list[Due]:
    """Reminders of open cases (in ``org``'s subtree) whose day has come and that were not sent."""
    cases = AdmissionCase.objects.filter(
        closed_on__isnull=True, due_on__lte=as_of + dt.timedelta(days=DEFAULT_HORIZON_DAYS)
    ).exclude(due_code="")
    if org is not None:
        cases = cases.filter(cell__path__startswith=org.path)
    rows = cases.values_list(
        "id", "due_code", "due_on", "pinned_editions", "cell__path", "cell__name",
        "person__family_name", "person__middle_name", "person__given_name",
    )  # fmt: skip
    wanted = [due for due in (_due(row, as_of) for row in rows) if due is not None]
    sent = _sent_keys(wanted)
    return [due for due in wanted if (due.case_id, due.rule, due.due_on, due.days_before) not in sent]


def _due(row: tuple, as_of: dt.date) -> Due | None:
    case_id, code, due_on, pinned, path, org_name, *name = row
    lead = lead_reached(due_on, as_of)
    if lead is None:
        return None
    person = " ".join(part for part in name if part)
    return Due(case_id, deadlines.rule_of(code), due_on, lead, code, pinned or {}, path, person, org_name)


def _sent_keys(wanted: list[Due]) -> set[tuple[int, str, dt.date, int]]:
    ids = [due.case_id for due in wanted]
    sent: set[tuple[int, str, dt.date, int]] = set()
    for start in range(0, len(ids), 900):  # under SQLite's limit on bound parameters
        rows = Reminder.objects.filter(case_id__in=ids[start : start + 900], sent_at__isnull=False)
        sent.update(rows.values_list("case_id", "due_code", "due_on", "days_before"))
    return sent


def reminders_claim(dues: Iterable[Due], *, now: dt.datetime | None = None) -> list[Due]:
    """Create the rows and claim each one; returns those this run claimed (and must send)."""
    dues = list(dues)
    moment = now or timezone.now()
    Reminder.objects.bulk_create(
        [Reminder(case_id=d.case_id, due_code=d.rule, due_on=d.due_on, days_before=d.days_before) for d in dues],
        ignore_conflicts=True,
    )
    claimed = []
    for due in dues:
        won = Reminder.objects.filter(
            Q(case_id=due.case_id, due_code=due.rule, due_on=due.due_on, days_before=due.days_before),
            sent_at__isnull=True,
            case__due_on=F("due_on"),  # the case moved on since: nothing to remind
        ).update(sent_at=moment)
        if won:
            claimed.append(due)
    return claimed


@dataclass(frozen=True)
class Digest:
    """One user's mail: the reminders of their scope claimed (or, dry, due) in this run."""

    user: Any
    dues: list[Due]


def digests(dues: list[Due]) -> list[Digest]:
    """Each active user holding a role today gets the reminders under their roles' subtrees;
    the one policy answers which subtrees those are."""
    users = (
        get_user_model()
        .objects.filter(is_active=True, role_assignments__in=RoleAssignment.objects.as_of(policy.today()))
        .distinct()
        .order_by("username")
    )
    result = []
    for user in users:
        roots = policy.root_paths(user, policy.Action.VIEW)
        mine = [due for due in dues if any(due.path.startswith(root) for root in roots)]
        if mine:
            result.append(Digest(user, sorted(mine, key=lambda d: (not d.overdue, d.due_on, d.person_name))))
    return result


def digest_subject(as_of: dt.date, dues: list[Due]) -> str:
    overdue = sum(1 for d in dues if d.overdue)
    return _("[ketnap] %(n)s việc cần nhắc ngày %(date)s (%(late)s quá hạn)") % {
        "n": len(dues),
        "date": f"{as_of:%d/%m/%Y}",
        "late": overdue,
    }


def digest_body(as_of: dt.date, dues: list[Due]) -> str:
    """Plain text in the active language (Vietnamese unless ``--language en``): one
    paragraph per reminder with its rule."""
    language = get_language()
    lines = [_("Các việc đến hạn, quá hạn trong phạm vi của đồng chí, ngày %(date)s:") % {"date": f"{as_of:%d/%m/%Y}"}]
    for due in dues:
        finding = deadlines.deadline_finding(due.due_code, due.due_on, as_of, due.pinned)
        lines += [
            "",
            f"- {due.person_name} ({due.organization_name}): {_lead_label(due, as_of)}",
            f"  {message(finding, language)}",
        ]
        lines.append(f"  {_('Căn cứ')}: {citation_text(finding.citation, language)}")
    lines += ["", _("Xem toàn bộ danh sách: ketnap queue --org <mã tổ chức>, hoặc trang tổ chức.")]
    return "\n".join(lines) + "\n"


def _lead_label(due: Due, as_of: dt.date) -> str:
    if due.overdue:
        return _("đã quá hạn ngày %(date)s") % {"date": f"{due.due_on:%d/%m/%Y}"}
    return _("còn %(days)s ngày (hạn %(date)s)") % {"days": (due.due_on - as_of).days, "date": f"{due.due_on:%d/%m/%Y}"}
