"""Recording a year's ratings of an organization's children or of a cell's members,
in one batch: each rating checked against the edition in force on the rating date, the
cap on "excellent" over the whole group, written and audited in one transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from ketnap.audit.services import audit_log, snapshot
from ketnap.core import policy
from ketnap.core.errors import ValidationFailed
from ketnap.core.policy import Action
from ketnap.organizations.models import Organization
from ketnap.ratings.messages import issue_message
from ketnap.ratings.models import Rating
from ketnap.ratings.selectors import subjects_for
from ketnap.rules.base import Severity
from ketnap.rules.ratings import Level, NoRatingEdition, RatingEdition, check_cap, check_one, rating_edition_on

Subject = Literal["organizations", "members"]
FIELDS = ["level", "points", "excellent_conditions_met", "rated_on", "edition", "note"]


@dataclass(frozen=True)
class RatingEntry:
    """One line of the batch: ``key`` is the child's code or the member's id."""

    key: str
    level: str
    points: Decimal | None = None
    excellent_conditions_met: bool = False
    note: str = ""


@dataclass
class RatingResult:
    ratings: list[Rating]
    edition: RatingEdition
    warnings: list[str] = field(default_factory=list)


def edition_for(rated_on: dt.date) -> RatingEdition:
    """The rating regulation in force on ``rated_on``, with the configured QĐ 366 cap."""
    try:
        edition = rating_edition_on(rated_on)
    except NoRatingEdition as error:
        message = _("Ngày xếp loại: chưa có quy định xếp loại trước ngày %(date)s.") % {
            "date": f"{error.earliest:%d/%m/%Y}"
        }
        raise ValidationFailed({"rated_on": [message]}) from error
    cap = int(getattr(settings, "RATINGS_QD366_EXCELLENT_CAP_PERCENT", 0) or 0)
    if edition.code == "QD366-2025" and cap > 0:
        edition = edition.with_cap(Fraction(cap, 100), Severity.WARNING)
    return edition


@transaction.atomic
def ratings_record(
    *,
    actor: Any,
    rater: Organization,
    year: int,
    subject: Subject,
    entries: list[RatingEntry],
    rated_on: dt.date | None = None,
) -> RatingResult:
    """Record ``year``'s ratings of ``rater``'s children (``organizations``) or of the
    members of the cell ``rater`` (``members``); a line rated before is replaced."""
    policy.require(actor, Action.EDIT, rater)
    if not 1930 <= year <= 2100:
        raise ValidationFailed({"year": [_("Năm xếp loại phải từ 1930 đến 2100.")]})
    rated_on = rated_on or dt.date(year, 12, 31)
    if not year <= rated_on.year <= year + 1:
        raise ValidationFailed({"rated_on": [_("Ngày xếp loại phải trong năm xếp loại hoặc năm sau.")]})
    edition = edition_for(rated_on)
    subjects = subjects_for(rater, subject, rated_on)
    _check_entries(edition, entries, subjects)
    warnings = _check_group(edition, rater, subject, year, entries)
    ratings = [_write(actor, rater, year, rated_on, edition, subjects[e.key], subject, e) for e in entries]
    return RatingResult(ratings=ratings, edition=edition, warnings=warnings)


def _check_entries(edition: RatingEdition, entries: list[RatingEntry], subjects: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    if not entries:
        errors["entries"] = [_("Chưa có dòng xếp loại nào.")]
    for entry in entries:
        if entry.key not in subjects:
            errors.setdefault("entries", []).append(
                _("«%(key)s» không thuộc danh sách được xếp loại.") % {"key": entry.key}
            )
        elif entry.level not in {level.value for level in Level}:
            errors[f"level_{entry.key}"] = [_("Mức xếp loại không hợp lệ.")]
        else:
            issues = check_one(
                edition, Level(entry.level), entry.points, excellent_conditions_met=entry.excellent_conditions_met
            )
            if issues:
                errors[f"level_{entry.key}"] = [issue_message(issue) for issue in issues]
    if errors:
        raise ValidationFailed(errors)


def _check_group(
    edition: RatingEdition, rater: Organization, subject: Subject, year: int, entries: list[RatingEntry]
) -> list[str]:
    """The cap over the group: this batch plus the group's other ratings of the year."""
    keys = {entry.key for entry in entries}
    others = [Level(level) for key, level in _group_levels(rater, subject, year) if key not in keys]
    issues = check_cap(edition, [*others, *(Level(entry.level) for entry in entries)])
    blocking = [issue_message(issue) for issue in issues if issue.blocking]
    if blocking:
        raise ValidationFailed({"entries": blocking})
    return [issue_message(issue) for issue in issues]


def _group_levels(rater: Organization, subject: Subject, year: int) -> list[tuple[str, str]]:
    ratings = Rating.objects.filter(rated_by=rater, year=year, person__isnull=subject == "organizations")
    if subject == "organizations":
        return list(ratings.values_list("organization__code", "level"))
    return [(str(pk), level) for pk, level in ratings.values_list("person_id", "level")]


def _write(
    actor: Any,
    rater: Organization,
    year: int,
    rated_on: dt.date,
    edition: RatingEdition,
    target: Any,
    subject: Subject,
    entry: RatingEntry,
) -> Rating:
    if subject == "organizations":
        lookup: dict[str, Any] = {"organization": target, "person__isnull": True}
        organization, person = target, None
    else:
        lookup = {"person": target}
        organization, person = rater, target
    rating = Rating.objects.select_for_update().filter(year=year, **lookup).first()
    before = snapshot(rating, FIELDS) if rating else None
    rating = rating or Rating(year=year, organization=organization, person=person)
    rating.organization, rating.rated_by, rating.rated_on, rating.edition = organization, rater, rated_on, edition.code
    rating.level, rating.points, rating.note = entry.level, entry.points, entry.note
    rating.excellent_conditions_met = entry.excellent_conditions_met
    rating.recorded_by = actor if getattr(actor, "pk", None) else None
    rating.full_clean()
    rating.save()
    audit_log(
        actor=actor,
        action="rating.record",
        obj=rating,
        before=before,
        after=snapshot(rating, FIELDS),
        organization_path=organization.path,
    )
    return rating
