"""The records the rules read, over the API: introducers (and their replacement),
relatives, verification requests and replies. Awareness-class certificates are issued
with the class that awarded them (the training API)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from ketnap.admission import services
from ketnap.admission.api import schemas as s
from ketnap.admission.api.common import (
    case_get,
    introducer_out,
    person_get,
    relative_out,
    verification_out,
    visible,
    write_responses,
)
from ketnap.admission.models import Introducer, VerificationRequest
from ketnap.core.errors import NotFound
from ketnap.core.policy import Action
from ketnap.people.disclosure import disclosure_for

router = Router(tags=["admission"])


@router.post(
    "/cases/{case_id}/introducers", response=write_responses(s.IntroducerOut, 201), summary="Add an introducer"
)
def introducer_add_view(request: HttpRequest, case_id: int, payload: s.IntroducerIn) -> Status[s.IntroducerOut]:
    user = request.auth  # type: ignore[attr-defined]
    case = case_get(user, case_id, Action.EDIT)
    member = person_get(user, payload.member_id, "member_id")
    introducer = services.introducer_add(
        actor=user,
        case=case,
        member=member,
        basis=payload.basis.value,
        together_since=payload.together_since,
        introduced_on=payload.introduced_on,
        replacement=payload.replacement,
    )
    return Status(201, introducer_out(introducer))


@router.post(
    "/introducers/{introducer_id}/replace",
    response=write_responses(s.IntroducerOut),
    summary="Replace an introducer who cannot continue (the cell assigns another member)",
    description=(
        "The introducer replaced stops that day; the new one is recorded as a replacement, exempt from the "
        "12 months together but not from being an official member. Returns the new introducer."
    ),
)
def introducer_replace_view(
    request: HttpRequest, introducer_id: int, payload: s.IntroducerReplaceIn
) -> s.IntroducerOut:
    user = request.auth  # type: ignore[attr-defined]
    queryset = Introducer.objects.select_related("case__cell")
    introducer: Introducer = visible(queryset, introducer_id, user, Action.EDIT)
    member = person_get(user, payload.new_member_id, "new_member_id")
    new = services.introducer_replace(actor=user, introducer=introducer, new_member=member, on=payload.on)
    return introducer_out(new)


@router.post("/cases/{case_id}/relatives", response=write_responses(s.RelativeOut, 201), summary="Declare a relative")
def relative_add_view(request: HttpRequest, case_id: int, payload: s.RelativeIn) -> Status[s.RelativeOut]:
    user = request.auth  # type: ignore[attr-defined]
    case = case_get(user, case_id, Action.EDIT)
    relative = services.relative_add(actor=user, case=case, **payload.model_dump(mode="python"))
    return Status(201, relative_out(relative, disclosure_for(user, case.person)))


@router.post(
    "/cases/{case_id}/verifications",
    response=write_responses(s.VerificationOut, 201),
    summary="Send a verification request",
)
def verification_add_view(request: HttpRequest, case_id: int, payload: s.VerificationIn) -> Status[s.VerificationOut]:
    user = request.auth  # type: ignore[attr-defined]
    case = case_get(user, case_id, Action.EDIT)
    relative = None
    if payload.relative_id is not None:
        relative = case.relatives.filter(pk=payload.relative_id).first()
        if relative is None:
            raise NotFound(field="relative_id")
    fields = payload.model_dump(exclude={"relative_id"})
    verification = services.verification_request_add(actor=user, case=case, relative=relative, **fields)
    return Status(201, verification_out(verification, disclosure_for(user, case.person)))


@router.post(
    "/verifications/{verification_id}/reply",
    response=write_responses(s.VerificationOut),
    summary="Record the reply to a verification request",
)
def verification_reply_view(
    request: HttpRequest, verification_id: int, payload: s.VerificationReplyIn
) -> s.VerificationOut:
    user = request.auth  # type: ignore[attr-defined]
    queryset = VerificationRequest.objects.select_related("case__cell")
    verification = visible(queryset, verification_id, user, Action.EDIT)
    verification = services.verification_reply_record(
        actor=user, request=verification, replied_on=payload.replied_on, result=payload.result
    )
    return verification_out(verification, disclosure_for(user, verification.case.person))
