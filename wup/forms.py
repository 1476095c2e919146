"""Forms of the `wup` app. They parse input; the services own the rules."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput

from . import selectors
from .constants import PLAN_TRANSITIONS, Focus, PlanStatus, Techniekrichting
from .models import (
    Ambitie,
    Fase,
    GasEinddatumBuurt,
    GelijkwaardigAlternatief,
    Investering,
    Kernwaarde,
    Maatregel,
    OverwogenAlternatief,
    Partij,
    Plan,
    TechniekKader,
    Tussendoel,
    Waarborg,
)


def _helper(submit_label: str, *, action: str = "", form_id: str = "") -> FormHelper:
    helper = FormHelper()
    helper.form_method = "post"
    if action:
        helper.form_action = action
    if form_id:
        helper.form_id = form_id
    helper.add_input(Submit("submit", submit_label))
    return helper


class PlanForm(forms.ModelForm):
    buurten = forms.ModelMultipleChoiceField(
        label=_("Plan area (buurten)"),
        queryset=selectors.buurt_choices(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Select one or more buurten in the wijk (Ctrl or Shift to select several)."),
    )
    kaders_overnemen = forms.BooleanField(
        label=_("Inherit the municipality-wide kaders (Transitievisie Warmte)"), required=False, initial=True
    )

    class Meta:
        model = Plan
        fields = [
            "titel",
            "samenvatting",
            "wijk",
            "buurten",
            "focus",
            "techniekrichting",
            "startdatum",
            "doeljaar_aardgasvrij",
        ]
        widgets = {"startdatum": DateInput(), "samenvatting": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, submit_label=None, wijk: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wijk"].queryset = selectors.wijk_choices()
        self.fields["buurten"].label_from_instance = lambda b: f"{b.naam} ({b.code}, {b.wijk.naam or b.wijk.code})"
        self._buurten_of_the_wijk(wijk)
        if self.instance.pk:
            del self.fields["kaders_overnemen"]
            self.initial["buurten"] = list(self.instance.buurten.all())
        elif not selectors.gemeente_heeft_kaders():
            # Nothing to copy: no box ticked by default for kaders that do not exist.
            self.fields["kaders_overnemen"].initial = False
            self.fields["kaders_overnemen"].disabled = True
            self.fields["kaders_overnemen"].help_text = _("The municipality has no kaders of its own yet.")
        self.helper = _helper(submit_label or _("Save"))

    def _buurten_of_the_wijk(self, wijk: str | None) -> None:
        """The plan area lies in the plan's wijk: offer only that wijk's buurten (the posted
        wijk, else `?wijk=` from the refresh when the wijk changes, else the plan's own). With no
        wijk yet, all buurten grouped by wijk. Changing the wijk refreshes the list (htmx)."""
        chosen = self.data.get(self.add_prefix("wijk")) if self.is_bound else wijk or self.instance.wijk_id
        field = self.fields["buurten"]
        if str(chosen or "").isdigit():
            field.queryset = field.queryset.filter(wijk_id=int(chosen))
        else:
            groups: dict[str, list] = {}
            for buurt in field.queryset:
                groups.setdefault(str(buurt.wijk), []).append((buurt.pk, str(buurt)))
            field.choices = list(groups.items())
        self.fields["wijk"].widget.attrs.update(
            {
                "hx-get": "",  # this page again, with ?wijk=<the chosen wijk>
                "hx-trigger": "change",
                "hx-select": "#div_id_buurten",
                "hx-target": "#div_id_buurten",
                "hx-swap": "outerHTML",
            }
        )

    def _post_clean(self):
        # Validation is the service's job (plan_create / plan_update), not the model form's.
        pass


class _KaderForm(forms.ModelForm):
    submit_label = _("Add")

    def __init__(self, *args, plan: Plan | None = None, action: str = "", submit_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.helper = _helper(submit_label or self.submit_label, action=action)

    def _post_clean(self):
        pass


class TechniekKaderForm(_KaderForm):
    class Meta:
        model = TechniekKader
        fields = ["techniekrichting", "soort", "reden"]
        widgets = {"reden": forms.Textarea(attrs={"rows": 2})}


class KernwaardeForm(_KaderForm):
    class Meta:
        model = Kernwaarde
        fields = ["pool_links", "pool_rechts", "positie", "waarom", "volgorde"]
        widgets = {
            "waarom": forms.Textarea(attrs={"rows": 2}),
            "positie": forms.NumberInput(attrs={"min": 0, "max": 100, "step": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # an existing core value: name its poles, not "left pole" (issue 13)
            self.fields["positie"].label = _("position (0 = %(links)s, 100 = %(rechts)s)") % {
                "links": self.instance.pool_links,
                "rechts": self.instance.pool_rechts,
            }


class AmbitieForm(_KaderForm):
    class Meta:
        model = Ambitie
        fields = ["omschrijving", "betrokken_partijen", "partijen"]
        widgets = {
            "omschrijving": forms.Textarea(attrs={"rows": 2}),
            "betrokken_partijen": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, plan: Plan | None = None, **kwargs):
        super().__init__(*args, plan=plan, **kwargs)
        plan = plan or self.instance.plan
        if plan is None:  # municipality-wide: no plan, so no parties to choose from
            del self.fields["betrokken_partijen"]
        else:
            self.fields["betrokken_partijen"].queryset = Partij.objects.filter(plan=plan)
            self.fields["betrokken_partijen"].help_text = _("The parties are kept on the plan's route map.")


class TussendoelForm(_KaderForm):
    class Meta:
        model = Tussendoel
        fields = ["omschrijving", "metriek", "streefwaarde", "deadline", "eigenaar", "kernwaarde"]
        widgets = {"deadline": DateInput()}

    def __init__(self, *args, plan: Plan | None = None, **kwargs):
        super().__init__(*args, plan=plan, **kwargs)
        plan = plan or self.instance.plan
        self.fields["kernwaarde"].queryset = Kernwaarde.objects.filter(plan=plan)


class FaseForm(_KaderForm):
    class Meta:
        model = Fase
        fields = ["naam", "startdatum", "einddatum", "volgorde", "eindproduct"]
        widgets = {"startdatum": DateInput(), "einddatum": DateInput()}


# --- The Wgiw parts of an uitvoeringsplan -------------------------------------------------------


class PlanWgiwForm(forms.ModelForm):
    """The plan's own Wgiw fields, on the Wgiw page."""

    class Meta:
        model = Plan
        fields = [
            "gas_einddatum",
            "aanwijsbevoegdheid",
            "omgevingsplanregel_op",
            "keuzeruimte",
            "keuze_motivatie",
            "participatie_verantwoording",
        ]
        widgets = {
            "gas_einddatum": DateInput(),
            "omgevingsplanregel_op": DateInput(),
            "keuzeruimte": forms.Textarea(attrs={"rows": 3}),
            "keuze_motivatie": forms.Textarea(attrs={"rows": 3}),
            "participatie_verantwoording": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Save"), action=action)

    def _post_clean(self):
        pass  # the service validates (plan_wgiw_update)


class _PartijForm(_KaderForm):
    """A Wgiw record that names one of the plan's parties: only those are offered."""

    def __init__(self, *args, plan: Plan | None = None, **kwargs):
        super().__init__(*args, plan=plan, **kwargs)
        plan = plan or self.instance.plan
        self.fields["partij"].queryset = selectors.plan_partijen(plan=plan)
        self.fields["partij"].help_text = _("The parties are kept on the plan's route map.")


class GasEinddatumBuurtForm(_KaderForm):
    class Meta:
        model = GasEinddatumBuurt
        fields = ["buurt", "datum"]
        widgets = {"datum": DateInput()}

    def __init__(self, *args, plan: Plan | None = None, **kwargs):
        super().__init__(*args, plan=plan, **kwargs)
        plan = plan or self.instance.plan
        self.fields["buurt"].queryset = plan.buurten.order_by("code")


class MaatregelForm(_PartijForm):
    class Meta:
        model = Maatregel
        fields = ["soort", "wat", "waar", "wanneer", "partij"]


class InvesteringForm(_PartijForm):
    class Meta:
        model = Investering
        fields = ["partij", "wat", "bedrag", "periode_van", "periode_tot", "zekerheid"]
        widgets = {"bedrag": forms.NumberInput(attrs={"min": 0, "step": "0.01"})}


class GelijkwaardigAlternatiefForm(_KaderForm):
    class Meta:
        model = GelijkwaardigAlternatief
        fields = ["omschrijving", "voorwaarden"]
        widgets = {"omschrijving": forms.Textarea(attrs={"rows": 2}), "voorwaarden": forms.Textarea(attrs={"rows": 2})}


class OverwogenAlternatiefForm(_KaderForm):
    class Meta:
        model = OverwogenAlternatief
        fields = ["techniekrichting", "nationale_kosten", "eenheid", "bron", "gekozen"]
        widgets = {"nationale_kosten": forms.NumberInput(attrs={"min": 0, "step": "0.01"})}


class WaarborgForm(_KaderForm):
    class Meta:
        model = Waarborg
        fields = ["soort", "invulling"]
        widgets = {"invulling": forms.Textarea(attrs={"rows": 2})}


class PlanTransitionForm(forms.Form):
    naar = forms.ChoiceField(label=_("New status"), widget=forms.RadioSelect)
    vastgesteld_op = forms.DateField(
        label=_("Date of the council decision"),
        required=False,
        widget=DateInput(),
        help_text=_("Required when the council adopts the plan."),
    )
    raadsbesluit_kenmerk = forms.CharField(
        label=_("Reference of the council decision"),
        max_length=100,
        required=False,
        help_text=_("Required when the council adopts the plan."),
    )
    toelichting = forms.CharField(label=_("Explanation"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["naar"].choices = [(s, PlanStatus(s).label) for s in PLAN_TRANSITIONS.get(plan.status, ())]
        self.helper = _helper(_("Change status"))


class WijzigingVaststellenForm(forms.Form):
    """The council adopts an open change proposal (a new adopted version)."""

    vastgesteld_op = forms.DateField(label=_("Date of the council decision"), widget=DateInput())
    raadsbesluit_kenmerk = forms.CharField(label=_("Reference of the council decision"), max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Record the adopted change"))


class PlanFilterForm(forms.Form):
    q = forms.CharField(label=_("Search title"), required=False)
    wijk = forms.ModelChoiceField(label=_("Wijk"), queryset=selectors.wijk_choices(), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All"))] + PlanStatus.choices, required=False)
    techniekrichting = forms.ChoiceField(
        label=_("Heating direction"), choices=[("", _("All"))] + Techniekrichting.choices, required=False
    )
    focus = forms.ChoiceField(label=_("Focus"), choices=[("", _("All"))] + Focus.choices, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "row row-cols-md-3 g-2 align-items-end"
        self.helper.disable_csrf = True
        self.helper.add_input(Submit("", _("Filter")))


class _SizeLimitedUpload(forms.Form):
    """An upload form that refuses files above `max_bytes` at the field, before any parsing."""

    max_bytes = 5 * 1024 * 1024

    def clean_bestand(self):
        upload = self.cleaned_data["bestand"]
        if upload.size > self.max_bytes:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB.") % {"mb": self.max_bytes // (1024 * 1024)}
            )
        return upload


class CbsUploadForm(_SizeLimitedUpload):
    max_bytes = 5 * 1024 * 1024
    bestand = forms.FileField(
        label=_("CBS file (CSV)"),
        help_text=_("Kerncijfers wijken en buurten, one row per buurt."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Preview"))


class GeometrieUploadForm(_SizeLimitedUpload):
    max_bytes = 10 * 1024 * 1024
    bestand = forms.FileField(
        label=_("Boundaries file (GeoJSON)"),
        help_text=_(
            "A FeatureCollection with a Polygon or MultiPolygon and a CBS code (wijkcode or buurtcode) per feature."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".geojson,.json,application/geo+json,application/json"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Import boundaries"))


class NamenUploadForm(_SizeLimitedUpload):
    max_bytes = 1024 * 1024
    bestand = forms.FileField(
        label=_("Names file (CSV)"),
        help_text=_("Two columns: code (WK… or BU…) and naam. Separator ; or ,."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def __init__(self, *args, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Import names"), action=action)


class GebiedNaamForm(forms.Form):
    naam = forms.CharField(label=_("Name"), max_length=100, required=False)

    def __init__(self, *args, verplicht: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["naam"].required = verplicht
        self.helper = _helper(_("Save"))
