"""Browser journey: a civil servant builds a survey and prints codes; a resident on a phone
answers with the letter's code and cannot answer twice; the civil servant sees the results.
Selectors avoid translated UI strings (the nl catalogue is added later)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from conftest import assert_accessible
from core.constants import Role
from participatie.models import Respons, Vragenlijst
from wup.tests.factories import PlanFactory

from .helpers import submit_many

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _answer_page(page) -> None:
    """Pick the first option of every radio group on the page (by keyboard-reachable labels)."""
    for group in page.locator("fieldset").all():
        radios = group.locator("input[type=radio]")
        if radios.count():
            radios.first.check()


def test_survey_journey_from_template_to_results(new_page):
    # given a plan and a civil servant
    plan = PlanFactory(titel="Warmteplan Soesterkwartier")
    ambtenaar = new_page(role=Role.AMBTENAAR)
    # when they create a survey from the template (default choices) and open it
    ambtenaar.goto(reverse("participatie:vragenlijst_list", args=[plan.pk]))
    assert_accessible(ambtenaar, "survey list")
    ambtenaar.locator("form input[type=submit]").last.click()
    ambtenaar.wait_for_url("**/participatie/vragenlijst/*/")
    assert_accessible(ambtenaar, "builder")
    ambtenaar.locator("form[action$='/status/'] button").click()
    vragenlijst = Vragenlijst.objects.get(plan=plan)
    assert vragenlijst.status == "open"
    # and generate one code as CSV
    ambtenaar.goto(reverse("participatie:codes_generate", args=[vragenlijst.pk]))
    assert_accessible(ambtenaar, "codes")
    ambtenaar.locator("input[name=n]").fill("1")
    with ambtenaar.expect_download() as download_info:
        ambtenaar.locator("form input[type=submit]").click()
    rows = list(csv.reader(Path(download_info.value.path()).read_text().splitlines()))
    code, letter_url = rows[1]

    # when a resident on a phone opens the letter's URL (the code in its fragment, which the
    # browser never sends: no request the server sees carries the code)
    bewoner = new_page(mobile=True)
    sent = []
    bewoner.on("request", lambda request: sent.append(request.url))
    assert "#code=" in letter_url
    bewoner.goto(letter_url)
    # then the code has left the address bar, and they first read the same introduction as
    # a resident who types the code (issue 13)
    bewoner.wait_for_selector("#intro")
    assert code not in bewoner.url
    assert "Wie vraagt het?" in bewoner.locator("#intro").inner_text()
    assert_accessible(bewoner, "resident introduction")
    bewoner.get_by_role("button", name="Begin met de vragen").click()
    bewoner.wait_for_url("**/vragen/1/")
    assert sent and not any(code in url for url in sent)  # it travels only in the POSTed form
    assert_accessible(bewoner, "resident page 1")
    # when they send page 1 empty, the required questions show a message at the field
    bewoner.locator("form button.btn-primary").click()
    assert bewoner.locator(".invalid-feedback, .is-invalid").count() > 0
    assert_accessible(bewoner, "resident page 1 with errors")
    # and they answer every page and send it
    while "/bedankt/" not in bewoner.url:
        _answer_page(bewoner)
        bewoner.locator("form button.btn-primary").click()
        bewoner.wait_for_load_state()
    assert bewoner.locator("h1").inner_text().startswith("Bedankt")
    assert_accessible(bewoner, "thanks")
    assert Respons.objects.count() == 1
    # then a second attempt with the same letter is refused
    bewoner.goto(letter_url)
    assert "al ingevuld" in bewoner.locator("h1").inner_text()
    other = new_page(mobile=True)
    other.goto(letter_url)
    expect(other.locator("main")).to_contain_text("niet (meer) geldig")
    assert_accessible(other, "used code")
    assert Respons.objects.count() == 1

    # when five more households answer and the civil servant opens the results
    submit_many(vragenlijst, 5)
    ambtenaar.goto(reverse("participatie:vragenlijst_resultaten", args=[vragenlijst.pk]))
    # then the charts are drawn (no CSP violation or JS error: the page guard) and axe passes
    assert "6" in ambtenaar.locator("main p").first.inner_text()
    ambtenaar.wait_for_selector("[data-chart-drawn] .main-svg")
    assert ambtenaar.locator("[data-chart-drawn]").count() >= 10
    assert_accessible(ambtenaar, "results")
