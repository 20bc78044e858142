"""Reads about people, always narrowed by the permission policy."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import BooleanField, Case, DateField, OuterRef, Q, QuerySet, Subquery, Value, When

from ketnap.core import policy
from ketnap.core.errors import NotFound
from ketnap.core.policy import Action
from ketnap.core.search import matches_first
from ketnap.lib.vntext import fold
from ketnap.organizations.models import Organization
from ketnap.people import status
from ketnap.people.models import MembershipEvent, Person, Position, StatusPeriod, SupportAssignment


def people_list(
    user: Any,
    *,
    as_of: dt.date | None = None,
    organization: Organization | None = None,
    status_on_date: str = "",
    gender: str = "",
    query: str = "",
) -> QuerySet[Person]:
    """People ``user`` may see, each annotated with ``status_on_date`` (the status held
    on the date, None when not on the rolls) and ``moved_away``/``moved_away_on`` (see
    ``_with_moved_away``), in Vietnamese name order. The pages and
    the API both list people through here.

    Which people belong to the list depends on what is asked:

    - neither a date nor a status: the people recorded in the subtree now (members,
      candidates and sources alike), scoped by where they are recorded;
    - a date or a status: the people whose status period valid on that date (today
      when only a status is asked) lies in the subtree, scoped by the period's
      organization. This is the rule of the statistics, so the number of officials
      listed equals ``organization_statistics(...).official`` on any date, across
      transfers; someone not on the rolls that day is not listed.

    The status comes from one correlated subquery and the period rule is one ``IN``
    subquery, so the list costs one query however many rows it shows. The search
    ignores diacritics and case: both sides are folded ("nguyen van an" finds
    "Nguyễn Văn An").
    """
    on = as_of or policy.today()
    people: QuerySet[Person]
    if as_of is None and not status_on_date:
        candidates = Person.objects.in_subtree(organization) if organization is not None else Person.objects.all()
        people = policy.scope(user, candidates, Action.VIEW)
    else:
        people = Person.objects.filter(pk__in=_periods_on(user, on, organization, status_on_date).values("person_id"))
    on_date = StatusPeriod.objects.as_of(on).filter(person=OuterRef("pk")).order_by("-start").values("status")[:1]
    people = _with_moved_away(people.annotate(status_on_date=Subquery(on_date)), user)
    if gender:
        people = people.filter(gender=gender)
    if folded := fold(query):
        people = matches_first(people, Q(search_name__contains=folded))
    return people.select_related("organization").order_by("sort_key", "pk")


def _with_moved_away(people: QuerySet[Person], user: Any) -> QuerySet[Person]:
    """Annotate ``moved_away``: the record is now kept outside ``user``'s view (someone
    listed on a past date who has since transferred away), and ``moved_away_on``: the
    end of their last period ``user`` may see. A list then says "moved away" with that
    date and never names where they went."""
    visible = policy.scope_q(user, Action.VIEW, "organization__path")
    if not visible:  # the whole tree: nobody can have left it
        return people.annotate(moved_away=Value(False), moved_away_on=Value(None, output_field=DateField()))
    ended = StatusPeriod.objects.filter(person=OuterRef("pk"), end__isnull=False)
    left = policy.scope(user, ended, Action.VIEW).order_by("-end").values("end")[:1]
    moved = Case(When(visible, then=Value(False)), default=Value(True), output_field=BooleanField())
    left_on = Case(When(visible, then=Value(None)), default=Subquery(left), output_field=DateField())
    return people.annotate(moved_away=moved, moved_away_on=left_on)


def _periods_on(
    user: Any, on: dt.date, organization: Organization | None, status_on_date: str
) -> QuerySet[StatusPeriod]:
    """Status periods valid on ``on`` in the subtree (and with the status, if asked)
    that ``user`` may see, by the organization of the period."""
    periods = policy.scope(user, StatusPeriod.objects.as_of(on), Action.VIEW)
    if organization is not None:
        periods = periods.filter(organization__path__startswith=organization.path)
    if status_on_date:
        periods = periods.filter(status=status_on_date)
    return periods


def person_get(user: Any, pk: int) -> Person:
    """The person if ``user`` may see them; NotFound otherwise (also when out of scope)."""
    person = policy.scope(user, Person.objects.select_related("organization"), Action.VIEW).filter(pk=pk).first()
    if person is None:
        raise NotFound()
    return person


@dataclass(frozen=True)
class TimelineEvent:
    """One membership event; ``corrected`` when a later event superseded or voided it.

    Corrected events stay on the timeline (struck through): history is never hidden."""

    event: MembershipEvent
    corrected: bool

    @property
    def is_void(self) -> bool:
        return self.event.kind == status.EventKind.VOID


@dataclass(frozen=True)
class PersonHistory:
    events: list[TimelineEvent]
    periods: list[StatusPeriod]
    positions: list[Position]
    support_assignments: list[SupportAssignment]
    current: StatusPeriod | None
    party_age: status.PartyAge | None


def person_history(person: Person, on: dt.date) -> PersonHistory:
    """Events, status periods, positions and support assignments of ``person``, with the
    status and party age on ``on``. Party age is shown only for someone on the rolls
    who has been recognized as an official member (``party_age`` is None before)."""
    events = list(
        person.events.select_related("organization", "other_organization").order_by("date", "recorded_at", "pk")
    )
    replaced = {e.supersedes_id for e in events if e.supersedes_id is not None}
    periods = list(person.periods.select_related("organization", "host_organization").order_by("start"))
    current = next((p for p in periods if p.start <= on and (p.end is None or on < p.end)), None)
    age = status.party_age([e.as_event() for e in events], on) if current is not None else None
    return PersonHistory(
        events=[TimelineEvent(event=e, corrected=e.pk in replaced) for e in events],
        periods=periods,
        positions=list(person.positions.select_related("organization").order_by("valid_from")),
        support_assignments=list(person.support_assignments.select_related("cell").order_by("valid_from")),
        current=current,
        party_age=age,
    )


# More matches than this are not listed: the user is asked to search instead.
MAX_DUPLICATES = 20


@dataclass(frozen=True)
class Duplicates:
    """Who a new record may duplicate. ``shown`` are the matches the user may see, with
    what matched; ``elsewhere`` says only that some match lies outside the user's view
    (or matched on a citizen ID the user may not see), never who or where."""

    shown: list[Person]
    elsewhere: bool

    def __bool__(self) -> bool:
        return bool(self.shown) or self.elsewhere


def person_duplicates(
    user: Any, *, full_name: str, birth_date: dt.date | None, citizen_id: str = "", exclude_pk: int | None = None
) -> Duplicates:
    """People on record anywhere with the same name folded without diacritics and the
    same birth date, or the same citizen ID. Both lookups are equalities on indexed
    columns (``search_name``, ``birth_date``, ``citizen_id``), so no table is scanned;
    the few rows found are then sorted into what ``user`` may be shown."""
    folded = fold(full_name)
    rows = duplicate_candidates(folded, birth_date, citizen_id)
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    found = list(rows.select_related("organization").order_by("sort_key", "pk")[:MAX_DUPLICATES])
    shown = [p for p in found if _may_show(user, p, folded, birth_date)]
    return Duplicates(shown=shown, elsewhere=len(shown) < len(found))


def duplicate_candidates(folded: str, birth_date: dt.date | None, citizen_id: str) -> QuerySet[Person]:
    """Everyone on record with the folded name and birth date, or the citizen ID: not
    scoped, so only ``person_duplicates`` may use it."""
    match = Q(pk__in=[])
    if folded and birth_date is not None:
        match |= Q(search_name=folded, birth_date=birth_date)
    if citizen_id:
        match |= Q(citizen_id=citizen_id)
    return Person.objects.filter(match)


def duplicate_candidates_in_bulk(keys: set[tuple[str, dt.date]], citizen_ids: set[str]) -> QuerySet[Person]:
    """``duplicate_candidates`` for many people at once (an import checks a file in a few
    queries): not scoped, a superset narrowed on the indexed columns (any of the folded
    names with any of the birth dates, or any of the citizen IDs); the caller matches
    each person's own pair exactly."""
    names = {name for name, _birth in keys}
    births = {birth for _name, birth in keys}
    return Person.objects.filter(Q(search_name__in=names, birth_date__in=births) | Q(citizen_id__in=citizen_ids))


def _may_show(user: Any, person: Person, folded: str, birth_date: dt.date | None) -> bool:
    """A match is shown when ``user`` sees the person and what matched: name and birth
    date are shown to every reader, a citizen ID only with the sensitive-data permission."""
    if not policy.can(user, Action.VIEW, person):
        return False
    by_name = person.search_name == folded and person.birth_date == birth_date
    return by_name or policy.can(user, Action.VIEW_SENSITIVE, person)
