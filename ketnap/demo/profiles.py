"""Plausible personal histories and membership timelines for demo people.

Distributions are rough shapes of what the provincial reports describe (most
members admitted in their twenties, lower schooling among older rural members,
political-theory training concentrated in agencies), not statistics of any place.
"""

from __future__ import annotations

import datetime as dt
import random

from ketnap.demo.builder import DemoWriter, EventDraft, PersonDraft
from ketnap.organizations.models import Organization, Sector
from ketnap.people.choices import Education, Gender, Occupation, PoliticalTheory, Professional, Religion
from ketnap.people.models import Person
from ketnap.people.status import EventKind
from ketnap.reports.selectors import years_before

from .names import person_name
from .places import residence_and_hometown

DAY = dt.timedelta(days=1)
OLDEST_ADMISSION = dt.date(1965, 1, 1)

_OFFICE_SECTORS = {Sector.AGENCY, Sector.SCHOOL, Sector.PUBLIC_SERVICE, Sector.ENTERPRISE}
_UNIFORMED_SECTORS = {Sector.ARMED_FORCES, Sector.POLICE, Sector.BORDER_GUARD}


def day_between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def birth_date_for(rng: random.Random, admitted: dt.date) -> dt.date:
    """Most are admitted in their twenties; never before their 18th birthday (Charter art. 1)."""
    age_days = int(rng.triangular(18.2, 46, 24) * 365.25)
    born = admitted - dt.timedelta(days=age_days)
    return min(born, years_before(admitted, 18) - DAY)


def old_admission(rng: random.Random, latest: dt.date) -> dt.date:
    """An admission date before ``latest``, recent years more likely (older members have died)."""
    year = latest.year - int(rng.expovariate(1 / 11))
    first = max(dt.date(year, 1, 1), OLDEST_ADMISSION)
    return day_between(rng, first, max(first, min(dt.date(year, 12, 31), latest)))


def admission(
    cell: Organization,
    admitted: dt.date,
    ceremony: dt.date | None,
    recognized: dt.date | None = None,
    number: int = 0,
) -> list[EventDraft]:
    """Decision, ceremony and recognition; the recognition is effective ceremony + 12 months."""
    events = [EventDraft(EventKind.ADMITTED, admitted, cell.pk, document_number=f"{number or 1}-QĐ/ĐU")]
    if ceremony is not None:
        events.append(EventDraft(EventKind.CEREMONY, ceremony, cell.pk))
    if ceremony is not None and recognized is not None:
        official_from = years_before(ceremony, -1)
        events.append(EventDraft(EventKind.RECOGNIZED, recognized, effective_date=official_from))
    return events


def ceremony_after(rng: random.Random, admitted: dt.date) -> dt.date:
    return admitted + dt.timedelta(days=rng.randint(7, 30))


def recognition_after(rng: random.Random, ceremony: dt.date) -> dt.date:
    return years_before(ceremony, -1) + dt.timedelta(days=rng.randint(5, 45))


def usual_admission(rng: random.Random, cell: Organization, admitted: dt.date, horizon: dt.date) -> list[EventDraft]:
    """An admission that went by the book, cut at ``horizon`` (later steps not yet happened)."""
    ceremony = ceremony_after(rng, admitted)
    recognized = recognition_after(rng, ceremony)
    return admission(
        cell,
        admitted,
        ceremony if ceremony <= horizon else None,
        recognized if recognized <= horizon else None,
        rng.randint(1, 400),
    )


def new_person(
    rng: random.Random,
    org: Organization,
    *,
    ethnicity: str,
    female: bool,
    born: dt.date,
    reference: dt.date,
) -> Person:
    """A person recorded at ``org`` with history fields fitting its sector."""
    family, middle, given = person_name(rng, ethnicity, female)
    age = reference.year - born.year
    residence, hometown = residence_and_hometown(org.name, ethnicity, family, middle, given, born)
    return Person(
        organization=org,
        family_name=family,
        middle_name=middle,
        given_name=given,
        gender=Gender.FEMALE if female else Gender.MALE,
        birth_date=born,
        ethnicity=ethnicity,
        religion=_religion(rng, ethnicity),
        education=_education(rng, org.sector, ethnicity, age),
        professional=_professional(rng, org.sector),
        political_theory=_theory(rng, org.sector),
        occupation=_occupation(rng, org.sector, age),
        youth_union_member=age <= 30 and rng.random() < 0.75,
        residence=residence,
        hometown=hometown,
    )


def _religion(rng: random.Random, ethnicity: str) -> str:
    draw = rng.random()
    if ethnicity == "hmong" and draw < 0.06:
        return Religion.PROTESTANTISM
    if ethnicity == "kinh" and draw < 0.03:
        return Religion.BUDDHISM
    if draw < 0.01:
        return Religion.CATHOLICISM
    return Religion.NONE


def _education(rng: random.Random, sector: str, ethnicity: str, age: int) -> str:
    if sector in _OFFICE_SECTORS or sector in _UNIFORMED_SECTORS:
        return Education.UPPER_SECONDARY if rng.random() < 0.96 else Education.LOWER_SECONDARY
    weights: list[float] = [1, 3, 14, 37, 45] if ethnicity == "kinh" else [2, 6, 24, 38, 30]
    if age > 60:
        weights = [w * f for w, f in zip(weights, [3, 3, 2, 1, 0.5], strict=True)]
    return rng.choices(Education.values, weights)[0]


def _professional(rng: random.Random, sector: str) -> str:
    if sector in _OFFICE_SECTORS:
        weights = [2, 3, 15, 12, 58, 9, 1]
    elif sector in _UNIFORMED_SECTORS:
        weights = [5, 10, 35, 10, 36, 4, 0]
    else:
        weights = [52, 14, 18, 5, 10, 1, 0]
    return rng.choices(Professional.values, weights)[0]


def _theory(rng: random.Random, sector: str) -> str:
    weights = [20, 25, 45, 10] if sector in _OFFICE_SECTORS | _UNIFORMED_SECTORS else [55, 33, 11, 1]
    return rng.choices(PoliticalTheory.values, weights)[0]


_SECTOR_OCCUPATION = {
    Sector.AGENCY: Occupation.STATE_OFFICIAL,
    Sector.SCHOOL: Occupation.PUBLIC_EMPLOYEE,
    Sector.PUBLIC_SERVICE: Occupation.PUBLIC_EMPLOYEE,
    Sector.ENTERPRISE: Occupation.ENTERPRISE,
    Sector.ARMED_FORCES: Occupation.ARMED_FORCES,
    Sector.POLICE: Occupation.ARMED_FORCES,
    Sector.BORDER_GUARD: Occupation.ARMED_FORCES,
}


def _occupation(rng: random.Random, sector: str, age: int) -> str:
    if sector in _SECTOR_OCCUPATION:
        return _SECTOR_OCCUPATION[Sector(sector)]
    if age >= 62:
        return Occupation.RETIRED if rng.random() < 0.6 else Occupation.FARMER
    return rng.choices(
        [Occupation.FARMER, Occupation.VILLAGE_STAFF, Occupation.COMMUNE_OFFICIAL, Occupation.OTHER], [70, 12, 10, 8]
    )[0]


HORIZON = dt.date(2025, 12, 31)  # the demo records nothing after this date


def pick_ethnicity(rng: random.Random, mix: dict[str, float]) -> str:
    return rng.choices(list(mix), list(mix.values()))[0]


def enrol(
    writer: DemoWriter,
    rng: random.Random,
    cell: Organization,
    admitted: dt.date,
    *,
    ethnicity: str,
    female: bool,
    reference: dt.date,
    born: dt.date | None = None,
) -> PersonDraft:
    """A member admitted in ``cell`` on ``admitted`` whose procedure then ran on time."""
    person = new_person(
        rng, cell, ethnicity=ethnicity, female=female, born=born or birth_date_for(rng, admitted), reference=reference
    )
    return writer.person(person, usual_admission(rng, cell, admitted, HORIZON))


def non_member(
    writer: DemoWriter, rng: random.Random, org: Organization, *, ethnicity: str, female: bool, reference: dt.date
) -> PersonDraft:
    """Someone recorded by a cell without being a member (a village head, a source)."""
    born = day_between(rng, dt.date(1965, 1, 1), dt.date(2000, 12, 31))
    return writer.person(new_person(rng, org, ethnicity=ethnicity, female=female, born=born, reference=reference))
