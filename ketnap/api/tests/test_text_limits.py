"""Web forms and the API take text of the same length, derived from the model field it
is stored in (``ketnap.core.limits``), and the OpenAPI document shows every limit."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django import forms
from django.test import Client

from ketnap.admission import forms as admission_forms
from ketnap.admission.api import schemas as s
from ketnap.core.limits import FREE_TEXT_MAX_LENGTH, STEP_REASON_MAX_LENGTH
from ketnap.training import api as training_api
from ketnap.training import forms as training_forms
from ketnap.web import forms as web_forms

# (API schema, field) -> (form, field): the same text entered on a page and sent to the API.
PAIRS = {
    (s.StepBody, "document_number"): (admission_forms.StepForm, "document_number"),
    (s.StepBody, "note"): (admission_forms.StepForm, "note"),
    (s.CorrectIn, "reason"): (admission_forms.StepCorrectForm, "reason"),
    (s.VoidIn, "reason"): (admission_forms.StepVoidForm, "reason"),
    (s.RelativeIn, "full_name"): (admission_forms.RelativeForm, "full_name"),
    (s.RelativeIn, "residence"): (admission_forms.RelativeForm, "residence"),
    (s.VerificationIn, "addressee"): (admission_forms.VerificationRequestForm, "addressee"),
    (s.VerificationIn, "document_number"): (admission_forms.VerificationRequestForm, "document_number"),
    (s.VerificationReplyIn, "result"): (admission_forms.VerificationReplyForm, "result"),
    (training_api.CertificateIn, "number"): (training_forms.CertificateForm, "number"),
    (s.ProspectIn, "note"): (admission_forms.ProspectForm, "note"),
    (s.ListingIn, "resolution"): (admission_forms.ListingForm, "resolution"),
    (s.HelperIn, "resolution"): (admission_forms.HelperForm, "resolution"),
    (s.NoteIn, "text"): (admission_forms.ProgressNoteForm, "text"),
    (s.TaskIn, "description"): (admission_forms.TaskAssignForm, "description"),
    (s.TaskCompleteIn, "result"): (admission_forms.TaskCompleteForm, "result"),
    (s.ProspectLeaveIn, "note"): (admission_forms.ProspectLeaveForm, "note"),
}


def schema_max_length(schema: Any, name: str) -> int | None:
    for item in schema.model_fields[name].metadata:
        if getattr(item, "max_length", None) is not None:
            return int(item.max_length)
    return None


@pytest.mark.parametrize(("api", "page"), list(PAIRS.items()), ids=lambda pair: f"{pair[0].__name__}.{pair[1]}")
def test_a_page_and_the_api_take_the_same_length(api, page):
    form_field = page[0].base_fields[page[1]]
    assert schema_max_length(*api) is not None
    assert schema_max_length(*api) == form_field.max_length


def test_free_text_has_one_limit_and_the_extension_reason_its_own():
    assert schema_max_length(s.StepBody, "note") == FREE_TEXT_MAX_LENGTH
    assert schema_max_length(s.DecisionBody, "extension_reason") == STEP_REASON_MAX_LENGTH
    assert schema_max_length(s.RelativeIn, "full_name") == 255


def _form_classes() -> list[type[forms.Form]]:
    modules = (admission_forms, web_forms)
    return [
        value
        for module in modules
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, forms.Form) and value.__module__ == module.__name__
    ]


def test_every_text_box_of_every_form_has_a_limit():
    unbounded = [
        f"{form.__name__}.{name}"
        for form in _form_classes()
        for name, field in form.base_fields.items()
        if type(field) is forms.CharField and not field.max_length
    ]
    assert unbounded == []


def _string_schemas(document: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Every free-text string a request may carry: query parameters and body properties."""
    found: list[tuple[str, dict[str, Any]]] = []
    components = document["components"]["schemas"]
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query":
                    found.append((f"{method} {path} ?{parameter['name']}", parameter["schema"]))
            body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            if body and "$ref" in body:
                name = body["$ref"].rsplit("/", 1)[-1]
                for prop, schema in components[name].get("properties", {}).items():
                    found.append((f"{method} {path} {name}.{prop}", schema))
    return found


def _free_text(schema: dict[str, Any]) -> bool:
    options = schema.get("anyOf", [schema])
    return any(o.get("type") == "string" and "format" not in o and "enum" not in o for o in options)


def _limit(schema: dict[str, Any]) -> int | None:
    for option in schema.get("anyOf", [schema]):
        if "maxLength" in option:
            return int(option["maxLength"])
    return None


def test_the_openapi_document_shows_a_limit_on_every_text_input():
    document = json.loads(Client().get("/api/v1/openapi.json").content)
    texts = [(where, schema) for where, schema in _string_schemas(document) if _free_text(schema)]
    assert len(texts) > 30
    assert [where for where, schema in texts if _limit(schema) is None] == []
