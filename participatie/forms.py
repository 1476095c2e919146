"""Forms of the `participatie` app. User-facing copy has English msgids; the Dutch is in locale/nl."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.forms import DateTimeInput

from .constants import (
    KORTE_TEKST_MAX,
    LANGE_TEKST_MAX,
    LIKERT_LABELS,
    BijeenkomstSoort,
    Dimensie,
    Toegang,
    VraagType,
)
from .models import Vraag
from .services import antwoord_clean

HONEYPOT = "website"


def field_name(vraag: Vraag) -> str:
    return f"vraag_{vraag.pk}"


def _range_hint(vraag: Vraag) -> str:
    """What a number question accepts, in the words of its error messages."""
    low, high = vraag.min_waarde, vraag.max_waarde
    if low is not None and high is not None:
        return _("A whole number from %(minimum)s to %(maximum)s.") % {"minimum": low, "maximum": high}
    if low is not None:
        return _("A whole number of at least %(minimum)s.") % {"minimum": low}
    if high is not None:
        return _("A whole number of at most %(maximum)s.") % {"maximum": high}
    return _("A whole number, for example 3.")


def _answer_field(vraag: Vraag) -> forms.Field:
    """A form field per question type. Django-level `required` stays off: the service validates."""
    # The question text is data (Dutch, from the database); only the suffix is translated.
    label = vraag.tekst + (" " + str(_("(required)")) if vraag.verplicht else "")
    common = {"label": label, "help_text": vraag.helptekst, "required": False}
    if vraag.type == VraagType.LIKERT:
        return forms.ChoiceField(
            choices=[(str(k), v) for k, v in LIKERT_LABELS.items()], widget=forms.RadioSelect, **common
        )
    if vraag.type == VraagType.JA_NEE:
        return forms.ChoiceField(choices=[("ja", _("Yes")), ("nee", _("No"))], widget=forms.RadioSelect, **common)
    if vraag.type == VraagType.ENKELE_KEUZE:
        return forms.ChoiceField(
            choices=[(str(o.pk), o.tekst) for o in vraag.opties.all()], widget=forms.RadioSelect, **common
        )
    if vraag.type == VraagType.MEERKEUZE:
        return forms.MultipleChoiceField(
            choices=[(str(o.pk), o.tekst) for o in vraag.opties.all()], widget=forms.CheckboxSelectMultiple, **common
        )
    if vraag.type == VraagType.GETAL:
        attrs = {"inputmode": "numeric"}
        if vraag.min_waarde is not None:
            attrs["min"] = vraag.min_waarde
        if vraag.max_waarde is not None:
            attrs["max"] = vraag.max_waarde
        # The range is said before any error (issue 13), after the question's own help text;
        # format_html escapes that text (help text is rendered unescaped by crispy).
        common["help_text"] = format_html("{} {}", vraag.helptekst, _range_hint(vraag)).strip()
        return forms.CharField(widget=forms.NumberInput(attrs=attrs), **common)
    if vraag.type == VraagType.KORTE_TEKST:
        return forms.CharField(max_length=KORTE_TEKST_MAX, **common)
    return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=LANGE_TEKST_MAX, **common)


class AntwoordenForm(forms.Form):
    """One page of a survey. Every answer is checked by `services.antwoord_clean` (one validator)."""

    def __init__(self, *args, vragen: list[Vraag], laatste: bool, eerste: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.vragen = vragen
        for vraag in vragen:
            self.fields[field_name(vraag)] = _answer_field(vraag)
        # Honeypot (open-link abuse resistance): hidden from people, filled in by naive bots.
        self.fields[HONEYPOT] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            *[field_name(v) for v in vragen],
            Div(HONEYPOT, css_class="participatie-hp", aria_hidden="true"),
        )

    def clean(self):
        cleaned = super().clean()
        for vraag in self.vragen:
            name = field_name(vraag)
            if name in self.errors:
                continue
            try:
                antwoord_clean(vraag=vraag, raw=cleaned.get(name))
            except ValidationError as exc:
                self.add_error(name, exc.messages)
        return cleaned

    def raw_answers(self) -> dict[str, object]:
        """Answers as the session keeps them: str(vraag id) -> str or list of str."""
        return {str(v.pk): self.cleaned_data.get(field_name(v)) for v in self.vragen}


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Your code"),
        help_text=_(
            "You will find the code in the letter you received from the municipality. "
            "Capitals, spaces and dashes do not matter."
        ),
        max_length=64,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False  # the template writes the <form> (with its action)
        self.helper.add_input(
            Submit("submit", pgettext_lazy("resident code form button", "Continue"), css_class="btn-primary")
        )


# --- Civil servants ----------------------------------------------------------------------------


class NieuweVragenlijstForm(forms.Form):
    BASIS = [("sjabloon", _("From the template “Waardendriehoek en vertrouwen”")), ("leeg", _("Empty survey"))]
    basis = forms.ChoiceField(label=_("Start from"), choices=BASIS, widget=forms.RadioSelect, initial="sjabloon")
    titel = forms.CharField(label=_("Title"), max_length=200, required=False)
    toegang = forms.ChoiceField(label=_("Access"), choices=Toegang.choices, initial=Toegang.CODES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Create survey"), css_class="btn-primary"))


class VragenlijstForm(forms.Form):
    titel = forms.CharField(label=_("Title"), max_length=200)
    intro = forms.CharField(label=_("Introduction"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    privacytekst = forms.CharField(
        label=_("Privacy statement"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    opent_op = forms.DateTimeField(label=_("Opens at"), required=False, widget=DateTimeInput())
    sluit_op = forms.DateTimeField(label=_("Closes at"), required=False, widget=DateTimeInput())
    toegang = forms.ChoiceField(label=_("Access"), choices=Toegang.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Save"), css_class="btn-primary"))


class VraagForm(forms.Form):
    tekst = forms.CharField(label=_("Question"), max_length=500)
    type = forms.ChoiceField(label=_("Type"), choices=VraagType.choices)
    helptekst = forms.CharField(label=_("Help text"), max_length=500, required=False)
    verplicht = forms.BooleanField(label=_("Required"), required=False)
    dimensie = forms.ChoiceField(label=_("Dimension"), choices=Dimensie.choices, initial=Dimensie.GEEN)
    min_waarde = forms.IntegerField(label=_("Minimum (numbers only)"), required=False)
    max_waarde = forms.IntegerField(label=_("Maximum (numbers only)"), required=False)
    opties = forms.CharField(
        label=_("Options (one per line; choice questions only)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "tekst",
            "type",
            "helptekst",
            Field("verplicht"),
            "dimensie",
            Div(Div("min_waarde", css_class="col-sm-6"), Div("max_waarde", css_class="col-sm-6"), css_class="row"),
            "opties",
        )
        self.helper.add_input(Submit("submit", _("Save question"), css_class="btn-primary"))

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["opties"] = [line for line in data["opties"].splitlines() if line.strip()]
        return data


class CodesForm(forms.Form):
    FORMATEN = [("csv", _("CSV file")), ("pdf", _("Printable letters (PDF)"))]
    n = forms.IntegerField(label=_("Number of codes"), min_value=1, max_value=5000, initial=10)
    formaat = forms.ChoiceField(label=_("Format"), choices=FORMATEN, widget=forms.RadioSelect, initial="csv")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Generate codes"), css_class="btn-primary"))


class PulsrondeForm(CodesForm):
    """Start a pulse round: how many codes (one per civil servant) and in which form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["n"].label = _("Number of codes (one per civil servant)")
        self.fields["n"].initial = 15
        self.helper = FormHelper()
        self.helper.add_input(
            Submit("submit", _("Start the pulse round and download the codes"), css_class="btn-primary")
        )


class BijeenkomstForm(forms.Form):
    soort = forms.ChoiceField(label=_("Kind"), choices=BijeenkomstSoort.choices)
    titel = forms.CharField(label=_("Title"), max_length=200, required=False)
    datum = forms.DateTimeField(label=_("Date and time"), widget=DateTimeInput())
    plaats = forms.CharField(label=_("Place"), max_length=200)
    verslag = forms.CharField(label=_("Short report"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False  # the template writes the <form> (with its action)
        self.helper.add_input(Submit("submit", _("Save meeting"), css_class="btn-primary"))


class BijeenkomstGehoudenForm(forms.Form):
    aantal_bezoekers = forms.IntegerField(label=_("Number of attendees"), min_value=0)
    verslag = forms.CharField(label=_("Short report"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, **kwargs):
        # Shown on the same page as BijeenkomstForm, which also has a "verslag": distinct ids.
        kwargs.setdefault("auto_id", "gehouden_%s")
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False  # the template writes the <form> (with its action)
        self.helper.add_input(Submit("gehouden", _("Mark as held"), css_class="btn-primary"))
