"""Forms of the routekaart (route map). They parse input; the services own the rules.

Parties (partijen) and phases (fasen) are `wup`'s: their choices come from `wup.selectors`.
"""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput
from wup import selectors as wup_selectors
from wup.constants import PartijSoort

from .constants import AfspraakStatus, MijlpaalUitkomst
from .models import Afspraak, Koppelkans, Mijlpaal, Routekaart, Vergunning


def _helper(submit_label, *, action: str = "", naam: str = "") -> FormHelper:
    """`naam` makes the submit button's id unique on a page with several forms (issue 13)."""
    helper = FormHelper()
    helper.form_method = "post"
    if action:
        helper.form_action = action
    helper.add_input(Submit("submit", submit_label, css_id=f"submit-{naam}" if naam else None))
    return helper


def _naam(form) -> str:
    return form.prefix or type(form).__name__.lower()


class _Form(forms.Form):
    """A plain form with a crispy helper; `plan` scopes its choice fields."""

    submit_label = _("Add")

    def __init__(self, *args, plan=None, action: str = "", submit_label=None, instance=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.instance = instance
        self.helper = _helper(submit_label or self.submit_label, action=action, naam=_naam(self))


class _ModelForm(forms.ModelForm):
    submit_label = _("Add")

    def __init__(self, *args, plan=None, action: str = "", submit_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.helper = _helper(submit_label or self.submit_label, action=action, naam=_naam(self))
        for name in ("verantwoordelijke", "leverancier", "ontvanger", "aanvrager"):
            if name in self.fields:
                self.fields[name].queryset = wup_selectors.plan_partijen(plan=plan)
        if "fase" in self.fields:
            self.fields["fase"].queryset = wup_selectors.fase_choices(plan=plan)

    def _post_clean(self):
        # Validation is the services' job, not the model form's (the instance is never changed here).
        pass


class RoutekaartForm(_ModelForm):
    submit_label = _("Save")

    class Meta:
        model = Routekaart
        fields = ["rol_gemeente", "rol_toelichting", "waarom_route"]
        widgets = {
            "rol_toelichting": forms.Textarea(attrs={"rows": 3}),
            "waarom_route": forms.Textarea(attrs={"rows": 3}),
        }


class PartijForm(_Form):
    soort = forms.ChoiceField(label=_("kind"), choices=PartijSoort.choices, initial=PartijSoort.OVERIG)
    naam = forms.CharField(label=_("name"), max_length=200)
    rol = forms.CharField(
        label=_("role in this plan"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, instance=None, **kwargs):
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {"soort": instance.soort, "naam": instance.naam, "rol": instance.rol}
        super().__init__(*args, instance=instance, **kwargs)


class MijlpaalForm(_ModelForm):
    class Meta:
        model = Mijlpaal
        fields = ["naam", "basisdatum", "fase", "verantwoordelijke", "besluitmoment"]
        widgets = {"basisdatum": DateInput()}


class MijlpaalEditForm(MijlpaalForm):
    """The baseline is fixed once agreed; the forecast moves through its own form."""

    submit_label = _("Save")

    class Meta(MijlpaalForm.Meta):
        fields = ["naam", "fase", "verantwoordelijke", "besluitmoment"]


class AfspraakForm(_ModelForm):
    class Meta:
        model = Afspraak
        fields = ["leverancier", "ontvanger", "wat", "toelichting", "basisdatum", "mijlpaal", "afhankelijk_van"]
        widgets = {
            "basisdatum": DateInput(),
            "toelichting": forms.Textarea(attrs={"rows": 2}),
            "afhankelijk_van": forms.SelectMultiple(attrs={"size": 4}),
        }

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, plan=plan, **kwargs)
        self.fields["mijlpaal"].queryset = Mijlpaal.objects.filter(plan=plan).order_by("prognose", "id")
        others = Afspraak.objects.filter(plan=plan).order_by("prognose", "id")
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["afhankelijk_van"].queryset = others
        self.fields["afhankelijk_van"].help_text = _(
            "This agreement cannot be done before these (Ctrl or Shift to select several)."
        )


class AfspraakEditForm(AfspraakForm):
    submit_label = _("Save")

    class Meta(AfspraakForm.Meta):
        fields = ["leverancier", "ontvanger", "wat", "toelichting", "mijlpaal", "afhankelijk_van"]


class KoppelkansForm(_ModelForm):
    class Meta:
        model = Koppelkans
        fields = ["soort", "omschrijving", "verantwoordelijke", "venster_van", "venster_tot", "mijlpalen"]
        widgets = {
            "venster_van": DateInput(),
            "venster_tot": DateInput(),
            "mijlpalen": forms.SelectMultiple(attrs={"size": 4}),
        }

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, plan=plan, **kwargs)
        self.fields["mijlpalen"].queryset = Mijlpaal.objects.filter(plan=plan).order_by("prognose", "id")


class KoppelkansEditForm(KoppelkansForm):
    submit_label = _("Save")


class VergunningForm(_ModelForm):
    class Meta:
        model = Vergunning
        fields = ["soort", "omschrijving", "aanvrager", "status", "verwachte_beslisdatum", "koppelkans"]
        widgets = {"verwachte_beslisdatum": DateInput()}

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, plan=plan, **kwargs)
        self.fields["koppelkans"].queryset = Koppelkans.objects.filter(plan=plan).order_by("venster_van", "id")


class VergunningEditForm(VergunningForm):
    submit_label = _("Save")


class PrognoseForm(_Form):
    """Move a forecast: the reason is required, the history keeps who, when and why."""

    submit_label = _("Move the forecast")
    prognose = forms.DateField(label=_("New forecast date"), widget=DateInput())
    reden = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Why the date moves; the history keeps it."),
    )


class AfrondenForm(_Form):
    """Record how a milestone or an agreement ended: a fact, so not dated in the future."""

    submit_label = _("Record")
    uitkomst = forms.ChoiceField(label=_("Outcome"), widget=forms.RadioSelect)
    datum = forms.DateField(label=_("Date"), widget=DateInput())

    def __init__(self, *args, soort: str = "mijlpaal", **kwargs):
        super().__init__(*args, **kwargs)
        keuzes = (
            (MijlpaalUitkomst.BEREIKT, MijlpaalUitkomst.GEMIST)
            if soort == "mijlpaal"
            else (AfspraakStatus.NAGEKOMEN, AfspraakStatus.NIET_NAGEKOMEN)
        )
        self.fields["uitkomst"].choices = [(k.value, k.label) for k in keuzes]
        vandaag = timezone.localdate()
        self.fields["datum"].initial = vandaag
        self.fields["datum"].widget.attrs["max"] = vandaag.isoformat()
        self.fields["datum"].help_text = _("The day it happened; not in the future.")


class FaseVoorstelForm(forms.Form):
    """One row of the proposed phases (national process steps), editable before confirming."""

    naam = forms.CharField(label=_("name"), max_length=100)
    startdatum = forms.DateField(label=_("start"), widget=DateInput())
    einddatum = forms.DateField(label=_("end"), widget=DateInput())
    eindproduct = forms.CharField(label=_("end product decided on together"), max_length=300, required=False)


FaseVoorstelFormSet = forms.formset_factory(FaseVoorstelForm, extra=0, can_delete=True)
