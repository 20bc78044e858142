"""Form widgets shared by the pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.datastructures import MultiValueDict

PICKER_SUFFIX = "__lich"


class DayPickerInput(forms.DateInput):
    """A dd/mm/yyyy text box with the browser's date picker beside it.

    The text box is what one types in; the picker (``<input type=date>``, sent as
    ``<name>__lich`` in ISO form) starts empty, so when it holds a date the person chose
    it and it wins. ``web/day-picker.js`` copies a chosen day into the text box; without
    JavaScript the form still works, the server reading whichever was used.
    """

    template_name = "web/widgets/day_picker.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {"placeholder": "dd/mm/yyyy", "size": 10, "pattern": r"\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2}"}
        super().__init__(attrs={**base, **(attrs or {})}, format="%d/%m/%Y")

    def value_from_datadict(self, data: Any, files: MultiValueDict[str, Any], name: str) -> Any:
        picked = data.get(name + PICKER_SUFFIX)
        return picked if picked else super().value_from_datadict(data, files, name)

    def value_omitted_from_data(self, data: Any, files: MultiValueDict[str, Any], name: str) -> bool:
        return name not in data and name + PICKER_SUFFIX not in data

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["picker_name"] = name + PICKER_SUFFIX
        return context
