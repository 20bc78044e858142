"""What the form pages of training and programs share: read a POST, show a service's
refusal on the field it names, and save-or-show."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from ketnap.core.errors import DomainError, ValidationFailed
from ketnap.web.pages import render_page

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def form_error(form: forms.Form, error: DomainError) -> None:
    """A refusal shown on the field it names; not found and not allowed stay status pages."""
    if error.status in (403, 404):
        raise error
    if isinstance(error, ValidationFailed):
        for key, messages in error.errors.items():
            for text in messages:
                form.add_error(key if key in form.fields else None, text)
        return
    form.add_error(error.field if error.field in form.fields else None, str(error.message))


def form_page(
    request: HttpRequest, form: forms.Form, *, title: str, back: str, save: Callable[[], str], **context: Any
) -> HttpResponse:
    """Show ``form``; on a valid POST ``save`` it (which returns where to go next)."""
    if request.method == "POST" and form.is_valid():
        try:
            return redirect(save())
        except DomainError as error:
            form_error(form, error)
    ctx = {"form": form, "title": title, "back": back, "action": request.get_full_path(), **context}
    return render_page(request, "training/form.html", "training/partials/form_body.html", ctx)
