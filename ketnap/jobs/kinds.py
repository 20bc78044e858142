"""The registry of job kinds: what can run in the background, who may start it, and
the function that does the work.

``register(kind, label, function, action)``: ``function`` is a callable or the dotted
path of one (imported when a job runs, so a kind can point at code another app
provides); it is called as ``function(job_input, progress)`` and returns a
:class:`JobFile` (offered for download) or a short summary text. ``progress(done,
total)`` reports how far it is (and stops the job when the user cancelled it).
``action`` is what the starting user must be allowed on the organization
(``ketnap.core.policy``); ``clean(params)`` checks and normalizes the parameters,
raising ``ValidationFailed`` naming the field; ``check(actor, organization, params)``,
when given, refuses at start what the starting user may not reach through the
parameters (an object out of their scope is a ``NotFound``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from ketnap.core.errors import DomainError, ValidationFailed
from ketnap.core.policy import Action
from ketnap.organizations.models import Organization

Progress = Callable[[int, int], None]
Params = dict[str, Any]


@dataclass(frozen=True)
class JobFile:
    """A job's result offered for download."""

    filename: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class JobInput:
    """What a job function is given: who asked (None: the system operator, from a
    command), about which organization, and the cleaned parameters."""

    job_id: int
    owner: Any
    organization: Organization
    params: Params


JobFunction = Callable[[JobInput, Progress], "JobFile | str"]
JobCheck = Callable[[Any, Organization, Params], None]


def _no_params(params: Params) -> Params:
    if params:
        raise ValidationFailed({"params": [str(_("Loại việc này không có tham số."))]})
    return {}


@dataclass(frozen=True)
class JobKind:
    kind: str
    label: Any
    function: JobFunction | str
    action: Action = Action.VIEW
    clean: Callable[[Params], Params] = field(default=_no_params)
    fields: tuple[str, ...] = ()  # the parameters the page asks for (today: "as_of")
    check: JobCheck | None = None

    def resolve(self) -> JobFunction:
        """The function itself; a dotted path that does not import is a refusal for people."""
        if not isinstance(self.function, str):
            return self.function
        try:
            found: JobFunction = import_string(self.function)
        except ImportError as error:
            raise JobUnavailable() from error
        return found


class JobUnavailable(DomainError):
    code = "job_unavailable"
    status = 409

    @classmethod
    def default_message(cls) -> object:
        return _("Chức năng của loại việc này chưa được cài đặt trên máy chủ.")


class JobCancelled(Exception):
    """Raised by ``progress`` in a job whose user asked to stop it."""


_KINDS: dict[str, JobKind] = {}


def register(
    kind: str,
    label: Any,
    function: JobFunction | str,
    action: Action = Action.VIEW,
    clean: Callable[[Params], Params] = _no_params,
    fields: tuple[str, ...] = (),
    check: JobCheck | None = None,
) -> JobKind:
    """Add (or replace) a job kind."""
    item = JobKind(kind, label, function, action, clean, fields, check)
    _KINDS[kind] = item
    return item


def kind_get(kind: str) -> JobKind:
    """The registered kind, or a refusal naming the ``kind`` field."""
    found = _KINDS.get(kind)
    if found is None:
        raise ValidationFailed({"kind": [str(_("Không có loại việc này."))]})
    return found


def kinds() -> list[JobKind]:
    return list(_KINDS.values())


def kind_label(kind: str) -> str:
    found = _KINDS.get(kind)
    return str(found.label) if found else kind
