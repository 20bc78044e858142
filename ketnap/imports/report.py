"""What a dry run finds: every problem at its sheet, row and column, and the rows to create."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from ketnap.organizations.models import Organization
from ketnap.people.models import Person


@dataclass(frozen=True)
class Issue:
    """One problem (``error``) or decision said to the user (``notice``) at a place in the file."""

    row: int
    column: str  # letter; "" for the whole row or file
    header: str
    message: str
    error: bool = True

    def __str__(self) -> str:
        if self.row and self.column:
            where = _("Dòng %(row)s, cột %(column)s (%(header)s)") % {
                "row": self.row,
                "column": self.column,
                "header": self.header,
            }
        elif self.row:
            where = _("Dòng %(row)s") % {"row": self.row}
        else:
            where = _("Tệp")
        return f"{where}: {self.message}"


@dataclass
class NewRow:
    """A row that will become a person (and, for members, their admission events)."""

    number: int
    organization: Organization
    fields: dict[str, Any]
    admitted_on: dt.date | None = None
    official_on: dt.date | None = None
    # The person as the dry run checked it (``person_check``), not yet saved.
    person: Person | None = field(default=None, repr=False, compare=False)


@dataclass
class Report:
    sheet: str
    sheets: list[str]
    headers: dict[str, str]
    mapping: dict[str, str]
    issues: list[Issue] = field(default_factory=list)
    new_rows: list[NewRow] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    hidden: list[int] = field(default_factory=list)
    created: int = 0

    @property
    def errors(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.error]

    @property
    def notices(self) -> list[Issue]:
        return [issue for issue in self.issues if not issue.error]

    @property
    def ok(self) -> bool:
        return not self.errors

    def add(self, row: int, column: str, message: str, *, error: bool = True) -> None:
        header = self.headers.get(column, "")
        self.issues.append(Issue(row=row, column=column, header=header, message=message, error=error))

    def counts(self) -> dict[str, int]:
        return {
            "new": len(self.new_rows),
            "unchanged": len(self.unchanged),
            "hidden_skipped": len(self.hidden),
            "errors": len(self.errors),
            "created": self.created,
        }
