"""Reminders of the work queue's items 30, 15 and 7 days ahead, and once when overdue.

One source of truth: the reminders are built from ``work_queue`` items — open cases'
deadlines, probationary members without a case (imported history such as the Mường
Lát members), awareness certificates about to expire — so the digest can never
disagree with the queue on the pages, in the API and in ``ketnap queue``.

One ``Reminder`` row per (person, rule, due date, lead). Sending is at most once: a
row is claimed with a conditional ``update(sent_at=now)`` filtered on
``sent_at IS NULL`` before the mail goes out (as healthchecks' ``sendalerts`` claims
its flips), so a re-run, or two runs at once, never send the same reminder twice.
A mail that fails after the claim is not retried; the work queue still lists the item.

Who receives what is the one policy's answer: each active user holding a role gets the
items of the subtrees they may view, exactly the items ``work_queue`` lists there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ketnap.accounts.models import RoleAssignment
from ketnap.admission import deadlines
from ketnap.admission.models import Reminder
from ketnap.admission.queue import DEFAULT_HORIZON_DAYS, work_queue
from ketnap.admission.types import QueueItem
from ketnap.core import policy
from ketnap.organizations.models import Organization

_DAY = dt.timedelta(days=1)
_CHUNK = 900  # under SQLite's limit on bound parameters
_CERTIFICATE = deadlines.rule_of("certificate.expiring")


@dataclass(frozen=True)
class Due:
    """A work-queue item whose reminder day has come: the item and the lead reached."""

    item: QueueItem
    days_before: int
    path: str  # the item's organization path, for the policy's subtrees

    @property
    def rule(self) -> str:
        return deadlines.rule_of(self.item.code)

    @property
    def key(self) -> tuple[int, str, dt.date, int]:
        return (self.item.person_id, self.rule, self.item.due_on, self.days_before)

    @property
    def overdue(self) -> bool:
        return self.days_before == deadlines.OVERDUE_LEAD


def lead_reached(due_on: dt.date, as_of: dt.date) -> int | None:
    """The shortest lead whose day has come on ``as_of``: 30, 15, 7, or 0 once overdue.
    Earlier leads that were missed (a deadline first seen 10 days ahead) are not sent late;
    a day the digest did not run is caught up by the next run within the same lead."""
    if as_of > due_on:
        return deadlines.OVERDUE_LEAD
    reached = [lead for lead in deadlines.REMINDER_LEADS if due_on - lead * _DAY <= as_of]
    return min(reached) if reached else None


def recipients() -> list[Any]:
    """Active users holding a role today, by username."""
    return list(
        get_user_model()
        .objects.filter(is_active=True, role_assignments__in=RoleAssignment.objects.as_of(policy.today()))
        .distinct()
        .order_by("username")
    )


def reminders_due(as_of: dt.date, org: Organization | None = None, users: Sequence[Any] | None = None) -> list[Due]:
    """The work-queue items on ``as_of`` of the subtrees ``users`` (default: every
    recipient) may view — within ``org``'s subtree when given — whose lead is reached and
    whose reminder was not sent, in the queue's order."""
    roots = _covering_roots(recipients() if users is None else users, org)
    items: list[QueueItem] = []
    for root in Organization.objects.filter(path__in=roots).order_by("path"):
        # Every lead is within the horizon: an item due in 30 days is in the queue.
        items += work_queue(root, as_of, horizon_days=DEFAULT_HORIZON_DAYS)
    paths = _paths({item.organization_code for item in items})
    wanted = []
    for item in items:
        lead = lead_reached(item.due_on, as_of)
        if lead is not None:
            wanted.append(Due(item, lead, paths[item.organization_code]))
    sent = _sent_keys(wanted)
    return [due for due in wanted if due.key not in sent]


def _covering_roots(users: Iterable[Any], org: Organization | None) -> list[str]:
    """The fewest subtree roots covering what ``users`` may view (inside ``org``), so each
    item is computed once however many users share it."""
    roots: set[str] = set()
    for user in users:
        for root in policy.root_paths(user, policy.Action.VIEW):
            if org is None or root.startswith(org.path):
                roots.add(root)
            elif org.path.startswith(root):
                roots.add(org.path)
    if "" in roots:  # the whole tree
        roots = set(Organization.objects.filter(depth=1).values_list("path", flat=True))
    minimal: list[str] = []
    for path in sorted(roots):
        if not minimal or not path.startswith(minimal[-1]):
            minimal.append(path)
    return minimal


def _paths(codes: set[str]) -> dict[str, str]:
    ordered = sorted(codes)
    paths: dict[str, str] = {}
    for start in range(0, len(ordered), _CHUNK):
        chunk = ordered[start : start + _CHUNK]
        paths.update(Organization.objects.filter(code__in=chunk).values_list("code", "path"))
    return paths


def _sent_keys(wanted: list[Due]) -> set[tuple[int, str, dt.date, int]]:
    ids = sorted({due.item.person_id for due in wanted})
    sent: set[tuple[int, str, dt.date, int]] = set()
    for start in range(0, len(ids), _CHUNK):
        rows = Reminder.objects.filter(person_id__in=ids[start : start + _CHUNK], sent_at__isnull=False)
        sent.update(rows.values_list("person_id", "due_code", "due_on", "days_before"))
    return sent


def reminders_claim(dues: Iterable[Due], *, now: dt.datetime | None = None) -> list[Due]:
    """Create the rows and claim each one; returns those this run claimed (and must send)."""
    unique = list({due.key: due for due in dues}.values())
    moment = now or timezone.now()
    Reminder.objects.bulk_create([_row(due) for due in unique], ignore_conflicts=True)
    claimed = []
    for due in unique:
        person_id, rule, due_on, lead = due.key
        won = Reminder.objects.filter(
            _still_due(due), person_id=person_id, due_code=rule, due_on=due_on, days_before=lead, sent_at__isnull=True
        ).update(sent_at=moment)
        if won:
            claimed.append(due)
    return claimed


def _still_due(due: Due) -> Q:
    """A case deadline that moved since the queue was read (a step recorded meanwhile) is
    not reminded under its old date. A certificate item carries the candidate's case, but
    its date is the certificate's, not the case's."""
    if due.item.case_id is None or due.rule == _CERTIFICATE:
        return Q()
    return Q(case__due_on=F("due_on"))


def _row(due: Due) -> Reminder:
    person_id, rule, due_on, lead = due.key
    return Reminder(person_id=person_id, case_id=due.item.case_id, due_code=rule, due_on=due_on, days_before=lead)


@dataclass(frozen=True)
class Digest:
    """One user's mail: the reminders of their scope claimed (or, dry, due) in this run."""

    user: Any
    dues: list[Due]

    @property
    def items(self) -> list[QueueItem]:
        return [due.item for due in self.dues]


def digests(dues: list[Due], users: Sequence[Any] | None = None) -> list[Digest]:
    """Each user (default: every active user holding a role today) gets the reminders under
    the subtrees the one policy lets them view, in the queue's order; nobody gets an empty mail."""
    result = []
    for user in recipients() if users is None else users:
        roots = policy.root_paths(user, policy.Action.VIEW)
        mine = [due for due in dues if any(due.path.startswith(root) for root in roots)]
        if mine:
            result.append(Digest(user, mine))
    return result


def digest_run(as_of: dt.date, org: Organization | None = None, *, send: bool = False) -> list[Digest]:
    """The digests of a run. Sending, every reminder that someone will receive is claimed
    first, and each mail keeps only those this run won: a re-run, or a second run at the
    same time, finds nothing left to send."""
    users = recipients()
    mails = digests(reminders_due(as_of, org, users), users)
    if not send:
        return mails
    won = {due.key for due in reminders_claim(due for digest in mails for due in digest.dues)}
    kept = [Digest(digest.user, [due for due in digest.dues if due.key in won]) for digest in mails]
    return [digest for digest in kept if digest.dues]


def digest_subject(as_of: dt.date, dues: list[Due]) -> str:
    overdue = sum(1 for d in dues if d.overdue)
    return _("[ketnap] %(n)s việc cần nhắc ngày %(date)s (%(late)s quá hạn)") % {
        "n": len(dues),
        "date": f"{as_of:%d/%m/%Y}",
        "late": overdue,
    }


def digest_body(as_of: dt.date, dues: list[Due]) -> str:
    """Plain text in the active language (Vietnamese unless ``--language en``): one
    paragraph per reminder with the rule behind it, worded as the work queue words it."""
    lines = [_("Các việc đến hạn, quá hạn trong phạm vi của đồng chí, ngày %(date)s:") % {"date": f"{as_of:%d/%m/%Y}"}]
    for due in dues:
        item = due.item
        lines += [
            "",
            f"- {item.person_name} ({item.organization_name}): {_lead_label(due, as_of)}",
            f"  {item.message}",
            f"  {_('Căn cứ')}: {item.citation}",
        ]
    lines += ["", _("Xem toàn bộ danh sách: ketnap queue --org <mã tổ chức>, hoặc trang tổ chức.")]
    return "\n".join(lines) + "\n"


def _lead_label(due: Due, as_of: dt.date) -> str:
    due_on = due.item.due_on
    if due.overdue:
        return _("đã quá hạn ngày %(date)s") % {"date": f"{due_on:%d/%m/%Y}"}
    return _("còn %(days)s ngày (hạn %(date)s)") % {"days": (due_on - as_of).days, "date": f"{due_on:%d/%m/%Y}"}
