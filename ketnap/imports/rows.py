"""Checking the rows of an import: cells read, rows checked as the people services would
check them, organizations resolved in the subtree, duplicates found in the file and on
record; each problem is written to the report at its row and column."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

from ketnap.core import policy
from ketnap.core.errors import DomainError, ValidationFailed
from ketnap.core.policy import Action
from ketnap.imports.columns import BY_KEY, CellError, Kind, was_padded
from ketnap.imports.report import NewRow, Report
from ketnap.imports.workbook import Row
from ketnap.lib.dates import dmy
from ketnap.lib.vntext import fold
from ketnap.organizations.models import Organization
from ketnap.people.models import Person
from ketnap.people.selectors import duplicate_candidates_in_bulk
from ketnap.people.services import person_check

# The Charter admits from 18 years of age (Điều lệ Đảng, Điều 1).
MIN_ADMISSION_AGE = 18
PROBATION_MONTHS = 12
# Rows looked up against the records in one query.
RECORD_BATCH = 500
_EVENT_KEYS = ("admitted_on", "official_on", "organization", "full_name")


class RowChecker:
    def __init__(self, actor: Any, organization: Organization, kind: Kind, report: Report) -> None:
        self.actor = actor
        self.root = organization
        self.kind = kind
        self.report = report
        self.letters = {key: letter for letter, key in report.mapping.items() if key}
        self.seen: dict[tuple[Any, ...], int] = {}
        self.orgs: dict[str, Organization | None] = {}
        self.marked: set[tuple[int, str]] = set()
        self.pending: list[tuple[Row, Person, NewRow]] = []

    def check_all(self, rows: list[Row], progress: Callable[[int, int], None]) -> None:
        """Every row, then the rows still good against the records in batches (a few
        queries for the whole file), then the issues in the order of the file."""
        for done, row in enumerate(rows, start=1):
            self.check(row)
            progress(done, len(rows))
        for start in range(0, len(self.pending), RECORD_BATCH):
            self._against_records(self.pending[start : start + RECORD_BATCH])
        self.report.new_rows.sort(key=lambda new: new.number)
        self.report.unchanged.sort()
        self.report.issues.sort(key=lambda issue: (issue.row, len(issue.column), issue.column))

    def error(self, row: Row, key: str, message: str) -> None:
        self.add(row, self.letters.get(key, ""), message)

    def add(self, row: Row, letter: str, message: str) -> None:
        """One error per cell: the first found (a date that cannot be read is not also too young)."""
        if (row.number, letter) not in self.marked:
            self.marked.add((row.number, letter))
            self.report.add(row.number, letter, message)

    def check(self, row: Row) -> None:
        if row.hidden:
            self.report.hidden.append(row.number)
            self.report.add(row.number, "", _("Dòng bị ẩn: bỏ qua, không nhập."), error=False)
            return
        before = len(self.report.errors)
        values = self._cells(row)
        self._checked(row, values, clean=len(self.report.errors) == before)

    def _cells(self, row: Row) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for letter, key in self.report.mapping.items():
            if key:
                self._cell(row, letter, key, values)
        return values

    def _cell(self, row: Row, letter: str, key: str, values: dict[str, Any]) -> None:
        column = BY_KEY[key]
        if letter in row.merged_across:
            merged = row.merged_across[letter]
            if (row.number, merged) not in self.marked:  # the range named once
                self.marked.add((row.number, merged))
                self.add(row, letter, _("Ô gộp %(range)s trải trên nhiều cột; hãy bỏ gộp ô.") % {"range": merged})
            return
        if letter in row.formula_without_value:
            self.add(
                row, letter, _("Công thức chưa có giá trị đã tính; hãy mở và lưu tệp trong Excel rồi tải lên lại.")
            )
            return
        raw = row.values.get(letter)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if column.required:
                self.add(row, letter, _("Bắt buộc, chưa ghi."))
            return
        try:
            values[key] = column.read(raw)
        except CellError as error:
            self.add(row, letter, str(error))
            return
        if key == "citizen_id" and was_padded(raw):
            notice = _("Ô dạng số: đã thêm số 0 ở đầu thành %(value)s.") % {"value": values[key]}
            self.report.add(row.number, letter, notice, error=False)

    def _checked(self, row: Row, values: dict[str, Any], *, clean: bool) -> None:
        """The checks of the row as a whole, as far as its cells allow; ``clean`` when
        every cell was read, else the row only collects its other errors."""
        names = _split_name(values.get("full_name", ""))
        if names is None:
            if "full_name" in values:
                self.error(row, "full_name", _("Ghi đủ họ và tên (ít nhất hai chữ)."))
            return
        organization = self._organization(row, values.get("organization"))
        if organization is None:
            return
        fields = {k: v for k, v in values.items() if k not in _EVENT_KEYS} | names
        person = self._person(row, organization, fields)
        if person is None:
            return
        dates_ok = "birth_date" not in values or self._dates(row, values, organization)
        if self._in_file(row, person) or not (dates_ok and clean):
            return
        new = NewRow(row.number, organization, fields, values.get("admitted_on"), values.get("official_on"), person)
        self.pending.append((row, person, new))

    def _organization(self, row: Row, code: str | None) -> Organization | None:
        if not code:
            return self.root
        if code not in self.orgs:
            self.orgs[code] = _find_organization(self.actor, self.root, code)
        found = self.orgs[code]
        if found is None:
            message = _("Không tìm thấy chi bộ «%(code)s» trong %(org)s.") % {"code": code[:40], "org": self.root.name}
            self.error(row, "organization", message)
        return found

    def _person(self, row: Row, organization: Organization, fields: dict[str, Any]) -> Person | None:
        try:
            return person_check(actor=self.actor, organization=organization, **fields)
        except ValidationFailed as error:
            for name, messages in error.errors.items():
                for message in messages:
                    self.error(row, _column_of(name), message)
        except DomainError as error:
            self.error(row, "organization", str(error.message))
        return None

    def _dates(self, row: Row, values: dict[str, Any], organization: Organization) -> bool:
        admitted, official = values.get("admitted_on"), values.get("official_on")
        if admitted is None:
            return True
        problems = _admission_problems(values["birth_date"], admitted, official, organization)
        for key, message in problems:
            self.error(row, key, message)
        return not problems

    def _in_file(self, row: Row, person: Person) -> bool:
        """The same person on an earlier row of the file is an error."""
        keys = _identity_keys(person)
        first = next((self.seen[k] for k in keys if k in self.seen), None)
        if first is not None:
            self.error(row, "full_name", _("Trùng với dòng %(row)s trong tệp.") % {"row": first})
            return True
        for key in keys:
            self.seen[key] = row.number
        return False

    def _against_records(self, batch: list[tuple[Row, Person, NewRow]]) -> None:
        """A row matching a record is an error, except a row identical to the record it
        matches (a file exported and imported again): unchanged, skipped."""
        found = _records_for([person for _row, person, _new in batch])
        for row, person, new in batch:
            matches = [
                p
                for p in found.get(person.search_name, []) + found.get(person.citizen_id, [])
                if _same_person(p, person)
            ]
            matches = list({p.pk: p for p in matches}.values())
            if not matches:
                self.report.new_rows.append(new)
                continue
            visible = [p for p in matches if policy.can(self.actor, Action.VIEW, p)]
            if len(visible) == 1 == len(matches) and _unchanged(visible[0], person, new.fields):
                self.report.unchanged.append(row.number)
            else:
                self.error(row, "full_name", _duplicate_message(visible, len(matches) - len(visible)))


def _split_name(full_name: str) -> dict[str, str] | None:
    words = full_name.split()
    if len(words) < 2:
        return None
    return {"family_name": words[0], "middle_name": " ".join(words[1:-1]), "given_name": words[-1]}


def _column_of(field: str) -> str:
    if field in ("family_name", "middle_name", "given_name"):
        return "full_name"
    return field if field in BY_KEY else "organization"


def _find_organization(actor: Any, root: Organization, code: str) -> Organization | None:
    """The organization named by code (or by its name, when unique) in ``root``'s
    subtree that ``actor`` edits; None otherwise (outside looks like missing)."""
    subtree = policy.scope(actor, Organization.objects.filter(path__startswith=root.path), Action.EDIT)
    found = subtree.filter(code=code).first()
    if found is not None:
        return found
    folded = fold(code)
    named = [org for org in subtree.filter(name__iexact=code)] or [
        org for org in subtree.only("pk", "name", "path") if fold(org.name) == folded
    ]
    return named[0] if len(named) == 1 else None


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _admission_problems(
    birth: dt.date, admitted: dt.date, official: dt.date | None, org: Organization
) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    if admitted > policy.today():
        problems.append(("admitted_on", _("Ngày vào Đảng sau ngày hôm nay.")))
    elif admitted < _years_after(birth, MIN_ADMISSION_AGE):
        problems.append(
            ("admitted_on", _("Chưa đủ 18 tuổi vào ngày vào Đảng (sinh %(birth)s).") % {"birth": dmy(birth)})
        )
    elif not org.is_valid_on(admitted):
        problems.append(("admitted_on", _("Chi bộ chưa thành lập hoặc đã giải thể vào ngày vào Đảng.")))
    if official is not None and official < _months_after(admitted, PROBATION_MONTHS):
        problems.append(("official_on", _("Ngày chính thức phải sau ngày vào Đảng ít nhất 12 tháng dự bị.")))
    elif official is not None and official > policy.today():
        problems.append(("official_on", _("Ngày chính thức sau ngày hôm nay.")))
    return problems


def _months_after(day: dt.date, months: int) -> dt.date:
    return _years_after(day, months // 12)


def _identity_keys(person: Person) -> list[tuple[Any, ...]]:
    keys: list[tuple[Any, ...]] = [("name", person.search_name, person.birth_date, fold(person.hometown))]
    if person.citizen_id:
        keys.append(("id", person.citizen_id))
    return keys


def _records_for(people: list[Person]) -> dict[str, list[Person]]:
    """People on record who may be one of ``people``, by folded name and by citizen ID."""
    keys = {(p.search_name, p.birth_date) for p in people}
    ids = {p.citizen_id for p in people if p.citizen_id}
    found: dict[str, list[Person]] = {}
    for record in duplicate_candidates_in_bulk(keys, ids).select_related("organization"):
        found.setdefault(record.search_name, []).append(record)
        if record.citizen_id:
            found.setdefault(record.citizen_id, []).append(record)
    return found


def _same_person(found: Person, person: Person) -> bool:
    """Same citizen ID, or same folded name, birth date and hometown."""
    if person.citizen_id and found.citizen_id == person.citizen_id:
        return True
    same_name = found.search_name == person.search_name and found.birth_date == person.birth_date
    return same_name and fold(found.hometown) == fold(person.hometown)


def _unchanged(found: Person, person: Person, fields: dict[str, Any]) -> bool:
    if found.organization_id != person.organization_id:
        return False
    return all(getattr(found, name) == getattr(person, name) for name in fields)


def _duplicate_message(visible: list[Person], hidden: int) -> str:
    if not visible:
        return _("Trùng với một hồ sơ đã có ngoài phạm vi của bạn (cùng họ tên, ngày sinh, quê quán hoặc số CCCD).")
    first = visible[0]
    return _("Trùng với hồ sơ đã có: %(name)s, sinh %(birth)s, %(org)s (mã hồ sơ %(id)s).") % {
        "name": first.full_name,
        "birth": dmy(first.birth_date),
        "org": first.organization.name,
        "id": first.pk,
    }
