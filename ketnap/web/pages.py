"""What every page shares: login, the one mapping of domain errors to error pages,
and "one URL serves the page and, for htmx, just its fragment"."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render, resolve_url
from django.utils.cache import patch_vary_headers
from django_htmx.http import HttpResponseClientRedirect

from ketnap.core.errors import DOMAIN_ERRORS, DomainError, ValidationFailed, as_domain_error

View = Callable[..., HttpResponse]


def wants_fragment(request: HttpRequest) -> bool:
    """True for an htmx request that swaps part of a page (not a boosted navigation,
    not a history restore, which both need the whole page)."""
    htmx = getattr(request, "htmx", None)
    if not htmx:
        return False
    return not htmx.boosted and not htmx.history_restore_request


def render_page(
    request: HttpRequest, template: str, fragment: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    """Render ``template`` for a normal request and only ``fragment`` for htmx."""
    response = render(request, fragment if wants_fragment(request) else template, context, status=status)
    patch_vary_headers(response, ("HX-Request",))
    return response


def render_error(request: HttpRequest, error: DomainError) -> HttpResponse:
    context = {"status": error.status, "message": error.message}
    return render_page(request, "web/error.html", "web/partials/error.html", context, status=error.status)


def page(view: View) -> View:
    """Decorate every page view: require login, and map ``DomainError`` to its status.

    Out of scope is a 404, visible but not allowed a 403, and every other domain
    error the status its class declares. This is the only place the mapping lives.
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            htmx = getattr(request, "htmx", None)
            if htmx:
                # A fragment swap would put the login page inside the page; reload instead.
                back = htmx.current_url_abs_path or resolve_url("home")
                return HttpResponseClientRedirect(redirect_to_login(back).url)
            return redirect_to_login(request.get_full_path())
        try:
            return view(request, *args, **kwargs)
        except DOMAIN_ERRORS as error:
            return render_error(request, as_domain_error(error))

    return wrapper


def posted(request: HttpRequest) -> Any:
    """The POST data to bind a form to, or None for a GET (an unbound form)."""
    return request.POST if request.method == "POST" else None


def form_error(form: forms.Form, error: DomainError, *, prefix: str = "", pages: tuple[int, ...] = (403, 404)) -> None:
    """A refusal of a service, shown on the form on the field it names (``prefix`` is what
    the service puts before a form field's name, e.g. "data."). The statuses in ``pages``
    (not found and not allowed, unless a form shows a refusal itself) stay status pages
    (``@page``), so they are raised again."""
    if error.status in pages:
        raise error
    if isinstance(error, ValidationFailed):
        for key, messages in error.errors.items():
            name = key.removeprefix(prefix)
            for text in messages:
                form.add_error(name if name in form.fields else None, text)
        return
    form.add_error(error.field if error.field in form.fields else None, str(error.message))
