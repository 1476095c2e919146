"""Form helpers shared by every app's views."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

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


class SecondFactorCodeForm(forms.Form):
    """One field for the 6-digit code of the authenticator app or, on the verify step, a
    recovery code. Which one it is follows from its shape (core.two_factor)."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        strip=True,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, recovery_allowed: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.recovery_allowed = recovery_allowed
        if recovery_allowed:
            self.fields["code"].help_text = _(
                "The 6 digits your authenticator app shows now. No access to the app? Enter one of your recovery codes."
            )
        else:
            self.fields["code"].help_text = _("The 6 digits your authenticator app shows now.")
            self.fields["code"].widget.attrs["inputmode"] = "numeric"

    def clean_code(self) -> str:
        from .two_factor import is_totp_format, normalise_code

        code = normalise_code(self.cleaned_data["code"])
        if not self.recovery_allowed and not is_totp_format(code):
            raise ValidationError(_("Enter the 6 digits from your authenticator app."), code="format")
        return code
