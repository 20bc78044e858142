"""The length limits of text input, in one place for the pages and the API.

A limit comes from the model field the text is stored in: its ``max_length``, or for a
``TextField`` (unbounded in the database) ``FREE_TEXT_MAX_LENGTH``. Web forms build
their fields with :func:`text_field` and API schemas declare :func:`max_length`, so a
text one accepts the other accepts too, and the OpenAPI document shows the limit.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models

# Notes, reasons, results: a page of text. Longer belongs in an attached document.
FREE_TEXT_MAX_LENGTH = 4000
# A reason kept in a step's data (JSON), which has no column of its own.
STEP_REASON_MAX_LENGTH = 1000
# Search boxes: part of a name or a code.
SEARCH_MAX_LENGTH = 100


def max_length(model: type[models.Model], name: str) -> int:
    """The longest text the field ``name`` of ``model`` takes."""
    field = model._meta.get_field(name)
    length = getattr(field, "max_length", None)
    if length:
        return int(length)
    if isinstance(field, models.TextField):
        return FREE_TEXT_MAX_LENGTH
    raise TypeError(f"{model.__name__}.{name} is not a text field")


def text_field(model: type[models.Model], name: str, **kwargs: Any) -> forms.CharField:
    """A form field for text stored in ``model.name``, with the same limit as the API."""
    return forms.CharField(max_length=max_length(model, name), **kwargs)
