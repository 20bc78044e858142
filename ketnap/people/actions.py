"""What can be done for a person, as the actions shown on the person page.

Each capability that records something about a person (the person's own record, the
membership ledger, the admission procedure…) contributes its actions through a
provider registered here; the person page lists the actions of every provider, and a
provider returns only those that apply to the person's status on the date and that
the user's role allows (asked of the one policy)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ketnap.people.models import Person


@dataclass(frozen=True)
class PersonAction:
    label: str  # translated, shown on the button
    url: str
    group: str = ""  # translated heading the action is listed under
    help: str = ""  # translated one-line explanation, optional


Provider = Callable[[Any, Person, dt.date], list[PersonAction]]
_PROVIDERS: list[Provider] = []


def register(provider: Provider) -> Provider:
    """Add a provider (usable as a decorator); registering twice has no effect."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def person_actions(user: Any, person: Person, on: dt.date) -> list[PersonAction]:
    """Every registered provider's actions for ``person`` on ``on``, in registration order."""
    return [action for provider in _PROVIDERS for action in provider(user, person, on)]
