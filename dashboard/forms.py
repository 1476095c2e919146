"""Forms of the `dashboard` app: event entry, CSV import, council decisions, steering actions,
scenarios."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import dates
from core.forms import form_add_service_errors
from logboek.constants import SERVICE_ONLY_TYPES, GebeurtenisType
from logboek.payloads import payload_fields
from wup import selectors as wup_selectors

from . import scenario, selectors
from .constants import (
    STUURACTIE_UITKOMST_MAX,
    STUURACTIE_WAT_MAX,
    STUURACTIE_WIE_MAX,
    Besluit,
    Indicator,
    Status,
)
from .csv_import import typed_in_type_error
from .services.scenarios import scenario_parameters_check


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
    stuuracties = forms.ModelMultipleChoiceField(
        label=_("Steering actions the decision asks for"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The plan's open steering actions. Tick those the council asks for."),
    )

    def __init__(self, *args, plan_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stuuracties"].queryset = selectors.open_stuuracties(plan_id=plan_id).select_related("wie_partij")
        self.fields["stuuracties"].label_from_instance = _actie_label
        if not self.fields["stuuracties"].queryset.exists():
            del self.fields["stuuracties"]
        self.helper = _helper(_("Record decision"))


def _actie_label(actie) -> str:
    return _("%(wat)s (%(indicator)s, by %(uiterlijk)s)") % {
        "wat": actie.wat,
        "indicator": actie.get_indicator_display(),
        "uiterlijk": dates.datum(actie.uiterlijk),
    }


# --- Steering actions (stuuracties) --------------------------------------------------------


class StuuractieForm(forms.Form):
    """Record or edit a steering action; the rules are the service's (services.stuuracties)."""

    wat = forms.CharField(
        label=_("What will be done?"),
        max_length=STUURACTIE_WAT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Describe what will be done.")},
    )
    wie_partij = forms.ModelChoiceField(
        label=_("Who: a party of the plan"),
        queryset=None,
        required=False,
        empty_label=_("(not a party of the plan: type who below)"),
    )
    wie = forms.CharField(
        label=_("Who: someone else"),
        max_length=STUURACTIE_WIE_MAX,
        required=False,
        help_text=_("For example: projectleider warmte. Leave empty when you chose a party."),
    )
    uiterlijk = forms.DateField(label=_("Done by"), widget=DateInput)
    indicator = forms.ChoiceField(label=_("Indicator it should move"), choices=Indicator.choices)
    aanleiding_periode = forms.DateField(
        label=_("Signal of (month)"),
        required=False,
        input_formats=["%Y-%m", "%Y-%m-%d"],
        help_text=_("Optional: the month of the red or amber signal this action answers (YYYY-MM)."),
    )
    aanleiding_status = forms.ChoiceField(
        label=_("Status of that signal"),
        required=False,
        choices=[("", "---------"), (Status.UIT_KOERS.value, Status.UIT_KOERS.label)]
        + [(Status.AANDACHT.value, Status.AANDACHT.label)],
    )

    def __init__(self, *args, plan, submit_label, min_uiterlijk=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wie_partij"].queryset = wup_selectors.plan_partijen(plan=plan)
        self.fields["aanleiding_periode"].widget = MonthInput()
        # today or later (the service refuses a passed date); an overdue action keeps its own
        self.fields["uiterlijk"].widget.attrs["min"] = (min_uiterlijk or timezone.localdate()).isoformat()
        self.helper = _helper(submit_label)

    def service_data(self) -> dict:
        """The cleaned fields as the service takes them (the party as its id)."""
        data = dict(self.cleaned_data)
        partij = data.pop("wie_partij")
        data["wie_partij_id"] = partij.id if partij else None
        return data


class StuuractieAfrondenForm(forms.Form):
    """Mark a steering action done: when and with what outcome."""

    gedaan_op = forms.DateField(label=_("Done on"), widget=DateInput)
    uitkomst = forms.CharField(
        label=_("Outcome"),
        max_length=STUURACTIE_UITKOMST_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Describe the outcome: what did the action bring?")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gedaan_op"].widget.attrs["max"] = timezone.localdate().isoformat()
        self.fields["gedaan_op"].initial = timezone.localdate()
        self.helper = _helper(_("Mark done"))


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


# --- Scenarios (wat als?) ------------------------------------------------------------------

WHAT_IF_FIELDS = ("warmtenet_woningen", "warmtenet_vanaf", "uitstel_maanden", "tempo_pct")


class MonthInput(forms.DateInput):
    """A month picker (YYYY-MM) within the product's months; a text box where unsupported."""

    input_type = "month"

    def __init__(self, attrs=None):
        attrs = {"min": "2000-01", "max": "2100-12", "placeholder": "JJJJ-MM", **(attrs or {})}
        super().__init__(attrs=attrs, format="%Y-%m")


class WhatIfForm(forms.Form):
    """The what-if parameters (dashboard/scenario.py), sent by GET: nothing is saved.

    All fields bounded; an empty field means "no change". `woningen` (the plan area's homes,
    None = unknown) bounds the heat network's extra homes. The checks are the service's
    (`services.scenario_parameters_check`), so a saved scenario passes the same ones.
    """

    warmtenet_woningen = forms.IntegerField(
        label=_("Extra homes on the heat network"),
        required=False,
        min_value=0,
        help_text=_("Homes the heat network connects at once in the month below, on top of the current pace."),
    )
    warmtenet_vanaf = forms.DateField(
        label=_("Heat network connects in (month)"),
        required=False,
        input_formats=["%Y-%m", "%Y-%m-%d"],
        widget=MonthInput(),
        help_text=_("As YYYY-MM, from 2000-01 to 2100-12. A month already passed counts as next month."),
        error_messages={"invalid": _("Enter a month as YYYY-MM, from 2000-01 to 2100-12.")},
    )
    uitstel_maanden = forms.IntegerField(
        label=_("Delay of the start (months)"),
        required=False,
        min_value=0,
        max_value=scenario.UITSTEL_MAX,
        help_text=_("The current pace starts this many months later: 0 to 120."),
    )
    tempo_pct = forms.IntegerField(
        label=_("Change of pace (%)"),
        required=False,
        min_value=scenario.TEMPO_PCT_MIN,
        max_value=scenario.TEMPO_PCT_MAX,
        help_text=_("-100 stops the pace, 0 keeps it, 100 doubles it: -100 to 300."),
    )

    def __init__(self, *args, woningen: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.woningen = woningen
        self.fields["warmtenet_woningen"].max_value = woningen or scenario.WARMTENET_MAX_ONBEKEND
        self.fields["warmtenet_woningen"].validators.append(
            MaxValueValidator(woningen or scenario.WARMTENET_MAX_ONBEKEND)
        )
        self.fields["warmtenet_woningen"].widget.attrs["max"] = woningen or scenario.WARMTENET_MAX_ONBEKEND
        self.what_if: scenario.WhatIf | None = None

    def clean_warmtenet_vanaf(self):
        vanaf = self.cleaned_data.get("warmtenet_vanaf")
        if vanaf is not None and not scenario.MAAND_MIN <= vanaf.replace(day=1) <= scenario.MAAND_MAX:
            raise ValidationError(self.fields["warmtenet_vanaf"].error_messages["invalid"], code="bereik")
        return vanaf

    def clean(self):
        data = super().clean()
        if any(name in self.errors for name in WHAT_IF_FIELDS):
            return data
        try:
            self.what_if = scenario_parameters_check(
                woningen=self.woningen,
                warmtenet_woningen=data.get("warmtenet_woningen") or 0,
                warmtenet_vanaf=data.get("warmtenet_vanaf"),
                uitstel_maanden=data.get("uitstel_maanden") or 0,
                tempo_pct=data.get("tempo_pct") or 0,
            )
        except ValidationError as exc:
            form_add_service_errors(self, exc)
        return data

    def parameters(self) -> dict:
        """The checked parameters, as the service takes them (after is_valid)."""
        w = self.what_if
        return {
            "warmtenet_woningen": w.warmtenet_woningen,
            "warmtenet_vanaf": w.warmtenet_vanaf,
            "uitstel_maanden": w.uitstel_maanden,
            "tempo_pct": w.tempo_pct,
        }


class ScenarioForm(WhatIfForm):
    """Save the what-if under a name: the parameters travel as hidden fields (the view shows
    their errors on the what-if form above it, with the values kept)."""

    naam = forms.CharField(
        label=_("Name of the scenario"),
        max_length=120,
        help_text=_("For example: Heat network phase 2 a year later. Unique within this plan."),
        error_messages={"required": _("Give the scenario a name.")},
    )

    def __init__(self, *args, **kwargs):
        # its own ids: the what-if form on the same page has fields of the same names
        super().__init__(*args, auto_id="opslaan_%s", **kwargs)
        for name in WHAT_IF_FIELDS:
            self.fields[name].widget = forms.HiddenInput()
