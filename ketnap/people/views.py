"""The pages that create and edit a person, and the one that puts a new person straight
into a cell's source. Views parse the form and call one service; the services check
the permission, the fields, the duplicates and the dated history."""

from __future__ import annotations

import hashlib
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from ketnap.admission.source import prospect_add_new_person
from ketnap.core import policy
from ketnap.core.errors import DomainError
from ketnap.core.policy import Action
from ketnap.lib.vntext import fold
from ketnap.organizations.models import Organization
from ketnap.organizations.selectors import organization_get
from ketnap.people.forms import PersonCreateForm, PersonEditForm, PersonFieldsForm, ProspectNewForm
from ketnap.people.models import Person
from ketnap.people.selectors import Duplicates, person_get
from ketnap.people.services import PossibleDuplicates, person_edit, person_register, person_reveal
from ketnap.web.pages import form_error, page, render_page

GET_POST = require_http_methods(["GET", "POST"])
FORM_PAGE = "people/person_form.html"
FORM_BODY = "people/partials/person_form_body.html"


def _post(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def confirm_key(data: dict[str, Any]) -> str:
    """What a confirmation was given for: the name, birth date and citizen ID that were
    checked. Changing any of them after the duplicates were shown checks again."""
    parts = [fold(" ".join(data.get(n) or "" for n in ("family_name", "middle_name", "given_name")))]
    parts += [str(data.get("birth_date") or ""), data.get("citizen_id") or ""]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def _confirmed(request: HttpRequest, form: PersonFieldsForm) -> bool:
    return request.POST.get("confirm") == confirm_key(form.cleaned_data)


def _save(form: forms.Form, save: Any) -> tuple[Any, Duplicates | None]:
    """Call ``save``; the duplicates it refused on, or the form errors, come back."""
    try:
        return save(), None
    except PossibleDuplicates as found:
        return None, found.duplicates
    except DomainError as error:
        form_error(form, error, pages=(404,))  # a refusal of sensitive fields is shown on the form
        return None, None


def _render(request: HttpRequest, form: forms.Form, context: dict[str, Any]) -> HttpResponse:
    ctx = {"form": form, "action": request.get_full_path(), **context}
    return render_page(request, FORM_PAGE, FORM_BODY, ctx)


def _default_code(user: Any, code: str) -> str:
    """The organization offered by default: the one the user came from, else the
    first subtree the user edits."""
    if code:
        return code
    roots = [root for root in policy.root_paths(user, Action.EDIT) if root]
    first = Organization.objects.filter(path__in=roots).order_by("path").first()
    return first.code if first else ""


@page
@GET_POST
def person_create(request: HttpRequest) -> HttpResponse:
    """A new person in an organization the user edits, after the duplicate check."""
    policy.require_any(request.user, Action.EDIT)
    sensitive = bool(policy.root_paths(request.user, Action.VIEW_SENSITIVE))
    initial = {"organization": _default_code(request.user, request.GET.get("to_chuc", ""))}
    form = PersonCreateForm(_post(request), user=request.user, sensitive=sensitive, initial=initial)
    duplicates = None
    if request.method == "POST" and form.is_valid():

        def save() -> Person:
            organization = form.cleaned_data["organization"]
            data = form.person_data()
            return person_register(
                actor=request.user, organization=organization, confirm=_confirmed(request, form), **data
            )

        person, duplicates = _save(form, save)
        if person is not None:
            return redirect("person", pk=person.pk)
    context = {"title": _("Thêm người mới"), "back": reverse("people"), "duplicates": duplicates}
    context["confirm_key"] = confirm_key(form.cleaned_data) if duplicates else ""
    return _render(request, form, context)


@page
@GET_POST
def prospect_create(request: HttpRequest, code: str) -> HttpResponse:
    """A new person recorded in the cell and put in its source in one transaction."""
    cell = organization_get(request.user, code)
    policy.require(request.user, Action.EDIT, cell)
    sensitive = policy.can(request.user, Action.VIEW_SENSITIVE, cell)
    initial = {"noted_on": timezone.localdate()}
    form = ProspectNewForm(_post(request), user=request.user, sensitive=sensitive, initial=initial)
    duplicates = None
    back = reverse("admission:prospects", args=[cell.code])
    if request.method == "POST" and form.is_valid():

        def save() -> Any:
            return prospect_add_new_person(
                actor=request.user,
                cell=cell,
                confirm=_confirmed(request, form),
                person=form.person_data(),
                **form.prospect_data(),
            )

        prospect, duplicates = _save(form, save)
        if prospect is not None:
            return redirect(back)
    context = {"title": _("Thêm người mới vào nguồn"), "back": back, "org": cell, "duplicates": duplicates}
    context["confirm_key"] = confirm_key(form.cleaned_data) if duplicates else ""
    return _render(request, form, context)


@page
@GET_POST
def person_update(request: HttpRequest, pk: int) -> HttpResponse:
    """One form, two sections: corrections of identity data, and dated changes of the
    personal history (or their correction)."""
    person = person_get(request.user, pk)
    policy.require(request.user, Action.EDIT, person)
    sensitive = policy.can(request.user, Action.VIEW_SENSITIVE, person)
    # Showing the sensitive values in the form is a disclosure like the page's reveal.
    revealed = person_reveal(actor=request.user, person=person) if sensitive and request.method == "GET" else {}
    initial = PersonEditForm.initial_for(person, revealed)
    form = PersonEditForm(_post(request), user=request.user, sensitive=sensitive, person=person, initial=initial)
    if request.method == "POST" and form.is_valid():

        def save() -> Person:
            data = form.person_data()
            return person_edit(actor=request.user, person=person, effective_on=form.effective_date(), **data)

        saved, _duplicates = _save(form, save)
        if saved is not None:
            return redirect("person", pk=person.pk)
    context = {"title": _("Sửa hồ sơ"), "back": reverse("person", args=[person.pk]), "subject": person}
    return render_page(
        request,
        "people/person_edit.html",
        "people/partials/person_edit_body.html",
        {"form": form, "action": request.get_full_path(), **context},
    )
