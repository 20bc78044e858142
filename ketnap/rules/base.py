"""Vocabulary of the regulations package: findings, citations, editions, parameters.

Pure Python, no Django. An :class:`Edition` is one pairing of the Central Committee's
implementing regulation (Quy định thi hành Điều lệ Đảng) with the Secretariat's
guidance in force beside it; its :class:`Parameters` hold every number the rules use,
and every point the sources leave open is a parameter with a default and a comment
naming the open question. Rules read the edition in force on the date they name (the
cell-review date for age and education, the resolution date for a decision deadline…)
and return :class:`Finding` values, never raise.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from enum import IntEnum, StrEnum
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Protocol

from ketnap.lib.workdays import Calendar


class Severity(StrEnum):
    BLOCKING = "blocking"  # the step cannot go ahead until this is resolved
    WARNING = "warning"  # the step may go ahead but the case is irregular (late, unconfirmed rule)
    INFO = "info"  # a due date, an exception applied, a route to follow


@dataclass(frozen=True)
class Citation:
    """Where a rule comes from. ``tag`` is the reliability of the source as read:
    A verbatim central text, B official news, C local practice or commentary quoting
    the text, D unverified (a quiz or an app only)."""

    document: str
    article: str
    tag: str

    def __post_init__(self) -> None:
        if self.tag not in {"A", "B", "C", "D"}:
            raise ValueError(f"unknown reliability tag {self.tag!r}")

    def __str__(self) -> str:
        return f"{self.document}, {self.article} [{self.tag}]"


@dataclass(frozen=True)
class Finding:
    """One result of a rule. ``code`` is stable; ``message`` is Vietnamese with the
    values filled in, and ``params`` keeps those values as the message shows them (dates
    as dd/mm/yyyy), so :func:`ketnap.rules.messages.message` can word the finding in
    another language by its code; ``wording`` names the template when several codes
    share one (a generic deadline notice), else it is the code. ``satisfiable_on`` is
    the date time alone cures the finding (a birthday, a 12-month mark), ``due_on`` the
    deadline a monitoring sweep should store; ``edition`` the code of the edition whose
    rule produced it (version pinning, §11 rule 32)."""

    code: str
    severity: Severity
    message: str
    citation: Citation
    satisfiable_on: dt.date | None = None
    due_on: dt.date | None = None
    edition: str = ""
    # A plain dict (a copy), so findings still pickle, deep-copy and ``asdict``; left out of the hash.
    params: Mapping[str, str] = field(default_factory=dict, hash=False)
    wording: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", dict(self.params))

    @property
    def blocking(self) -> bool:
        return self.severity is Severity.BLOCKING


class Education(IntEnum):
    """General education, in increasing order."""

    NONE = 0
    LITERATE = 1  # biết đọc, biết viết chữ quốc ngữ
    PRIMARY = 2  # hoàn thành chương trình bậc tiểu học
    LOWER_SECONDARY_EQUIVALENT = 3  # "tương đương" trung học cơ sở (accepted only under QĐ 29)
    LOWER_SECONDARY = 4  # bằng tốt nghiệp trung học cơ sở
    UPPER_SECONDARY = 5
    HIGHER = 6


class ReadmissionBar(StrEnum):
    """Ways of having left the party that bar readmission in the editions listing them."""

    ABANDONED_ACTIVITY = "abandoned_activity"  # bỏ sinh hoạt đảng
    APPLIED_TO_LEAVE = "applied_to_leave"  # tự ý xin ra khỏi Đảng (except very difficult family circumstances)
    SERIOUS_DISUNITY = "serious_disunity"  # gây mất đoàn kết nội bộ nghiêm trọng
    CORRUPTION_CONVICTION = "corruption_conviction"  # bị kết án về tội tham nhũng
    SERIOUS_CRIME_CONVICTION = "serious_crime_conviction"  # bị kết án về tội nghiêm trọng trở lên


@dataclass(frozen=True)
class Parameters:
    """Every number and switch the rules use. Defaults are the reading of QĐ 294 / HD 06."""

    # --- Age (§3.2; §11 rule 1) -------------------------------------------------------------
    min_age_months: int = 216  # "đủ 18 tuổi (tính theo tháng)"
    # "đến đủ 60 tuổi": open question §12.5. 720 reads "đủ 60" as 60 years and 0 months, so a
    # candidate aged 60 years and 1 month already needs the over-60 path; 731 would be the
    # lenient reading (any age within the 60th year).
    age_max_months_inclusive: int = 720
    # HD 01-HD/TW 2021 1.1; HD 06 "Về tuổi đời" assumed unchanged (§12.2).
    over_60_requires_written_approval: bool = True
    over_60_requires_health_and_prestige: bool = True
    over_60_requires_base_condition: bool = True

    # --- Education (§3.3; rule 2) -----------------------------------------------------------
    accepts_lower_secondary_equivalent: bool = False  # True only under QĐ 29 ("hoặc tương đương")
    hardship_min_education: Education = Education.PRIMARY  # HD 01 2021 1.2
    # The 2021 text for village elders is truncated in the sources (§12.2); 2012 required
    # reading and writing Vietnamese.
    elder_min_education: Education = Education.LITERATE
    # 2006 guidance required written agreement for the exception; HD 06 unconfirmed (§3.3).
    education_exception_requires_approval: bool = False

    # --- Awareness class (§4.1; rule 3) -----------------------------------------------------
    certificate_validity_months: int = 60  # HD 06 5.4 [D]; "5 năm" in older guidance

    # --- Verification (§4.4; rule 6) --------------------------------------------------------
    # HD 01 2021 3.4: "if the parents, siblings or children are members and declared fully,
    # no verification is needed". True reads it as exempting that whole side of the family;
    # False (stricter) exempts only the member relatives themselves.
    verification_skip_whole_side: bool = True

    # --- Introducers (§4.5; rule 7) ---------------------------------------------------------
    introducer_together_months: int = 12
    introducer_residence_counts: bool = True  # "cùng sinh hoạt nơi cư trú", added by QĐ 24
    youth_union_age_max_years: int = 30  # Youth Union age 16–30 (Điều lệ Đoàn)
    # Open question §12.4: when a grassroots trade-union resolution replaces one introducer.
    trade_union_replaces_one_introducer: bool = True

    # --- Votes (§4.7–4.8; rules 9–10, 25) ---------------------------------------------------
    cell_vote_ratio: Fraction = Fraction(2, 3)
    committee_vote_ratio: Fraction = Fraction(2, 3)
    # Where a standing committee decides, its resolution needs more than this share of its
    # members ("hơn một nửa", Charter art. 10.5).
    standing_vote_majority: Fraction = Fraction(1, 2)
    cell_min_official_members: int = 3

    # --- Deadlines in working days (§4.9–4.11, §5.1; rules 11, 13, 15, 16, 18) --------------
    admission_decision_working_days: int = 60  # kept in QĐ 294? open question §12.2
    admission_decision_extension_max: int = 30
    ceremony_working_days: int = 30
    member_history_working_days: int = 30
    probation_months: int = 12
    recognition_review_working_days: int = 30
    recognition_decision_working_days: int = 30
    recognition_decision_extension_max: int = 30
    failed_votes_before_escalation: int = 3

    # --- Organisation (§2, §4.9; rule 12) ---------------------------------------------------
    district_level_exists: bool = False  # abolished from 01/7/2025 (QĐ 294)

    # --- Readmission (§3.5; rule 24) --------------------------------------------------------
    readmission_wait_months: int = 36
    readmission_after_expungement_months: int = 60
    readmission_max_times: int = 1
    readmission_bars: frozenset[ReadmissionBar] = frozenset(ReadmissionBar)
    # QĐ 29 3.5.1b, QĐ 24 3.5.1, QĐ 294 3.5.1: "được ban thường vụ tỉnh ủy, thành ủy (hoặc
    # tương đương) đồng ý bằng văn bản" before the competent committee considers it.
    readmission_requires_provincial_consent: bool = True

    # --- Transfers of party activity (§7; rule 28) -------------------------------------------
    transfer_start_working_days: int = 60
    transfer_arrival_working_days: int = 30
    temporary_min_months: int = 3
    temporary_work_max_months: int = 12  # "dưới 1 năm": 12 months is already too long
    temporary_study_max_months: int = 24  # "từ 3 tháng đến 2 năm": 24 months still allowed

    # --- Working days (§10; rule 31) --------------------------------------------------------
    # Open question §12.15: whether a swapped working Saturday counts as a working day.
    working_saturdays_count: bool = True

    # --- Not used by the admission rules; versioned here so every edition carries them -----
    removal_months: int = 3  # "ba tháng trong năm" (rule 27)
    removal_months_consecutive: bool = False  # open question §12.16
    removal_calendar_year: bool = True  # calendar year, not rolling 12 months (§12.16)
    excellent_cap_ratio: Fraction | None = Fraction(1, 5)  # open question §12.10 (QĐ 366)


@dataclass(frozen=True)
class Edition:
    """One regulation edition: its dates, parameters, the rules it enforces and their citations."""

    code: str
    title: str
    regulation: str
    guidance: str
    effective_from: dt.date
    effective_to: dt.date | None
    parameters: Parameters
    citations: Mapping[str, Citation] = field(hash=False)
    rules: frozenset[str] = frozenset()
    confirmed: bool = True  # False for an edition inserted on an unconfirmed report

    def __post_init__(self) -> None:
        object.__setattr__(self, "citations", MappingProxyType(dict(self.citations)))
        uncited = self.rules - set(self.citations)
        if uncited:
            raise ValueError(f"{self.code}: rules without a citation: {sorted(uncited)}")

    def in_force_on(self, day: dt.date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)

    def enforces(self, rule: str) -> bool:
        return rule in self.rules

    def cite(self, rule: str) -> Citation:
        return self.citations[rule]

    def finding(
        self,
        rule: str,
        code: str,
        severity: Severity,
        template: str,
        *,
        satisfiable_on: dt.date | None = None,
        due_on: dt.date | None = None,
        wording: str = "",
        **values: object,
    ) -> Finding:
        """A finding of ``rule`` under this edition, the template's ``{name}`` filled in.

        The values are kept on the finding as text, so it can be worded again in English
        from ``messages_en`` by ``wording`` (when given) or ``code``."""
        params = {name: vn(value) for name, value in values.items()}
        return Finding(
            code,
            severity,
            template.format(**params),
            self.cite(rule),
            satisfiable_on,
            due_on,
            self.code,
            params,
            wording,
        )

    def amended(
        self,
        *,
        code: str,
        title: str,
        regulation: str,
        effective_from: dt.date,
        guidance: str | None = None,
        effective_to: dt.date | None = None,
        citations: Mapping[str, Citation] | None = None,
        confirmed: bool = False,
        **parameters: Any,
    ) -> Edition:
        """A successor edition: this one's rules and citations, with the given changes."""
        merged = {**self.citations, **(citations or {})}
        return Edition(
            code=code,
            title=title,
            regulation=regulation,
            guidance=guidance if guidance is not None else self.guidance,
            effective_from=effective_from,
            effective_to=effective_to,
            parameters=replace(self.parameters, **parameters),
            citations=merged,
            rules=self.rules,
            confirmed=confirmed,
        )


class Rule(Protocol):
    """A rule of a procedure step: all its findings for the case, under the edition it picks."""

    def __call__(self, facts: Any, ctx: Context, /) -> list[Finding]: ...


@dataclass(frozen=True)
class Context:
    """What a rule needs besides the facts: the step, the evaluation date, the calendar and
    the edition lookup (``editions(day)`` returns the edition in force on ``day``)."""

    step: str
    on: dt.date
    calendar: Calendar
    editions: Callable[[dt.date], Edition]

    def edition(self, anchor: dt.date | None) -> Edition:
        return self.editions(anchor or self.on)

    def calendar_for(self, edition: Edition) -> Calendar:
        if edition.parameters.working_saturdays_count:
            return self.calendar
        return self.calendar.without_working_weekends()


# --- Date helpers -------------------------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later; the last day of the month when it has no such day
    (Civil Code 2015 art. 148: a period in months ending on a missing day ends on the
    month's last day)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = _calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from ``start`` to ``end``: the largest k with add_months(start, k) <= end."""
    k = (end.year - start.year) * 12 + end.month - start.month
    while add_months(start, k) > end:
        k -= 1
    while add_months(start, k + 1) <= end:
        k += 1
    return k


def vn(value: object) -> str:
    """Format a value for a Vietnamese message: dates as dd/mm/yyyy."""
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    return str(value)


# --- Rule keys ----------------------------------------------------------------------------
# Each key names one rule of domain §11 (number in the comment); an edition enforces a
# subset and must cite every key it enforces.
RULES: frozenset[str] = frozenset(
    {
        "age",  # 1
        "age_over_60",  # 1
        "education",  # 2
        "certificate",  # 3
        "dossier_items",  # 3–4: application and personal history present
        "application_order",  # 4 (HD 06 only)
        "history_verification",  # 5
        "verification_scope",  # 6
        "introducer_count",  # 7
        "introducer_quality",  # 7
        "comments",  # 8
        "cell_vote",  # 9, 25
        "committee_vote",  # 10
        "standing_vote",  # 10: a standing committee's own majority where it decides
        "admission_decision",  # 11
        "authority",  # 12
        "ceremony",  # 13
        "helper",  # 14
        "member_history",  # 15
        "probation",  # 16
        "recognition_dossier",  # 17
        "recognition_decision",  # 18
        "official_date",  # 19
        "failure_path",  # 20
        "probationary_rights",  # 21
        "party_age",  # 22 (computed in ketnap.people.status)
        "party_card",  # 23
        "readmission",  # 24
        "membership_events",  # 27, 29: which status allows which ledger event
        "transfer",  # 28
        "working_days",  # 31
        "version",  # 32
    }
)
