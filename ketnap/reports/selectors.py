"""The organization-and-membership statistics of any subtree on any date.

One typed row, computed by one query (an aggregate over the status periods valid on
the date, with the organizations by kind beside it, written out as SQL once). The
page, the API, the command and the spreadsheet export all ask ``statistics_for`` for
the row a user may see and format that same row, so they cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from ketnap.core import policy
from ketnap.core.db import read_connection, reading_from_replica
from ketnap.core.errors import NotValidOnDate
from ketnap.lib.dates import dmy
from ketnap.organizations.models import Organization, OrgKind
from ketnap.people.choices import MAJORITY_ETHNICITY, Education, Gender, PoliticalTheory, Professional, Religion
from ketnap.people.models import MembershipEvent, Person, Profile, StatusPeriod
from ketnap.people.status import MEMBER_STATUSES, EventKind, Status

# Age bands of the statistical forms, in whole years on the report date; None = open.
AGE_BANDS: list[tuple[str, int, int | None]] = [
    ("18_30", 18, 30),
    ("31_35", 31, 35),
    ("36_40", 36, 40),
    ("41_45", 41, 45),
    ("46_50", 46, 50),
    ("51_55", 51, 55),
    ("56_60", 56, 60),
    ("over_60", 61, None),
]


def years_before(date: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` earlier (28 February for a 29 February)."""
    try:
        return date.replace(year=date.year - years)
    except ValueError:
        return date.replace(year=date.year - years, day=28)


@dataclass(frozen=True)
class Statistics:
    """Organizations and members of one subtree on one date."""

    organization_code: str
    organization_name: str
    organization_kind: str
    as_of: dt.date
    organizations_by_kind: dict[str, int]
    grassroots_organizations: int
    members: int
    probationary: int
    official: int
    exempted: int
    women: int
    ethnic_minority: int | None  # None: withheld from this user (see ``suppressed``)
    religious: int | None
    youth_union: int
    age_bands: dict[str, int]
    education: dict[str, int]
    professional: dict[str, int]
    political_theory: dict[str, int]
    warnings: list[str] = field(default_factory=list)
    suppressed: list[str] = field(default_factory=list)  # names of the figures withheld
    suppression_note: str = ""

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["as_of"] = self.as_of.isoformat()
        return data


def _member_columns() -> list[tuple[str, str]]:
    """(output key, SQL condition) for every member figure, built once from the choice
    lists. ``%(name)s`` placeholders are the report date's age-band limits.

    Fixed facts (gender, ethnicity, birth date) come from the person (``p``); what
    changes over a life (religion, Youth Union, education, training) from the profile
    row valid on the report date (``pr``), so a later change never alters a past report."""
    person, profile = "p", "pr"
    columns = [
        ("members", "1=1"),
        ("probationary", f"sp.status = '{Status.PROBATIONARY}'"),
        ("official", f"sp.status = '{Status.OFFICIAL}'"),
        ("exempted", f"sp.status = '{Status.EXEMPTED}'"),
        ("women", f"{person}.gender = '{Gender.FEMALE}'"),
        ("ethnic_minority", f"{person}.ethnicity <> '{MAJORITY_ETHNICITY}'"),
        ("religious", f"{profile}.religion <> '{Religion.NONE}'"),
        ("youth_union", f"{profile}.youth_union_member"),
    ]
    for key, low, high in AGE_BANDS:
        condition = f"{person}.birth_date <= %(born_by_{low})s"
        if high is not None:
            condition += f" AND {person}.birth_date > %(born_after_{high + 1})s"
        columns.append((f"age__{key}", condition))
    for prefix, values in (
        ("education", Education.values),
        ("professional", Professional.values),
        ("political_theory", PoliticalTheory.values),
    ):
        columns += [(f"{prefix}__{value}", f"{profile}.{prefix} = '{value}'") for value in values]
    return columns


_MEMBER_COLUMNS = _member_columns()


# Organizations counted by kind below the subtree's root (the national root is never below).
_COUNTED_KINDS = [kind.value for kind in OrgKind if kind is not OrgKind.NATIONAL]


def _member_sql() -> str:
    # One statement written out once instead of ~35 ORM conditional aggregates and a
    # second query for the organizations: the ORM spent 5–10 ms per call resolving
    # them, several times the query itself on a commune. The values inlined are our own
    # choice codes, never user input; the date, the depth and the path prefix are
    # parameters. SUM(CASE…) and scalar subqueries run on SQLite and PostgreSQL.
    sums = ",\n".join(f"COALESCE(SUM(CASE WHEN {condition} THEN 1 ELSE 0 END), 0)" for _, condition in _MEMBER_COLUMNS)
    kinds = ",\n".join(
        f"(SELECT COUNT(*) FROM {Organization._meta.db_table} k WHERE k.path LIKE %(path)s AND k.depth > %(depth)s"
        f" AND k.kind = '{kind}' AND k.valid_from <= %(as_of)s AND (k.valid_to IS NULL OR k.valid_to > %(as_of)s))"
        for kind in _COUNTED_KINDS
    )
    members = [f"'{status}'" for status in MEMBER_STATUSES]
    return (
        f"SELECT {sums},\n{kinds}\n"
        f"FROM {StatusPeriod._meta.db_table} sp\n"
        f"JOIN {Person._meta.db_table} p ON p.id = sp.person_id\n"
        # Rows of one person do not overlap, so at most one matches; LEFT so that a
        # member without a profile row on the date is still counted (and flagged).
        f"LEFT JOIN {Profile._meta.db_table} pr ON pr.person_id = sp.person_id\n"
        "  AND pr.valid_from <= %(as_of)s AND (pr.valid_to IS NULL OR pr.valid_to > %(as_of)s)\n"
        f"WHERE sp.status IN ({', '.join(members)})\n"
        'AND sp.start <= %(as_of)s AND (sp."end" IS NULL OR sp."end" > %(as_of)s)\n'
        f"AND sp.organization_id IN (SELECT id FROM {Organization._meta.db_table} WHERE path LIKE %(path)s)"
    )


_MEMBER_SQL = _member_sql()


def _member_params(org: Organization, as_of: dt.date) -> dict[str, str | int | dt.date]:
    params: dict[str, str | int | dt.date] = {"as_of": as_of, "path": org.path + "%", "depth": org.depth}
    for _key, low, high in AGE_BANDS:
        params[f"born_by_{low}"] = years_before(as_of, low)
        if high is not None:
            params[f"born_after_{high + 1}"] = years_before(as_of, high + 1)
    return params


def member_figures_raw(org: Organization, as_of: dt.date) -> dict[str, int]:
    """Every member figure of the subtree on the date, and its organizations by kind
    (``kind__<kind>``, the root itself not counted), in one query over the raw tables:
    the recomputation the aggregates are checked against (``ketnap aggregates verify``)."""
    keys = [key for key, _ in _MEMBER_COLUMNS] + [f"kind__{kind}" for kind in _COUNTED_KINDS]
    with read_connection().cursor() as cursor:
        cursor.execute(_MEMBER_SQL, _member_params(org, as_of))
        values = cursor.fetchone()
    return {key: int(value) for key, value in zip(keys, values, strict=True)}


_KINDS_SQL = "SELECT " + ",\n".join(
    f"(SELECT COUNT(*) FROM {Organization._meta.db_table} k WHERE k.path LIKE %(path)s AND k.depth > %(depth)s"
    f" AND k.kind = '{kind}' AND k.valid_from <= %(as_of)s AND (k.valid_to IS NULL OR k.valid_to > %(as_of)s))"
    for kind in _COUNTED_KINDS
)


def member_figures(org: Organization, as_of: dt.date) -> dict[str, int]:
    """The figures of ``member_figures_raw``, the members' read from the aggregates
    (``ketnap.aggregates``) for the large subtrees (nation, provinces, their upper
    committees), so their cost follows the tree slice, not the members; a grassroots
    organization's few hundred members are counted in the raw tables directly."""
    from ketnap.aggregates.selectors import member_counts
    from ketnap.aggregates.services import is_aggregated

    if not is_aggregated(org):  # a grassroots organization: a few hundred members at most
        return member_figures_raw(org, as_of)
    params = {"as_of": as_of, "path": org.path + "%", "depth": org.depth}
    with read_connection().cursor() as cursor:
        cursor.execute(_KINDS_SQL, params)
        kinds = cursor.fetchone()
    by_kind = {f"kind__{kind}": int(value) for kind, value in zip(_COUNTED_KINDS, kinds, strict=True)}
    return member_counts(org, as_of) | by_kind


@reading_from_replica()
def organization_statistics(org: Organization, as_of: dt.date) -> Statistics:
    """Statistics of ``org``'s subtree as it stood on ``as_of`` (the org itself not counted
    among the organizations)."""
    if not org.is_valid_on(as_of):
        raise NotValidOnDate(
            _("Tổ chức %(code)s không tồn tại vào ngày %(date)s.") % {"code": org.code, "date": dmy(as_of)}
        )
    row = member_figures(org, as_of)

    def group(prefix: str) -> dict[str, int]:
        return {key.split("__", 1)[1]: value for key, value in row.items() if key.startswith(prefix + "__")}

    by_kind = group("kind")

    stats = Statistics(
        organization_code=org.code,
        organization_name=org.name,
        organization_kind=org.kind,
        as_of=as_of,
        organizations_by_kind=by_kind,
        grassroots_organizations=sum(by_kind[k] for k in OrgKind.grassroots()),
        members=row["members"],
        probationary=row["probationary"],
        official=row["official"],
        exempted=row["exempted"],
        women=row["women"],
        ethnic_minority=row["ethnic_minority"],
        religious=row["religious"],
        youth_union=row["youth_union"],
        age_bands=group("age"),
        education=group("education"),
        professional=group("professional"),
        political_theory=group("political_theory"),
    )
    return _with_warnings(stats)


def _with_warnings(stats: Statistics) -> Statistics:
    """Flag breakdowns that do not add up to the total (e.g. members under 18 on file)."""
    warnings = []
    if sum(stats.age_bands.values()) != stats.members:
        warnings.append(_("Tổng các nhóm tuổi khác tổng số đảng viên."))
    if sum(stats.education.values()) != stats.members:
        warnings.append(_("Có đảng viên chưa có lý lịch vào ngày báo cáo."))
    if stats.warnings == warnings:
        return stats
    return Statistics(**{**stats.__dict__, "warnings": warnings})


@reading_from_replica()
def admissions_between(org: Organization, first: dt.date, last: dt.date) -> int:
    """Admission decisions dated ``first``..``last`` (inclusive) in ``org``'s subtree.

    Counted by the decision date and the admitting organization, the way the
    reports count "admitted in 2021"; corrected (superseded) decisions do not count.
    """
    return MembershipEvent.objects.filter(
        kind=EventKind.ADMITTED,
        date__range=(first, last),
        organization__path__startswith=org.path,
        superseded_by__isnull=True,
    ).count()


# Figures that tell a person's ethnicity or religion, each the first category of a
# two-way breakdown whose other category is the rest of the members.
SENSITIVE_FIGURES = ("ethnic_minority", "religious")


def suppression_threshold() -> int:
    return int(settings.STATS_SUPPRESSION_THRESHOLD)


def hidden_categories(counts: dict[str, int], threshold: int) -> set[str]:
    """The categories of one breakdown to withhold so that no count below ``threshold``
    can be read off the figures shown, nor worked out from the total.

    A group smaller than the threshold is withheld whole; otherwise every count from 1
    to threshold-1 is, and when that is one category only, the next smallest too (else
    the total minus the others would give it back). A threshold of 1 or less hides nothing."""
    if threshold <= 1:
        return set()
    if sum(counts.values()) < threshold:
        return set(counts)
    hidden = {key for key, count in counts.items() if 0 < count < threshold}
    if len(hidden) == 1:
        rest = [key for key in counts if key not in hidden]
        # A shown zero would give the hidden count away as well, so prefer a real count.
        hidden |= set(sorted(rest, key=lambda key: (counts[key] == 0, counts[key]))[:1])
    return hidden


def withheld_figures(stats: Statistics, threshold: int) -> list[str]:
    """The sensitive figures of the row to withhold (its group is its members)."""
    withheld = []
    for name in SENSITIVE_FIGURES:
        count = int(getattr(stats, name))
        if hidden_categories({name: count, "rest": stats.members - count}, threshold):
            withheld.append(name)
    return withheld


def sees_sensitive(user: Any, org: Organization) -> bool:
    """Whether ``user`` sees the ethnicity and religion figures of ``org`` in full; None is
    the system operator (a command run without ``--user``)."""
    return user is None or policy.can(user, policy.Action.VIEW_SENSITIVE, org)


def statistics_for(user: Any, org: Organization, as_of: dt.date) -> Statistics:
    """The statistics row of ``org`` on ``as_of`` as ``user`` may see it: the one place
    where figures are withheld, so the page, the API, the export and the command agree.

    A user without ``view_sensitive`` on ``org`` gets the ethnicity and religion figures
    of a small group withheld (None), so nobody's ethnicity or religion can be deduced."""
    stats = organization_statistics(org, as_of)
    if sees_sensitive(user, org):
        return stats
    threshold = suppression_threshold()
    withheld = withheld_figures(stats, threshold)
    if not withheld:
        return stats
    note = _(
        "Số liệu dân tộc và tôn giáo được ẩn (—) khi nhóm hoặc số đếm dưới %(n)s người, để không suy ra được "
        "dân tộc, tôn giáo của từng người; người có quyền xem thông tin nhạy cảm thấy đầy đủ."
    ) % {"n": threshold}
    hidden: dict[str, Any] = dict.fromkeys(withheld)
    return replace(stats, **hidden, suppressed=withheld, suppression_note=note)
