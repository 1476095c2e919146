"""Form helpers shared by every app's views."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from .dates import DATUM_MAX, DATUM_MIN


class DateInput(forms.DateInput):
    """A date picker limited to the product's date range (core.dates); ISO format."""

    input_type = "date"

    def __init__(self, attrs=None, **kwargs):
        attrs = {"min": DATUM_MIN.isoformat(), "max": DATUM_MAX.isoformat(), **(attrs or {})}
        super().__init__(attrs=attrs, format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    """A date-and-time picker limited to the product's date range (core.dates)."""

    input_type = "datetime-local"

    def __init__(self, attrs=None, **kwargs):
        attrs = {"min": f"{DATUM_MIN.isoformat()}T00:00", "max": f"{DATUM_MAX.isoformat()}T23:59", **(attrs or {})}
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M", **kwargs)


def form_add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put a service's ValidationError onto the form: at the field it names, else on top.

    Views pass `cleaned_data` to a service; the service validates (full_clean) and raises.
    This maps its messages back so the user sees them where they typed, with input kept.
    """
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
