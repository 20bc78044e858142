"""Pages of the membership ledger: one form per decision, the two sides of a transfer,
corrections and voids, and the directory of organizations. Thin: parse, call one
service or selector, render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ketnap.core import policy
from ketnap.core.errors import DomainError, ValidationFailed
from ketnap.core.policy import Action
from ketnap.membership import selectors, services
from ketnap.membership.forms import (
    CorrectionForm,
    DirectoryForm,
    LedgerEventForm,
    TransferPlanForm,
    TransferReceiveForm,
    TransferReturnForm,
    TransferSendForm,
    VoidForm,
)
from ketnap.membership.forms_table import BY_SLUG
from ketnap.membership.models import TransferState
from ketnap.organizations.models import Organization
from ketnap.organizations.selectors import organization_get, organization_visible_roots
from ketnap.people.models import MembershipEvent, Person
from ketnap.people.selectors import person_get
from ketnap.people.status import Status
from ketnap.web.pages import form_error, page, posted, render_page

DIRECTORY_PER_PAGE = 25


def _form_page(
    request: HttpRequest, form: forms.Form, *, title: str, back: str, save: Callable[[], str], **context: Any
) -> HttpResponse:
    """Show ``form``; on a valid POST ``save`` it (which returns where to go next)."""
    if request.method == "POST" and form.is_valid():
        try:
            return redirect(save())
        except DomainError as error:
            form_error(form, error)
    ctx = {"form": form, "title": title, "back": back, "action": request.get_full_path(), **context}
    return render_page(request, "membership/form.html", "membership/partials/form_body.html", ctx)


def _person_url(person: Person) -> str:
    return reverse("person", args=[person.pk])


def _organization(code: str) -> Organization | None:
    if not code.strip():
        return None
    try:
        return selectors.directory_get(code, timezone.localdate())
    except DomainError as error:
        raise ValidationFailed({"host": [_("Không có tổ chức đang hoạt động với mã này.")]}) from error


@page
def record(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    """The form of one decision of the ledger for one person."""
    ledger_form = BY_SLUG.get(slug)
    if ledger_form is None:
        raise Http404
    person = person_get(request.user, pk)
    policy.require(request.user, ledger_form.action, person)
    form = LedgerEventForm(posted(request), ledger_form=ledger_form)

    def save() -> str:
        data = form.cleaned_data
        services.ledger_record(
            actor=request.user,
            person=person,
            event=ledger_form.event,
            date=data["date"],
            document_number=data["document_number"],
            issuer=data["issuer"],
            note=data["note"],
            host=_organization(data.get("host", "")),
            temporary_until=data.get("temporary_until"),
            study=data.get("study", False),
            arrives_as=Status(data["arrives_as"]) if data.get("arrives_as") else None,
            provincial_consent_on=data.get("provincial_consent_on"),
        )
        return _person_url(person)

    return _form_page(request, form, title=str(ledger_form.label), back=_person_url(person), save=save, subject=person)


@page
def send(request: HttpRequest, pk: int) -> HttpResponse:
    """The sending side's introduction letter to a destination chosen by its code."""
    person = person_get(request.user, pk)
    policy.require(request.user, Action.EDIT, person)
    form = TransferSendForm(posted(request))

    def save() -> str:
        data = form.cleaned_data
        destination = _destination(data["destination"], data["letter_on"])
        transfer = services.transfer_send(
            actor=request.user,
            person=person,
            destination=destination,
            letter_on=data["letter_on"],
            document_number=data["document_number"],
            issuer=data["issuer"],
            note=data["note"],
            decided_on=data["decided_on"],
        )
        return reverse("membership:transfer", args=[transfer.pk])

    title = _("Chuyển sinh hoạt đảng chính thức")
    directory = reverse("membership:directory")
    return _form_page(
        request, form, title=title, back=_person_url(person), save=save, subject=person, directory=directory
    )


def _destination(code: str, on: Any) -> Organization:
    try:
        return selectors.directory_get(code, on)
    except DomainError as error:
        raise ValidationFailed({"destination": [_("Không có tổ chức đang hoạt động với mã này.")]}) from error


@page
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    """The decision or change of residence that starts the 60 working days of a transfer."""
    person = person_get(request.user, pk)
    policy.require(request.user, Action.EDIT, person)
    form = TransferPlanForm(posted(request))

    def save() -> str:
        data = form.cleaned_data
        services.transfer_plan(actor=request.user, person=person, decided_on=data["decided_on"], note=data["note"])
        return _person_url(person)

    title = _("Ghi nhận quyết định phải chuyển sinh hoạt")
    return _form_page(request, form, title=title, back=_person_url(person), save=save, subject=person)


@page
def transfer(request: HttpRequest, pk: int) -> HttpResponse:
    """One transfer, as either side sees it, with what that side may do next."""
    item = selectors.transfer_get(request.user, pk)
    destination = item.destination
    context = {
        "transfer": item,
        "can_correct": item.state == TransferState.RECEIVED
        and destination is not None
        and policy.can(request.user, Action.EDIT, destination),
        "can_receive": item.state == TransferState.PENDING
        and destination is not None
        and policy.can(request.user, Action.EDIT, destination),
        "can_return": item.state in (TransferState.PLANNED, TransferState.PENDING)
        and any(
            side is not None and policy.can(request.user, Action.EDIT, side)
            for side in (item.from_organization, destination)
        ),
    }
    return render_page(request, "membership/transfer.html", "membership/partials/transfer_body.html", context)


@page
def receive(request: HttpRequest, pk: int) -> HttpResponse:
    """The receiving side confirms the arrival."""
    item = selectors.transfer_get(request.user, pk)
    form = TransferReceiveForm(posted(request), initial={"arrived_on": timezone.localdate()})

    def save() -> str:
        data = form.cleaned_data
        services.transfer_receive(actor=request.user, transfer=item, arrived_on=data["arrived_on"], note=data["note"])
        return reverse("membership:transfer", args=[item.pk])

    back = reverse("membership:transfer", args=[item.pk])
    return _form_page(
        request, form, title=_("Xác nhận đảng viên đã đến"), back=back, save=save, subject_name=item.person.full_name
    )


@page
def correct_arrival(request: HttpRequest, pk: int) -> HttpResponse:
    """The receiving side corrects the arrival date of a received transfer."""
    item = selectors.transfer_get(request.user, pk)
    form = TransferReceiveForm(posted(request), initial={"arrived_on": item.arrived_on})

    def save() -> str:
        data = form.cleaned_data
        services.transfer_correct_arrival(
            actor=request.user, transfer=item, arrived_on=data["arrived_on"], note=data["note"]
        )
        return reverse("membership:transfer", args=[item.pk])

    back = reverse("membership:transfer", args=[item.pk])
    title = _("Sửa ngày đến")
    return _form_page(request, form, title=title, back=back, save=save, subject_name=item.person.full_name)


@page
def give_back(request: HttpRequest, pk: int) -> HttpResponse:
    """Either side closes an open transfer without an arrival."""
    item = selectors.transfer_get(request.user, pk)
    form = TransferReturnForm(posted(request), initial={"closed_on": timezone.localdate()})

    def save() -> str:
        data = form.cleaned_data
        services.transfer_return(actor=request.user, transfer=item, closed_on=data["closed_on"], reason=data["reason"])
        return reverse("membership:transfer", args=[item.pk])

    back = reverse("membership:transfer", args=[item.pk])
    return _form_page(
        request,
        form,
        title=_("Trả lại, hủy chuyển sinh hoạt"),
        back=back,
        save=save,
        subject_name=item.person.full_name,
    )


def _event(request: HttpRequest, pk: int) -> MembershipEvent:
    event = MembershipEvent.objects.select_related("person").filter(pk=pk).first()
    if event is None:
        raise Http404
    person_get(request.user, event.person_id)  # NotFound when the person is out of view
    return event


@page
def correct(request: HttpRequest, pk: int) -> HttpResponse:
    """A dated correction that supersedes a recorded decision."""
    event = _event(request, pk)
    form = CorrectionForm(posted(request), initial={"date": event.date, "document_number": event.document_number})

    def save() -> str:
        data = form.cleaned_data
        services.ledger_correct(
            actor=request.user,
            event=event,
            date=data["date"],
            document_number=data["document_number"],
            issuer=data["issuer"],
            note=data["note"],
        )
        return _person_url(event.person)

    title = _("Sửa ghi nhận: %(event)s") % {"event": event}
    return _form_page(request, form, title=title, back=_person_url(event.person), save=save, subject=event.person)


@page
def void(request: HttpRequest, pk: int) -> HttpResponse:
    """Annul a decision recorded by mistake; it stays on record, struck through."""
    event = _event(request, pk)
    form = VoidForm(posted(request))

    def save() -> str:
        services.ledger_void(actor=request.user, event=event, note=form.cleaned_data["note"])
        return _person_url(event.person)

    title = _("Hủy ghi nhận nhầm: %(event)s") % {"event": event}
    return _form_page(request, form, title=title, back=_person_url(event.person), save=save, subject=event.person)


@page
def index(request: HttpRequest) -> HttpResponse:
    root = organization_visible_roots(request.user, timezone.localdate()).order_by("path").first()
    if root is None:
        raise Http404
    return redirect("membership:transfers", root.code)


@page
def transfers(request: HttpRequest, code: str) -> HttpResponse:
    """ "Đang chuyển đến" and "Đang chuyển đi" of an organization's subtree."""
    org = organization_get(request.user, code)
    context = {
        "org": org,
        "incoming": selectors.transfers_incoming(request.user, org),
        "outgoing": selectors.transfers_outgoing(request.user, org),
    }
    return render_page(request, "membership/transfers.html", "membership/partials/transfers_body.html", context)


@page
def directory(request: HttpRequest) -> HttpResponse:
    """Open organizations by code, name and kind only, to pick a transfer's destination."""
    policy.require_any(request.user, Action.VIEW)
    form = DirectoryForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    page_obj = Paginator(selectors.directory(query), DIRECTORY_PER_PAGE).get_page(request.GET.get("trang"))
    context = {
        "form": form,
        "page_obj": page_obj,
        "entries": selectors.directory_entries(page_obj.object_list),
        "q": query,
    }
    return render_page(request, "membership/directory.html", "membership/partials/directory_body.html", context)
