"""What the form pages of training and programs share: read a POST, show a service's
refusal on the field it names, and save-or-show."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from ketnap.core.errors import DomainError
from ketnap.web.pages import form_error, render_page

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
