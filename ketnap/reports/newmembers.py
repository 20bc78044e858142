"""New members of a period by the indicators of the statistical forms (Biểu 2, 2B),
beside the same period a year earlier.

A new member is an admission decision dated in the period by an organization of the
subtree (corrected or voided decisions do not count), as ``admissions_between``
counts them. Age is taken on the decision date; what changes over a life (religion,
education, training, occupation, Youth Union) from the profile valid on that date.

Ethnicity and religion are withheld from a reader without the sensitive-data
permission by the statistics' one suppression rule (``hidden_categories``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from django.utils.translation import gettext as _

from ketnap.core import policy
from ketnap.core.db import reading_from_replica
from ketnap.organizations.models import Organization
from ketnap.people.choices import (
    ETHNIC_GROUPS,
    MAJORITY_ETHNICITY,
    Education,
    Gender,
    Occupation,
    PoliticalTheory,
    Professional,
    Religion,
)
from ketnap.people.models import MembershipEvent, Person, Profile
from ketnap.people.status import EventKind
from ketnap.reports.period import check_exists, check_period
from ketnap.reports.selectors import AGE_BANDS, hidden_categories, sees_sensitive, suppression_threshold, years_before

# The breakdowns in the order of the form; the two sensitive ones may be withheld.
BREAKDOWNS = ("age", "ethnicity", "religion", "education", "professional", "political_theory", "occupation")
SENSITIVE = ("ethnicity", "religion")
WITHHELD_KEY = "withheld"  # the line standing for the ethnic groups withheld


@dataclass(frozen=True)
class Newcomer:
    """What the report counts of one new member, as on the decision date."""

    gender: str
    age: int
    ethnicity: str
    religion: str
    education: str
    professional: str
    political_theory: str
    occupation: str
    youth_union: bool


@dataclass(frozen=True)
class Composition:
    """Totals and breakdowns of the new members of one period; None = withheld."""

    first: dt.date
    last: dt.date
    total: int
    women: int
    youth_union: int
    ethnic_minority: int | None
    religious: int | None
    average_age: float | None
    breakdowns: dict[str, dict[str, int | None]]


@dataclass(frozen=True)
class NewMembers:
    organization_code: str
    organization_name: str
    current: Composition
    previous: Composition  # the same period a year earlier
    suppressed: list[str] = field(default_factory=list)
    suppression_note: str = ""

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("current", "previous"):
            data[key] |= {"first": data[key]["first"].isoformat(), "last": data[key]["last"].isoformat()}
        return data


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def age_band(age: int) -> str:
    """The form's age band of ``age``; "under_18" for none of them (a data error)."""
    for key, low, high in AGE_BANDS:
        if age >= low and (high is None or age <= high):
            return key
    return "under_18"


def _keys() -> dict[str, list[str]]:
    return {
        "age": [key for key, _lo, _hi in AGE_BANDS],
        "ethnicity": [code for code, _label in ETHNIC_GROUPS],
        "religion": list(Religion.values),
        "education": list(Education.values),
        "professional": list(Professional.values),
        "political_theory": list(PoliticalTheory.values),
        "occupation": list(Occupation.values),
    }


def compose(newcomers: Sequence[Newcomer], first: dt.date, last: dt.date) -> Composition:
    """Count the newcomers by every indicator (pure: no database)."""
    counts: dict[str, Counter[str]] = {name: Counter() for name in BREAKDOWNS}
    for one in newcomers:
        counts["age"][age_band(one.age)] += 1
        for name in BREAKDOWNS[1:]:
            counts[name][getattr(one, name)] += 1
    breakdowns: dict[str, dict[str, int | None]] = {}
    for name, keys in _keys().items():
        extra = [key for key in counts[name] if key not in keys]  # e.g. under 18
        breakdowns[name] = {
            key: counts[name][key] for key in [*keys, *extra] if counts[name][key] or name != "ethnicity"
        }
    total = len(newcomers)
    return Composition(
        first=first,
        last=last,
        total=total,
        women=sum(1 for one in newcomers if one.gender == Gender.FEMALE),
        youth_union=sum(1 for one in newcomers if one.youth_union),
        ethnic_minority=sum(1 for one in newcomers if one.ethnicity != MAJORITY_ETHNICITY),
        religious=sum(1 for one in newcomers if one.religion != Religion.NONE),
        average_age=round(sum(one.age for one in newcomers) / total, 1) if total else None,
        breakdowns=breakdowns,
    )


def _decisions(org: Organization, first: dt.date, last: dt.date) -> list[tuple[int, dt.date]]:
    rows = MembershipEvent.objects.filter(
        kind=EventKind.ADMITTED,
        date__range=(first, last),
        organization__path__startswith=org.path,
        superseded_by__isnull=True,
    ).values_list("person_id", "date")
    return list(rows)


def _profiles(person_ids: Iterable[int]) -> dict[int, list[Profile]]:
    found: dict[int, list[Profile]] = {}
    for profile in Profile.objects.filter(person_id__in=list(person_ids)).order_by("valid_from"):
        found.setdefault(profile.person_id, []).append(profile)
    return found


def _profile_on(profiles: list[Profile], day: dt.date) -> Profile | None:
    held = [p for p in profiles if p.valid_from <= day and (p.valid_to is None or day < p.valid_to)]
    return held[0] if held else (profiles[0] if profiles else None)


def newcomers(org: Organization, first: dt.date, last: dt.date) -> list[Newcomer]:
    decisions = _decisions(org, first, last)
    ids = {person_id for person_id, _day in decisions}
    people = {p.pk: p for p in Person.objects.filter(pk__in=ids)}
    profiles = _profiles(ids)
    found = []
    for person_id, day in decisions:
        person = people[person_id]
        source: Any = _profile_on(profiles.get(person_id, []), day) or person
        found.append(
            Newcomer(
                gender=person.gender,
                age=age_on(person.birth_date, day),
                ethnicity=person.ethnicity,
                religion=source.religion,
                education=source.education,
                professional=source.professional,
                political_theory=source.political_theory,
                occupation=source.occupation,
                youth_union=bool(source.youth_union_member),
            )
        )
    return found


@reading_from_replica()
def new_members(org: Organization, first: dt.date, last: dt.date) -> NewMembers:
    """New members of ``org``'s subtree in [first, last] and in the same period a year earlier."""
    check_period(first, last)
    check_exists(org, first, last)
    before_first, before_last = years_before(first, 1), years_before(last, 1)
    return NewMembers(
        organization_code=org.code,
        organization_name=org.name,
        current=compose(newcomers(org, first, last), first, last),
        previous=compose(newcomers(org, before_first, before_last), before_first, before_last),
    )


def _masked(name: str, counts: dict[str, int], hidden: set[str]) -> dict[str, int | None]:
    """The breakdown with ``hidden`` withheld. The ethnicity list names only the groups
    present, so its hidden groups are folded into one withheld line: naming them would
    tell that someone of that group is among the new members."""
    if name != "ethnicity":
        return {key: None if key in hidden else value for key, value in counts.items()}
    shown: dict[str, int | None] = {key: value for key, value in counts.items() if key not in hidden}
    return shown | {WITHHELD_KEY: None}


def _withhold(composition: Composition, threshold: int) -> tuple[Composition, set[str]]:
    withheld: set[str] = set()
    breakdowns = dict(composition.breakdowns)
    changes: dict[str, Any] = {}
    for name, figure in (("ethnicity", "ethnic_minority"), ("religion", "religious")):
        counts = {key: int(value or 0) for key, value in breakdowns[name].items()}
        hidden = hidden_categories(counts, threshold)
        if hidden:
            breakdowns[name] = _masked(name, counts, hidden)
            withheld.add(name)
        count = int(getattr(composition, figure) or 0)
        if hidden_categories({figure: count, "rest": composition.total - count}, threshold):
            changes[figure] = None
            withheld.add(figure)
    return replace(composition, breakdowns=breakdowns, **changes), withheld


def new_members_for(user: Any, org: Organization, first: dt.date, last: dt.date) -> NewMembers:
    """The report as ``user`` may see it: the organization in view (404 otherwise), and
    without the sensitive-data permission small ethnicity and religion counts withheld."""
    if user is not None:
        policy.require(user, policy.Action.VIEW, org)
    return withheld_for(user, org, new_members(org, first, last))


def withheld_for(user: Any, org: Organization, report: NewMembers) -> NewMembers:
    """``report`` with what ``user`` may not see of ``org`` withheld (the one rule)."""
    if sees_sensitive(user, org):
        return report
    threshold = suppression_threshold()
    current, hidden_now = _withhold(report.current, threshold)
    previous, hidden_before = _withhold(report.previous, threshold)
    hidden = sorted(hidden_now | hidden_before)
    if not hidden:
        return report
    note = _(
        "Số liệu dân tộc và tôn giáo được ẩn (—) khi nhóm hoặc số đếm dưới %(n)s người, để không suy ra được "
        "dân tộc, tôn giáo của từng người; người có quyền xem thông tin nhạy cảm thấy đầy đủ."
    ) % {"n": threshold}
    return replace(report, current=current, previous=previous, suppressed=hidden, suppression_note=note)
