"""Writes about people: every page, API call, command and the importer go through here."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from ketnap.aggregates.services import Period, periods_follow, person_figures_follow
from ketnap.audit.services import audit_log, snapshot
from ketnap.core import policy
from ketnap.core.dated import close_open, end_on, overlaps
from ketnap.core.errors import (
    DomainError,
    NotFound,
    OutOfScope,
    PermissionDenied,
    TransitionNotAllowed,
    ValidationFailed,
)
from ketnap.core.policy import Action
from ketnap.lib.vntext import fold, name_sort_key
from ketnap.organizations.models import Locality, Organization
from ketnap.people import status
from ketnap.people.disclosure import SENSITIVE_FIELDS
from ketnap.people.models import (
    PROFILE_FIELDS,
    MembershipEvent,
    Person,
    Position,
    Profile,
    StatusPeriod,
    SupportAssignment,
)
from ketnap.people.selectors import Duplicates, person_duplicates

# Fields person_update may change: the personal history. Membership changes are
# events, and the derived name keys follow the name parts.
UPDATABLE_FIELDS = frozenset(
    field.name
    for field in Person._meta.concrete_fields
    if field.editable and field.name not in ("id", "organization", "created_at", "updated_at")
)
# Events that place the person in their ``organization``; the actor must be able
# to edit that organization.
_PLACING = frozenset(
    {
        status.EventKind.ADMITTED,
        status.EventKind.CEREMONY,
        status.EventKind.READMITTED,
        status.EventKind.TRANSFERRED_IN,
    }
)


def person_derive_names(person: Person) -> None:
    """Fill the search and sort keys from the name parts (stored in their one form)."""
    person.normalize_names()
    person.search_name = fold(person.full_name)
    person.sort_key = name_sort_key(person.family_name, person.middle_name, person.given_name)


def _validated(obj: models.Model, exclude: list[str] | None = None, *, constraints: bool = True) -> None:
    try:
        obj.full_clean(exclude=exclude, validate_constraints=constraints)
    except ValidationError as error:
        errors = error.message_dict
        raise ValidationFailed({name: [_named(obj, name, m) for m in errors[name]] for name in errors}) from error


def _named(obj: models.Model, name: str, message: str) -> str:
    """The model's message with its field named, as a list of errors apart from the
    form shows it ("Tên: Trường này không được để trống.")."""
    try:
        label = capfirst(str(getattr(obj._meta.get_field(name), "verbose_name", name)))
    except FieldDoesNotExist:
        return message
    return message if message.startswith(label) else _("%(field)s: %(message)s") % {"field": label, "message": message}


# A person younger than this is not recorded: the Youth Union, the youngest source
# of candidates, admits from 16 (Điều lệ Đoàn), and the Party itself from 18.
MIN_AGE_YEARS = 16
MAX_AGE_YEARS = 120
_CITIZEN_ID = re.compile(r"^[0-9]{12}$")


class PossibleDuplicates(DomainError):
    """People already on record who may be the one being created; the request is
    refused until it is confirmed. ``duplicates`` holds only what the actor may see."""

    code = "possible_duplicates"
    status = 409

    def __init__(self, duplicates: Duplicates) -> None:
        self.duplicates = duplicates
        super().__init__(_("Có thể người này đã có hồ sơ. Hãy mở hồ sơ đã có, hoặc xác nhận tạo hồ sơ mới."))


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)


def check_birth_date(birth_date: dt.date, today: dt.date) -> None:
    """At least ``MIN_AGE_YEARS`` old today, and not implausibly old."""
    if birth_date > _years_before(today, MIN_AGE_YEARS):
        message = _("Ngày sinh: người được ghi nhận phải đủ %(years)s tuổi.") % {"years": MIN_AGE_YEARS}
        raise ValidationFailed({"birth_date": [message]})
    if birth_date <= _years_before(today, MAX_AGE_YEARS):
        message = _("Ngày sinh: không được cách ngày hôm nay quá %(years)s năm.") % {"years": MAX_AGE_YEARS}
        raise ValidationFailed({"birth_date": [message]})


def _check_fields(fields: dict[str, Any]) -> None:
    """The checks the model cannot word for people: citizen ID and age."""
    citizen_id = fields.get("citizen_id")
    if citizen_id and not _CITIZEN_ID.match(citizen_id):
        raise ValidationFailed({"citizen_id": [_("Số định danh cá nhân: cần đúng 12 chữ số.")]})
    if isinstance(fields.get("birth_date"), dt.date):
        check_birth_date(fields["birth_date"], policy.today())


def _require_sensitive(actor: Any, obj: Any, fields: dict[str, Any]) -> None:
    if set(fields) & set(SENSITIVE_FIELDS) and not policy.can(actor, Action.VIEW_SENSITIVE, obj):
        raise PermissionDenied(
            _("Bạn không có quyền xem hay ghi thông tin nhạy cảm (dân tộc, tôn giáo, số định danh, ghi chú thẩm tra).")
        )


def _new_person(
    actor: Any, organization: Organization, fields: dict[str, Any], exclude: list[str] | None = None
) -> Person:
    """The person to record, validated (but for the model checks of ``exclude``) and not
    yet saved; the actor edits ``organization``."""
    policy.require(actor, Action.EDIT, organization)
    _require_sensitive(actor, organization, fields)
    if not organization.is_valid_on(policy.today()):
        raise ValidationFailed({"organization": [_("Tổ chức này không còn hoạt động.")]})
    unknown = set(fields) - UPDATABLE_FIELDS
    if unknown:
        raise ValidationFailed({name: [_("Không có trường này.")] for name in sorted(unknown)})
    _check_fields(fields)
    _check_locality(actor, fields.get("residence_locality"))
    person = Person(organization=organization, **fields)
    person_derive_names(person)
    # The person's one constraint is on the citizen ID: Django skips it when that field
    # is excluded, but only after building a query of every field (most of a dry run's row).
    _validated(person, exclude, constraints="citizen_id" not in (exclude or []))
    return person


def _check_locality(actor: Any, locality: Locality | None) -> None:
    if locality is not None and not policy.can(actor, Action.VIEW, locality):
        raise ValidationFailed({"residence_locality": [_("Thôn, bản cư trú: không tìm thấy.")]})


def _save_new(actor: Any, person: Person) -> Person:
    person.save()
    Profile.first_for(person).save()
    audit_log(
        actor=actor,
        action="person.create",
        obj=person,
        after=snapshot(person),
        organization_path=person.organization.path,
    )
    return person


def person_check(*, actor: Any, organization: Organization, **fields: Any) -> Person:
    """The person ``person_create`` would record, checked (permission, fields, age) but
    not saved: what an import's dry run asks of every row. The two model checks that
    cost a query per row are left to ``person_create``, as they cannot fail here: the
    organization was just read, and the citizen ID is checked for its 12 digits above."""
    return _new_person(actor, organization, fields, exclude=["organization", "citizen_id"])


@transaction.atomic
def person_create(*, actor: Any, organization: Organization, **fields: Any) -> Person:
    """Record a new person in ``organization`` (which the actor must be able to edit),
    without looking for duplicates (see ``person_register``)."""
    return _save_new(actor, _new_person(actor, organization, fields))


@transaction.atomic
def person_register(*, actor: Any, organization: Organization, confirm: bool = False, **fields: Any) -> Person:
    """Record a new person as the pages and the API do: after the permission and the
    fields are checked, people already on record with the same folded name and birth
    date, or the same citizen ID, refuse it (``PossibleDuplicates``) unless ``confirm``."""
    person = _new_person(actor, organization, fields)
    if not confirm:
        found = person_duplicates(
            actor, full_name=person.full_name, birth_date=person.birth_date, citizen_id=person.citizen_id
        )
        if found:
            raise PossibleDuplicates(found)
    return _save_new(actor, person)


def _locked(person: Person) -> Person:
    """The person as stored, its row locked until the transaction ends, so two writes
    for one person apply in order."""
    return Person.objects.select_for_update().select_related("organization").get(pk=person.pk)


@transaction.atomic
def person_edit(*, actor: Any, person: Person, effective_on: dt.date | None = None, **fields: Any) -> Person:
    """One edit of a person, as the edit page and the API make it.

    Identity data (names, birth date, hometown, citizen ID…) is only ever corrected: a
    typo fix, audited as ``person.correct``. The personal history the statistics count
    over time (``PROFILE_FIELDS``) changes from ``effective_on``, so earlier reports
    keep their answer; without a date it is corrected too (the recorded value was
    wrong all along). Fields given with their current value are left alone.
    """
    person = _locked(person)
    policy.require(actor, Action.EDIT, person)
    _require_sensitive(actor, person, fields)
    _check_updatable(fields)
    changed = {name: value for name, value in fields.items() if getattr(person, name) != value}
    identity = {name: value for name, value in changed.items() if name not in PROFILE_FIELDS}
    history = {name: value for name, value in changed.items() if name in PROFILE_FIELDS}
    if identity:
        person = person_update(actor=actor, person=person, correction=True, **identity)
    if history:
        correction = effective_on is None
        person = person_update(actor=actor, person=person, effective_on=effective_on, correction=correction, **history)
    return person


@transaction.atomic
def person_update(
    *, actor: Any, person: Person, effective_on: dt.date | None = None, correction: bool = False, **fields: Any
) -> Person:
    """Change a person's personal-history fields; membership changes are events instead.

    The fields the statistics count over time (``PROFILE_FIELDS``) are dated. A
    *change* (the person finished school, left the Youth Union) happened on
    ``effective_on`` (today when not given): the open ``Profile`` row is closed on that
    date and a new one opened, so every report before it keeps its answer. A
    *correction* (``correction=True``: the recorded value was wrong all along) rewrites
    the open row instead, so reports from that row's start change too; it is audited
    as ``person.correct``. Other fields (names, birth date, residence…) are not dated.
    """
    person = _locked(person)
    policy.require(actor, Action.EDIT, person)
    _check_updatable(fields)
    _require_sensitive(actor, person, fields)
    _check_fields(fields)
    _check_locality(actor, fields.get("residence_locality"))
    before = snapshot(person, list(fields))
    old_birth_date = person.birth_date
    for name, value in fields.items():
        setattr(person, name, value)
    person_derive_names(person)
    _validated(person)
    with person_figures_follow(person.pk):
        person.save()
        dated = [name for name in PROFILE_FIELDS if name in fields and before[name] != getattr(person, name)]
        if person.birth_date != old_birth_date:
            _profile_follow_birth_date(person)
        if dated:
            _profile_record(actor, person, dated, effective_on=effective_on or policy.today(), correction=correction)
    audit_log(
        actor=actor,
        action="person.correct" if correction else "person.update",
        obj=person,
        before=before,
        after=snapshot(person, list(fields)),
        organization_path=person.organization.path,
    )
    return person


def _check_updatable(fields: dict[str, Any]) -> None:
    if "organization" in fields:
        raise ValidationFailed({"organization": [_("Dùng sự kiện chuyển sinh hoạt để chuyển đảng viên.")]})
    unknown = set(fields) - UPDATABLE_FIELDS
    if unknown:
        raise ValidationFailed({name: [_("Không được sửa trường này.")] for name in sorted(unknown)})


def _profile_record(actor: Any, person: Person, changed: list[str], *, effective_on: dt.date, correction: bool) -> None:
    """Write the dated fields ``changed`` on ``person`` into the profile rows (see ``person_update``)."""
    values = {name: getattr(person, name) for name in PROFILE_FIELDS}
    rows = Profile.objects.filter(person=person)
    if correction:
        row = rows.open().select_for_update().get()
        before = snapshot(row, changed)
        for name in changed:
            setattr(row, name, values[name])
        row.save(update_fields=changed)
        action, after = "profile.correct", snapshot(row, changed)
    else:
        if effective_on > policy.today():
            raise ValidationFailed({"effective_on": [_("Ngày có hiệu lực không được sau ngày hôm nay.")]})
        closed = close_open(rows, effective_on, field="effective_on")
        before = {"closed": [snapshot(row) for row in closed]}
        row = Profile(person=person, valid_from=effective_on, **values)
        _validated(row)
        row.save()
        action, after = "profile.change", snapshot(row)
    audit_log(
        actor=actor, action=action, obj=row, before=before, after=after, organization_path=person.organization.path
    )


def _profile_follow_birth_date(person: Person) -> None:
    """The first profile row starts on the birth date ("as recorded"), so it moves
    with a corrected birth date; it cannot move past the row's own end."""
    first = Profile.objects.select_for_update().filter(person=person).order_by("valid_from").first()
    if first is None:
        return
    if first.valid_to is not None and person.birth_date >= first.valid_to:
        raise ValidationFailed({"birth_date": [_("Ngày sinh phải trước các thay đổi lý lịch đã ghi nhận.")]})
    first.valid_from = person.birth_date
    first.save(update_fields=["valid_from"])


def person_events(person: Person) -> list[status.Event]:
    return [event.as_event() for event in person.events.all()]


@transaction.atomic
def person_rebuild_periods(person: Person) -> list[StatusPeriod]:
    """Replace the person's status periods with the projection of their events.

    The periods are a cache of the events, so rewriting them is not a change of
    history; the events themselves are append-only. The person's recorded
    organization follows the last period that names one. ``person`` as stored: its
    gender, ethnicity and birth date are those the aggregates count.
    """
    return _rebuild_periods(person)[1]


def _rebuild_periods(person: Person) -> tuple[Sequence[StatusPeriod], list[StatusPeriod]]:
    """``person_rebuild_periods`` inside the caller's transaction: the periods before
    and after, in order. Only the periods that differ are deleted and written."""
    new = _projected(person)
    old = list(StatusPeriod.objects.filter(person=person).annotate(path=F("organization__path")).order_by("start"))
    removed, added = _period_difference(old, new)
    if removed:
        StatusPeriod.objects.filter(pk__in=[p.pk for p in removed]).delete()
    StatusPeriod.objects.bulk_create(added)
    paths = {p.organization_id: p.path for p in old if p.organization_id is not None}
    periods_follow(person, [_period_row(p) for p in removed], [_period_row(p) for p in added], paths)
    _follow_organization(person, new)
    gone = {p.pk for p in removed}
    return old, sorted([*(p for p in old if p.pk not in gone), *added], key=lambda p: p.start)


def _projected(person: Person) -> list[StatusPeriod]:
    return [period_row(person, p) for p in status.project(person_events(person))]


def period_row(person: Person, period: status.Period) -> StatusPeriod:
    """The row (not yet saved) of one of the person's projected status periods."""
    return StatusPeriod(
        person=person,
        status=period.status.value,
        organization_id=period.organization_id,
        host_organization_id=period.host_organization_id,
        start=period.start,
        end=period.end,
    )


def _follow_organization(person: Person, periods: list[StatusPeriod]) -> None:
    """The person is recorded in the organization of the last period that names one."""
    if periods and periods[-1].organization_id and periods[-1].organization_id != person.organization_id:
        Person.objects.filter(pk=person.pk).update(organization_id=periods[-1].organization_id)
        person.organization_id = periods[-1].organization_id


def _period_key(period: StatusPeriod) -> tuple[Any, ...]:
    return (period.status, period.organization_id, period.host_organization_id, period.start, period.end)


def _period_row(period: StatusPeriod) -> Period:
    return (period.organization_id, period.status, period.start, period.end)


def _period_difference(
    old: Sequence[StatusPeriod], new: list[StatusPeriod]
) -> tuple[list[StatusPeriod], list[StatusPeriod]]:
    """The stored periods no longer projected, and the projected ones not yet stored."""
    unmatched: dict[tuple[Any, ...], list[StatusPeriod]] = {}
    for period in old:
        unmatched.setdefault(_period_key(period), []).append(period)
    added = []
    for period in new:
        same = unmatched.get(_period_key(period))
        if same:
            same.pop()
        else:
            added.append(period)
    return [p for rows in unmatched.values() for p in rows], added


def _person_state(person: Person) -> dict[str, Any]:
    """What an event changes, for the audit row: home organization and periods."""
    return _state(person.organization_id, list(StatusPeriod.objects.filter(person=person).order_by("start")))


def _state(organization_id: int | None, periods: Sequence[StatusPeriod]) -> dict[str, Any]:
    return {
        "organization_id": organization_id,
        "periods": [
            [p.status, p.organization_id, p.host_organization_id, str(p.start), str(p.end or "")] for p in periods
        ],
    }


def _check_supersedes(person: Person, supersedes: MembershipEvent | None, kind: status.EventKind) -> None:
    if supersedes is None:
        if kind is status.EventKind.VOID:
            raise ValidationFailed({"supersedes": [_("Sự kiện hủy phải chỉ rõ sự kiện bị hủy.")]})
        return
    # Locked so two corrections of one event cannot both pass this check.
    target = MembershipEvent.objects.select_for_update().filter(pk=supersedes.pk).first()
    if target is None or target.person_id != person.pk:
        raise TransitionNotAllowed(_("Sự kiện được sửa không thuộc người này."), field="supersedes")
    if MembershipEvent.objects.filter(supersedes=target).exists():
        raise TransitionNotAllowed(_("Sự kiện này đã được sửa hoặc hủy trước đó."), field="supersedes")
    if target.kind == status.EventKind.VOID:
        raise TransitionNotAllowed(_("Không sửa sự kiện hủy; hãy ghi nhận lại sự kiện đúng."), field="supersedes")


def _check_organizations(
    actor: Any, kind: status.EventKind, date: dt.date, org: Organization | None, other: Organization | None
) -> None:
    """The transfer rule, before writing.

    ``organization`` is always on the actor's side: where the person is admitted
    or arrives, or where a transfer out leaves from, so it must be editable by the
    actor (else OutOfScope). ``other_organization`` is the far side (the
    destination of a transfer out, the host of temporary activity) and may lie
    outside the actor's scope. Both must exist on the event's date.
    """
    if org is not None:
        if not policy.can(actor, Action.EDIT, org):
            raise OutOfScope()
        if kind in _PLACING and not org.is_valid_on(date):
            raise ValidationFailed({"organization": [_("Tổ chức không có hiệu lực vào ngày của sự kiện.")]})
    if other is not None and not other.is_valid_on(date):
        raise ValidationFailed({"other_organization": [_("Tổ chức không có hiệu lực vào ngày của sự kiện.")]})


def _check_result(actor: Any, person: Person, event: MembershipEvent) -> None:
    """The transfer rule, after writing: the person must still be editable by the
    actor, except when this very event is a transfer out that sent them to its
    destination. So an editor can let a member leave their subtree, but cannot
    bring anyone into (or leave anyone in) an organization they do not manage."""
    if policy.can(actor, Action.EDIT, person):
        return
    leaving = event.kind == status.EventKind.TRANSFERRED_OUT and person.organization_id == event.other_organization_id
    if not leaving:
        raise OutOfScope()


@transaction.atomic
def event_record(*, actor: Any, person: Person, **fields: Any) -> MembershipEvent:
    """Append one membership event and re-derive the status periods; ``fields`` are those
    of ``event_append``. The actor must be able to edit the person.

    The person row is locked so two concurrent events for one person apply in order.
    The organizations named are checked before writing and the result after (see
    ``_check_organizations`` and ``_check_result``); a refusal rolls everything back.
    A correction or void names the event it ``supersedes``, which stays on record;
    an event can be superseded once.
    """
    person = _locked(person)
    policy.require(actor, Action.EDIT, person)
    return _append(actor=actor, person=person, **fields)


@transaction.atomic
def event_append(*, actor: Any, person: Person, **fields: Any) -> MembershipEvent:
    """Append one membership event and re-derive the status periods, for a service that
    has already decided who may record it (the receiving side confirming a transfer,
    which may see the person but not yet edit them); pages and the API use
    ``event_record``. The organizations and the result are checked all the same.

    The person row is locked so two concurrent events for one person apply in order.
    The organizations named are checked before writing and the result after (see
    ``_check_organizations`` and ``_check_result``); a refusal rolls everything back.
    A correction or void names the event it ``supersedes``, which stays on record;
    an event can be superseded once.
    """
    person = _locked(person)
    return _append(actor=actor, person=person, **fields)


def _append(
    *,
    actor: Any,
    person: Person,
    kind: status.EventKind,
    date: dt.date,
    organization: Organization | None = None,
    other_organization: Organization | None = None,
    effective_date: dt.date | None = None,
    arrives_as: status.Status | None = None,
    supersedes: MembershipEvent | None = None,
    document_number: str = "",
    note: str = "",
) -> MembershipEvent:
    """The body of ``event_record`` and ``event_append``, for ``person`` locked and read
    inside their transaction."""
    kind = status.EventKind(kind)
    _check_supersedes(person, supersedes, kind)
    _check_organizations(actor, kind, date, organization, other_organization)
    before_path, before_organization = person.organization.path, person.organization_id
    event = MembershipEvent(
        person=person,
        kind=kind.value,
        date=date,
        organization=organization,
        other_organization=other_organization,
        effective_date=effective_date,
        arrives_as=status.Status(arrives_as).value if arrives_as else "",
        supersedes=supersedes,
        document_number=document_number,
        note=note,
        recorded_by=actor if getattr(actor, "pk", None) else None,
    )
    # The person was just read under lock: no need to check that the row exists.
    _validated(event, exclude=["recorded_by", "person"])
    event.save()
    old, new = _rebuild_periods(person)
    _known_organization(person, organization, other_organization)
    _check_result(actor, person, event)
    audit_log(
        actor=actor,
        action=f"event.{kind.value}",
        obj=event,
        before=_state(before_organization, old),
        after={"event": snapshot(event), **_state(person.organization_id, new)},
        # The actor's side: the person's organization before the event, which the
        # actor could edit, so those who recorded a transfer out still see it.
        organization_path=before_path,
    )
    return event


def _known_organization(person: Person, *named: Organization | None) -> None:
    """A person moved by the event is now in one of the organizations it names: no need
    to read it again (a changed ``organization_id`` has dropped the cached one)."""
    for org in named:
        if org is not None and org.pk == person.organization_id:
            person.organization = org
            return


def person_reveal(*, actor: Any, person: Person, fields: tuple[str, ...] = SENSITIVE_FIELDS) -> dict[str, Any]:
    """Return the unmasked sensitive fields, and audit that they were shown; a refusal
    (no sensitive-data permission on the person) is audited too, as ``refused``."""
    person = Person.objects.select_related("organization").get(pk=person.pk)
    if not set(fields) <= set(SENSITIVE_FIELDS):
        raise ValidationFailed({"fields": [_("Chỉ các trường nhạy cảm mới cần hiển thị riêng.")]})
    try:
        policy.require(actor, Action.VIEW_SENSITIVE, person)
    except (NotFound, PermissionDenied):
        _reveal_audit(actor, person, fields, "refused")
        raise
    _reveal_audit(actor, person, fields, "granted")
    return {name: getattr(person, name) for name in fields}


@transaction.atomic
def _reveal_audit(actor: Any, person: Person, fields: tuple[str, ...], outcome: str) -> None:
    # Its own transaction: a refusal raises after it, and must still leave its trace.
    after = {"fields": list(fields), "outcome": outcome}
    audit_log(actor=actor, action="person.reveal", obj=person, after=after, organization_path=person.organization.path)


def _require_member_on(person: Person, date: dt.date, field: str = "person") -> None:
    if not StatusPeriod.objects.members().as_of(date).filter(person=person).exists():
        raise ValidationFailed({field: [_("Người này không phải đảng viên vào ngày đó.")]})


@transaction.atomic
def position_assign(
    *,
    actor: Any,
    person: Person,
    organization: Organization,
    kind: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
) -> Position:
    """Record that ``person`` holds office ``kind`` in ``organization`` from ``valid_from``.

    Only a party member holds party office, and nobody holds the same office twice
    at once in one organization.
    """
    person = Person.objects.select_for_update().get(pk=person.pk)
    policy.require(actor, Action.EDIT, organization)
    policy.require(actor, Action.VIEW, person)
    _require_member_on(person, valid_from)
    _require_valid_on(organization, valid_from)
    same = Position.objects.filter(person=person, organization=organization, kind=kind)
    if overlaps(same, valid_from, valid_to):
        raise ValidationFailed({"kind": [_("Người này đã giữ chức vụ này trong tổ chức vào thời gian đó.")]})
    position = Position(person=person, organization=organization, kind=kind, valid_from=valid_from, valid_to=valid_to)
    _validated(position)
    position.save()
    audit_log(
        actor=actor,
        action="position.assign",
        obj=position,
        after=snapshot(position),
        organization_path=organization.path,
    )
    return position


@transaction.atomic
def position_end(*, actor: Any, position: Position, on: dt.date) -> Position:
    """End an office held open on ``on``."""
    position = Position.objects.select_for_update().select_related("organization").get(pk=position.pk)
    policy.require(actor, Action.EDIT, position)
    if position.valid_to is not None:
        raise TransitionNotAllowed(_("Chức vụ này đã kết thúc."))
    if on <= position.valid_from:
        raise ValidationFailed({"valid_to": [_("Ngày kết thúc phải sau ngày bắt đầu.")]})
    end_on(position, on, actor=actor, action="position.end", organization_path=position.organization.path)
    return position


def _require_valid_on(org: Organization, date: dt.date) -> None:
    if not org.is_valid_on(date):
        raise ValidationFailed({"organization": [_("Tổ chức không có hiệu lực vào ngày này.")]})


@transaction.atomic
def support_assign(
    *,
    actor: Any,
    person: Person,
    cell: Organization,
    kind: str,
    valid_from: dt.date,
    households: int = 0,
    note: str = "",
) -> SupportAssignment:
    """Record a member taking part in another cell's work, e.g. a border guard in a
    village cell. The actor edits the host cell and must see the member."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    policy.require(actor, Action.EDIT, cell)
    policy.require(actor, Action.VIEW, person)
    if not cell.is_cell:
        raise ValidationFailed({"cell": [_("Chỉ chi bộ mới nhận đảng viên tham gia sinh hoạt, giúp đỡ.")]})
    _require_valid_on(cell, valid_from)
    _require_member_on(person, valid_from)
    if person.organization_id == cell.pk:
        raise ValidationFailed({"cell": [_("Đảng viên đã sinh hoạt chính thức tại chi bộ này.")]})
    if overlaps(SupportAssignment.objects.filter(person=person, cell=cell), valid_from, None):
        raise ValidationFailed({"cell": [_("Đảng viên đang tham gia tại chi bộ này.")]})
    support = SupportAssignment(
        person=person, cell=cell, kind=kind, valid_from=valid_from, households=households, note=note
    )
    _validated(support)
    support.save()
    audit_log(actor=actor, action="support.assign", obj=support, after=snapshot(support), organization_path=cell.path)
    return support


# Identity fields a merge copies from the merged record when the kept one has none.
_MERGE_FILLS = ("hometown", "residence", "citizen_id", "verification_notes")
# Rows of the merged person that are not moved: the profile rows (the kept person's
# dated history stands; the merged one's is in the audit row) and the periods (rebuilt).
_NOT_MOVED = (Profile, StatusPeriod)


@transaction.atomic
def person_merge(*, actor: Any, keep: Person, drop: Person) -> Person:
    """Merge ``drop`` into ``keep``, two records of one person: every membership event,
    office, support assignment and record of the other procedures moves to ``keep``, the
    status periods are rebuilt from the events of both, blank identity fields of
    ``keep`` are filled from ``drop``, and ``drop`` is deleted; the audit row keeps both
    records as they were. Refused when the two are not mergeable (``_check_mergeable``)."""
    if keep.pk == drop.pk:
        raise ValidationFailed({"other": [_("Chọn một hồ sơ khác để gộp.")]})
    locked = {
        p.pk: p
        for p in Person.objects.select_for_update()
        .select_related("organization")
        .filter(pk__in=[keep.pk, drop.pk])
        .order_by("pk")
    }
    if len(locked) != 2:
        raise NotFound()
    keep, drop = locked[keep.pk], locked[drop.pk]
    for person in (keep, drop):
        policy.require(actor, Action.EDIT, person)
        policy.require(actor, Action.VIEW_SENSITIVE, person)
    _check_mergeable(keep, drop)
    before = {"kept": _merge_state(keep), "merged": _merge_state(drop)}
    moved = _move_related(keep, drop)
    _fill_blanks(keep, drop)
    drop.delete()
    keep.refresh_from_db()  # with the blanks filled: the facts its periods count under
    person_rebuild_periods(keep)
    audit_log(
        actor=actor,
        action="person.merge",
        obj=keep,
        before=before,
        after={"kept": _merge_state(keep), "merged_id": before["merged"]["person"]["id"], "moved": moved},
        organization_path=keep.organization.path,
    )
    return keep


def _merge_state(person: Person) -> dict[str, Any]:
    return {
        "person": snapshot(person),
        "events": [snapshot(e) for e in person.events.order_by("date", "pk")],
        "profiles": [snapshot(p) for p in person.profiles.order_by("valid_from")],
        **_person_state(person),
    }


def _check_mergeable(keep: Person, drop: Person) -> None:
    """Two citizen IDs that differ are two people; two membership histories that cover
    the same days cannot both be one person's (the earliest shared day is named)."""
    if keep.citizen_id and drop.citizen_id and keep.citizen_id != drop.citizen_id:
        raise TransitionNotAllowed(_("Hai hồ sơ có số định danh khác nhau: không phải một người."), field="other")
    kept = list(StatusPeriod.objects.filter(person=keep))
    for period in StatusPeriod.objects.filter(person=drop):
        clash = next((p for p in kept if _overlap(p, period)), None)
        if clash is not None:
            day = max(clash.start, period.start)
            message = _(
                "Không gộp được: cả hai hồ sơ đều có quá trình đảng tịch vào ngày %(day)s "
                "(%(first)s và %(second)s). Hãy sửa sự kiện sai trên một hồ sơ trước."
            ) % {"day": f"{day:%d/%m/%Y}", "first": clash.get_status_display(), "second": period.get_status_display()}
            raise TransitionNotAllowed(message, field="other")


def _overlap(a: StatusPeriod, b: StatusPeriod) -> bool:
    return (b.end is None or a.start < b.end) and (a.end is None or b.start < a.end)


def _move_related(keep: Person, drop: Person) -> dict[str, int]:
    """Point every row of ``drop`` (in any app) at ``keep``; a row the other app allows
    only once per person (one open admission case…) refuses the merge."""
    moved: dict[str, int] = {}
    for relation in Person._meta.related_objects:
        model = relation.related_model
        if model in _NOT_MOVED or relation.many_to_many:
            continue
        name = relation.field.name
        try:
            with transaction.atomic():
                count = model._base_manager.filter(**{name: drop}).update(**{name: keep})
        except IntegrityError as error:
            message = _("Không gộp được: cả hai hồ sơ đều có %(what)s, chỉ được có một.") % {
                "what": model._meta.verbose_name
            }
            raise TransitionNotAllowed(message, field="other") from error
        if count:
            moved[model._meta.label_lower] = count
    return moved


def _fill_blanks(keep: Person, drop: Person) -> None:
    filled = {name: getattr(drop, name) for name in _MERGE_FILLS if not getattr(keep, name) and getattr(drop, name)}
    if filled:
        if "citizen_id" in filled:
            drop.citizen_id = ""  # one record holds it at a time
            drop.save(update_fields=["citizen_id"])
        Person.objects.filter(pk=keep.pk).update(**filled)
