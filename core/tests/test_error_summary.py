"""The error summary after a failed submit (issue 13): one include, links to the fields,
plain items for errors of the form as a whole, and "Error: " before the page title."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from crispy_forms.helper import FormHelper
from django import forms
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from core.constants import Role


class ExampleForm(forms.Form):
    name = forms.CharField(label="Naam")
    colour = forms.ChoiceField(label="Kleur", choices=[("r", "Rood"), ("g", "Groen")], widget=forms.RadioSelect)
    days = forms.MultipleChoiceField(
        label="Dagen", choices=[("ma", "Maandag"), ("di", "Dinsdag")], widget=forms.CheckboxSelectMultiple
    )
    token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        raise forms.ValidationError("De combinatie klopt niet.")


def _render(source: str, **context) -> str:
    with translation.override("nl"):
        return Template(source).render(Context(context))


def _items(html: str) -> list[str]:
    return [re.sub(r"\s+", " ", li).strip() for li in re.findall(r"<li>(.*?)</li>", html, re.S)]


def test_the_summary_links_each_field_error_and_lists_non_field_errors_plainly():
    # given a submitted form with errors at three fields, a hidden field and the form as a whole
    form = ExampleForm(data={})
    # when the summary is rendered
    html = _render("{% load error_summary %}{% error_summary form %}", form=form)
    # then it is the focusable, labelled box with one item per error, in the form's order
    assert "data-error-summary" in html
    assert 'tabindex="-1"' in html
    assert 'role="alert"' not in html  # focus announces it; an alert would be read twice
    assert re.search(
        r'aria-labelledby="id_error_summary".*<h2[^>]*id="id_error_summary"[^>]*>Er is een probleem</h2>', html, re.S
    )
    items = _items(html)
    assert items[0] == "De combinatie klopt niet."  # a non-field error: no link
    # a text field links to its input; a radio or checkbox group to its first input
    assert items[1] == '<a href="#id_name" class="alert-link">Naam: Dit veld is verplicht.</a>'
    assert items[2] == '<a href="#id_colour_0" class="alert-link">Kleur: Dit veld is verplicht.</a>'
    assert items[3] == '<a href="#id_days_0" class="alert-link">Dagen: Dit veld is verplicht.</a>'
    # a hidden field has nothing to focus: listed without a link
    assert "href" not in items[4] and "Dit veld is verplicht." in items[4]
    assert len(items) == 5


def test_no_summary_for_an_unbound_or_valid_form():
    class Valid(forms.Form):
        name = forms.CharField(required=False)

    for form in (ExampleForm(), Valid(data={})):
        assert "data-error-summary" not in _render("{% load error_summary %}{% error_summary form %}", form=form)


def test_every_crispy_form_opens_with_the_summary_and_radio_groups_are_described_by_their_error():
    # given a submitted crispy form with errors
    form = ExampleForm(data={})
    # when crispy renders it
    html = _render("{% load crispy_forms_tags %}{% crispy form %}", form=form)
    # then the summary comes before the first field
    assert 0 <= html.index("data-error-summary") < html.index('id="div_id_name"')
    assert 'href="#id_colour_0"' in html
    # and each group as a whole (its fieldset) points aria-describedby at its error message
    for name in ("colour", "days"):
        rest = html[html.index(f'id="div_id_{name}"') :]
        described_by = re.search(r'<fieldset aria-describedby="([^"]+)">\s*<legend', rest)
        assert described_by, name
        assert described_by.group(1) == f"id_{name}_error"
        assert re.search(rf'id="id_{name}_error"[^>]*>\s*<p[^>]*><strong>Dit veld is verplicht.</strong>', html)


def test_the_title_starts_with_error_while_a_form_on_the_page_shows_errors():
    source = "{% load error_summary %}{% error_title_prefix %}Nieuw plan"
    # a failed submit: "Fout: " first
    assert _render(source, form=ExampleForm(data={})) == "Fout: Nieuw plan"
    # also when the form sits in a list of sections (the kaders editor) or a dict (the routekaart)
    assert _render(source, sections=[{"form": ExampleForm(data={})}]) == "Fout: Nieuw plan"
    assert _render(source, forms={"partij": ExampleForm(data={})}) == "Fout: Nieuw plan"
    # a form not submitted yet: the title alone
    assert _render(source, form=ExampleForm(), sections=[{"form": ExampleForm()}]) == "Nieuw plan"


def test_a_formset_lists_its_own_errors_then_those_of_its_forms():
    # given a submitted formset with one form missing a field, and a rule over all forms
    class Base(forms.BaseFormSet):
        def clean(self):
            raise forms.ValidationError("Te weinig fasen.")

    NameFormSet = forms.formset_factory(
        type("NameForm", (forms.Form,), {"name": forms.CharField(label="Naam")}), formset=Base, extra=0
    )
    formset = NameFormSet(data={"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "2", "form-0-name": "a"}, prefix="form")
    # when the summary is rendered, and the title
    html = _render("{% load error_summary %}{% error_title_prefix %}{% error_summary formset %}", formset=formset)
    # then the formset's rule is a plain item, the field error a link to the second form's field
    assert html.startswith("Fout: ")
    assert _items(html) == [
        "Te weinig fasen.",
        '<a href="#id_form-1-name" class="alert-link">Naam: Dit veld is verplicht.</a>',
    ]


@pytest.mark.django_db
def test_a_failed_login_opens_on_the_summary_with_the_error_as_a_plain_item(client, user_for):
    # given an account
    user_for(Role.AMBTENAAR, username="u1")
    # when someone logs in with a wrong password
    response = client.post(reverse("core:login"), {"username": "u1", "password": "fout"})
    # then the page title and the summary say so; the error is about the pair, so no link
    html = response.content.decode()
    title = re.sub(r"\s+", " ", re.search(r"<title>(.*?)</title>", html, re.S).group(1)).strip()
    assert title.startswith("Fout: Inloggen")
    summary = html[html.index("data-error-summary") :]
    [item] = _items(summary[: summary.index("</ul>")])
    assert "href" not in item and item
    # and a field left empty is a link to it
    response = client.post(reverse("core:login"), {"username": "u1", "password": ""})
    assert 'href="#id_password"' in response.content.decode()


def test_the_kaders_editor_shows_one_summary_in_the_form_that_was_sent(client_for):
    from wup.tests.factories import KernwaardeFactory, PlanFactory

    # given a plan with five add forms on its kaders page
    client = client_for(Role.AMBTENAAR)
    plan = PlanFactory(startdatum=dt.date(2025, 1, 1), doeljaar_aardgasvrij=2030)
    waarde = KernwaardeFactory(plan=plan)
    # when a tussendoel with a deadline after the target year is added
    response = client.post(
        reverse("wup:kader_add", kwargs={"pk": plan.pk, "soort": "tussendoel"}),
        {
            "omschrijving": "Isoleren",
            "metriek": "woningen_geisoleerd",
            "streefwaarde": "100",
            "deadline": "2031-01-01",
            "eigenaar": "PL",
            "kernwaarde": waarde.pk,
        },
    )
    # then the page has one summary, in the tussendoel form, linking its deadline field
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("data-error-summary") == 1
    summary = html[html.index("data-error-summary") :]
    assert 'href="#id_tussendoel_deadline"' in summary[: summary.index("</ul>")]
    assert 'aria-labelledby="id_tussendoel_error_summary"' in html
    assert re.search(r"<title>\s*Fout: ", html)
    # and the page without a submit has neither
    page = client.get(reverse("wup:plan_kaders", kwargs={"pk": plan.pk})).content.decode()
    assert "data-error-summary" not in page and not re.search(r"<title>\s*Fout: ", page)
