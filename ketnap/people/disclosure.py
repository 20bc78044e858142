"""The one place that decides what of a person's sensitive data a reader is shown.

Ethnicity, religion, citizen ID, verification notes, and in an admission case the
relatives' names and addresses and the verification results, are shown only to a
reader with the sensitive-data permission (``Action.VIEW_SENSITIVE``) on the person;
everyone else gets the same mask on pages, in the API and in generated files.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ketnap.core import policy
from ketnap.core.policy import Action
from ketnap.people.models import Person

MASK = "••••"
SENSITIVE_FIELDS = ("ethnicity", "religion", "citizen_id", "verification_notes")


@dataclass(frozen=True)
class Disclosure:
    """Whether the sensitive data of one person is shown to one reader, and how."""

    unmasked: bool

    def text(self, value: str) -> str:
        """``value`` itself, or the mask (nothing stays nothing: there is no secret in it)."""
        return value if self.unmasked or not value else MASK

    def field(self, person: Person, name: str) -> str:
        """A sensitive field of ``person`` as displayed: its label for a choice; the
        citizen ID masked keeps its last three digits, as on the person page."""
        if name not in SENSITIVE_FIELDS:
            raise ValueError(name)
        if not self.unmasked:
            return person.citizen_id_masked if name == "citizen_id" else MASK
        value = getattr(person, name)
        choices = dict(Person._meta.get_field(name).flatchoices)  # type: ignore[union-attr]
        return str(choices.get(value, value))


MASKED = Disclosure(unmasked=False)
UNMASKED = Disclosure(unmasked=True)


def disclosure_for(user: Any, person: Person) -> Disclosure:
    """What ``user`` may be shown of ``person``'s sensitive data."""
    return UNMASKED if policy.can(user, Action.VIEW_SENSITIVE, person) else MASKED
