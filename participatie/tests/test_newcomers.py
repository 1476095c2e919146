"""Newcomers (aanhaken): codes issued later, and what the public page tells someone new."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from core.constants import Role
from participatie.constants import Toegang
from participatie.models import Respons, Uitnodigingscode
from wup.tests.factories import PlanFactory

from .helpers import answers_for, submit_many, template_survey, walk_pages

pytestmark = pytest.mark.django_db


# --- Newcomers (aanhaken) -------------------------------------------------------------------------


def test_codes_for_newcomers_can_be_issued_after_responses_and_used(client_for):
    # given a code survey that already has 3 responses
    vragenlijst = template_survey()
    submit_many(vragenlijst, 3)
    client = client_for(Role.AMBTENAAR)
    url = reverse("participatie:codes_generate", args=[vragenlijst.pk])
    # when the civil servant opens the codes page
    r = client.get(url)
    # then it works and counts the codes issued so far
    assert r.status_code == 200
    assert r.context["n_codes"] == 3
    # when they issue 2 more codes for newcomers
    r = client.post(url, {"n": 2, "formaat": "csv"})
    # then 2 new, unused codes come back and the earlier responses are untouched
    rows = list(csv.reader(io.StringIO(r.content.decode())))[1:]
    assert len(rows) == 2
    assert Uitnodigingscode.objects.filter(vragenlijst=vragenlijst).count() == 5
    assert Uitnodigingscode.objects.filter(vragenlijst=vragenlijst, used_at__isnull=True).count() == 2
    assert Respons.objects.filter(vragenlijst=vragenlijst).count() == 3
    # and a newcomer can answer with one of them, through the resident pages
    resident = Client()
    code, letter_url = rows[0]
    assert letter_url.endswith(f"#code={code}")  # the page's script sends it; here: typed in
    resident.post(reverse("participatie:vragenlijst_code", args=[vragenlijst.slug]), {"code": code})
    response = walk_pages(resident, vragenlijst, answers_for(vragenlijst))
    assert response["Location"] == reverse("participatie:vragenlijst_bedankt", args=[vragenlijst.slug])
    assert Respons.objects.filter(vragenlijst=vragenlijst).count() == 4


def test_public_page_tells_a_newcomer_how_to_join(settings):
    # given a municipality and a plan with an open code survey
    settings.GEMEENTE_NAAM = "Leusden"
    plan = PlanFactory()
    template_survey(plan=plan)
    # when a newcomer opens the public page
    html = Client().get(reverse("portaal:publiek", args=[plan.pk])).content.decode()
    # then it tells them in plain Dutch to ask the municipality for a code
    assert "Nieuw in de wijk?" in html
    assert "Vraag dan een code aan bij de gemeente Leusden" in html


def test_public_page_tells_a_newcomer_no_code_is_needed_for_an_open_link():
    # given a plan with an open-link survey
    plan = PlanFactory()
    template_survey(plan=plan, toegang=Toegang.OPEN_LINK)
    # when a newcomer opens the public page
    html = Client().get(reverse("portaal:publiek", args=[plan.pk])).content.decode()
    # then it tells them they can simply take part
    assert "Nieuw in de wijk? U kunt gewoon meedoen" in html
    assert "Vraag dan een code aan" not in html


def test_public_page_shows_the_municipality_contact_to_newcomers_when_set(settings):
    # given a contact line for the municipality and a plan with an open code survey
    settings.GEMEENTE_CONTACT = "Bel 14 033 of mail wijkproces@amersfoort.nl"
    plan = PlanFactory()
    template_survey(plan=plan)
    # when a newcomer opens the public page
    html = Client().get(reverse("portaal:publiek", args=[plan.pk])).content.decode()
    # then the contact line is in the "Nieuw in de wijk?" box
    box = html[html.index('id="nieuw-in-de-wijk"') :]
    box = box[: box.index("</div>")]
    assert "Bel 14 033 of mail wijkproces@amersfoort.nl" in box
    assert "Contact met de gemeente:" in box


def test_public_page_shows_no_contact_line_without_the_setting(settings):
    # given no contact line configured
    settings.GEMEENTE_CONTACT = ""
    plan = PlanFactory()
    template_survey(plan=plan)
    # when a newcomer opens the public page
    html = Client().get(reverse("portaal:publiek", args=[plan.pk])).content.decode()
    # then the box is there, without an empty contact line
    assert "Nieuw in de wijk?" in html
    assert 'id="gemeente-contact"' not in html


def test_public_page_without_a_survey_shows_the_contact_when_set(settings):
    # given a contact line and a plan without a survey
    settings.GEMEENTE_CONTACT = "Bel 14 033"
    plan = PlanFactory()
    # when anyone opens the public page, then the contact line is shown
    html = Client().get(reverse("portaal:publiek", args=[plan.pk])).content.decode()
    assert 'id="gemeente-contact"' in html and "Bel 14 033" in html
