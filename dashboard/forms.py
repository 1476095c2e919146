"""Forms of the `dashboard` app: event entry, CSV import, council decisions."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from logboek.constants import SERVICE_ONLY_TYPES, GebeurtenisType
from logboek.payloads import payload_fields
from wup import selectors as wup_selectors

from .constants import Besluit
from .csv_import import typed_in_type_error


class DateInput(forms.DateInput):
    input_type = "date"


def _helper(label) -> FormHelper:
    helper = FormHelper()
    helper.form_method = "post"
    helper.add_input(Submit("submit", label))
    return helper


# A withdrawal is never logged by hand: it is made from the plan's event list, through the
# service that checks what it withdraws (logboek.services.gebeurtenis_intrekken). Milestones and
# agreements are recorded in the routekaart, whose services append their events. The civil
# servants' pulse comes only from a pulse round (participatie), so the score is no longer typed.
TYPE_CHOICES = [(value, label) for value, label in GebeurtenisType.choices if value not in SERVICE_ONLY_TYPES]
CORRECTABLE_CHOICES = [(value, label) for value, label in TYPE_CHOICES if value != GebeurtenisType.CORRECTIE]


def _payload_form_fields() -> dict[str, forms.Field]:
    """A form field per payload key a civil servant can enter (logboek/payloads.py declares them).

    Keys without a field here (a survey's dimension means, a meeting's kind, a milestone's
    planned date, the pulse's score) are written by the app that records the fact, never typed in: planned dates
    live in the routekaart (issue 9). A CSV correction may still carry one.
    """
    return {
        "corrigeert_type": forms.ChoiceField(
            label=_("Corrects events of type"),
            required=False,
            choices=[("", "---------"), *CORRECTABLE_CHOICES],
            help_text=_("Only for a correction: events are never edited, a correction compensates."),
        ),
        "toelichting": forms.CharField(
            label=_("Note"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
        ),
    }


# The payload keys the event form offers: every key some type declares and a person can type.
PAYLOAD_FORM_KEYS = tuple(
    key for key in _payload_form_fields() if any(key in payload_fields(type_) for type_, _ in TYPE_CHOICES)
)


class EventTypeField(forms.ChoiceField):
    """The types a person may log; a type only a service writes (an old bookmark, a tampered
    form) is refused with the reason and where to go instead, not Django's "not a choice"."""

    def validate(self, value):
        if value and (reason := typed_in_type_error(value)):
            raise ValidationError(reason, code="service_only")
        super().validate(value)


class GebeurtenisForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("Plan"), queryset=None)
    type = EventTypeField(label=_("Type of event"), choices=TYPE_CHOICES)
    datum = forms.DateField(label=_("Date it happened"), widget=DateInput)
    hoeveelheid = forms.IntegerField(
        label=_("Quantity"),
        initial=1,
        help_text=_("Homes, attendees, ... Negative only for a correction."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = wup_selectors.plan_list()
        # A fact has happened: the date picker stops at today (the service refuses later dates).
        self.fields["datum"].widget.attrs["max"] = timezone.localdate().isoformat()
        fields = _payload_form_fields()
        for key in PAYLOAD_FORM_KEYS:
            self.fields[key] = fields[key]
        self.helper = _helper(_("Log event"))

    def payload(self) -> dict:
        """The entered payload keys that the chosen type declares (empty ones left out)."""
        data = self.cleaned_data
        declared = payload_fields(data["type"])
        return {key: data[key] for key in PAYLOAD_FORM_KEYS if key in declared and data.get(key) not in (None, "")}


class CsvImportForm(forms.Form):
    bestand = forms.FileField(
        label=_("CSV file"),
        help_text=_("Columns: plan_id or wijkcode, type, datum (YYYY-MM-DD), hoeveelheid, extern_id."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Import"))
        self.helper.form_enctype = "multipart/form-data"  # set on the form tag by crispy
        self.helper.attrs = {"enctype": "multipart/form-data"}


class RaadsbesluitForm(forms.Form):
    datum = forms.DateField(label=_("Date of the decision"), widget=DateInput)
    doen_we_het_goede = forms.CharField(label=_("Are we still doing the right thing?"), widget=forms.Textarea)
    wat_is_nodig = forms.CharField(label=_("What is needed to do it well?"), widget=forms.Textarea)
    besluit = forms.ChoiceField(label=_("Decision"), choices=Besluit.choices, widget=forms.RadioSelect)
    motivering = forms.CharField(label=_("Rationale"), widget=forms.Textarea)
    kenmerk = forms.CharField(label=_("Reference"), required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Record decision"))


class IntrekkingForm(forms.Form):
    """Withdraw one event (the confirmation page of the plan's event list): the reason."""

    reden = forms.CharField(
        label=_("Reason for the withdrawal"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required. Council members and civil servants see it next to the event."),
        error_messages={"required": _("Give the reason why this event is withdrawn.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "post"
        self.helper.add_input(Submit("submit", _("Withdraw this event"), css_class="btn-danger"))
