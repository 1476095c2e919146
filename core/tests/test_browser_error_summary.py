"""Browser journeys of issue 13: after a failed submit focus lands on an error summary that
links each error to its field, and the page title starts with "Fout:" (GOV.UK / NL Design
System pattern; WCAG 2.4.2, 2.4.3, 3.3.1)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import assert_accessible
from core.constants import Role
from participatie.constants import Toegang
from participatie.tests.helpers import template_survey
from wup.models import Plan
from wup.tests.factories import WijkFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUSED_ID = "document.activeElement.id"
FOCUSED_IS_SUMMARY = "document.activeElement.hasAttribute('data-error-summary')"


def test_a_resident_who_sends_a_page_with_required_questions_empty_lands_on_the_summary(new_page):
    # given a resident on a phone on page 1 of a survey, which has required questions
    vragenlijst = template_survey(toegang=Toegang.OPEN_LINK)
    page = new_page(mobile=True)
    page.goto(reverse("participatie:vragenlijst_start", args=[vragenlijst.slug]))
    page.locator("main form [type=submit]").click()
    page.wait_for_url("**/vragen/1/")
    required = [
        legend.inner_text().strip()
        for legend in page.locator("fieldset legend").all()
        if "(verplicht)" in legend.inner_text()
    ]
    assert required
    assert not page.title().startswith("Fout:")
    # when they send it without answering
    page.locator("form button.btn-primary").click()
    page.wait_for_load_state()
    # then focus is on the summary, and the title says there is an error
    assert page.evaluate(FOCUSED_IS_SUMMARY)
    assert page.title().startswith("Fout: ")
    summary = page.locator("[data-error-summary]")
    assert "Er is een probleem" in summary.locator("h2").inner_text()
    # and it lists each missing question as a link to that question's first option
    links = summary.locator("a")
    assert links.count() == len(required)
    for index, question in enumerate(required):
        assert links.nth(index).inner_text().startswith(question)
    assert_accessible(page, "resident page 1 with errors")
    # when they follow the second link by keyboard, its question's first input has focus
    second = links.nth(1).get_attribute("href")
    links.nth(1).focus()
    page.keyboard.press("Enter")
    assert page.evaluate(FOCUSED_ID) == second.removeprefix("#")
    assert page.locator(second).get_attribute("type") == "radio"
    # and the same by mouse for the first
    links.first.click()
    assert page.evaluate(FOCUSED_ID) == links.first.get_attribute("href").removeprefix("#")
    # and the group as a whole is described by its message
    group = page.locator(f"fieldset:has({second})")
    message = page.locator("#" + group.get_attribute("aria-describedby"))
    assert "verplicht" in message.inner_text()


def test_a_civil_servant_who_sends_a_plan_with_an_invalid_value_lands_on_the_summary(new_page):
    # given a civil servant on the new-plan form
    wijk = WijkFactory()
    page = new_page(role=Role.AMBTENAAR)
    page.goto(reverse("wup:plan_create"))
    assert not page.title().startswith("Fout:")
    # when they send a plan whose target year lies before its start (a rule of the service)
    page.fill("#id_titel", "Kattenbroek")
    page.select_option("#id_wijk", str(wijk.pk))
    page.fill("#id_startdatum", "2030-01-01")
    page.fill("#id_doeljaar_aardgasvrij", "2025")
    page.locator("form:has(#id_titel) [type=submit]").click()
    page.wait_for_load_state()
    # then focus is on the summary at the top of the form, and the title says there is an error
    assert page.evaluate(FOCUSED_IS_SUMMARY)
    assert page.title().startswith("Fout: ")
    links = page.locator("[data-error-summary] a")
    assert links.count() == 1
    assert links.first.get_attribute("href") == "#id_doeljaar_aardgasvrij"
    assert_accessible(page, "plan form with errors")
    # when they follow the link, the field has focus, and they can correct it from there
    links.first.click()
    assert page.evaluate(FOCUSED_ID) == "id_doeljaar_aardgasvrij"
    page.keyboard.press("Control+A")
    page.keyboard.type("2035")
    page.locator("form:has(#id_titel) [type=submit]").click()
    page.wait_for_url("**/plannen/*/")
    # then the plan is created and the title has no "Fout:"
    assert Plan.objects.filter(titel="Kattenbroek", doeljaar_aardgasvrij=2035).exists()
    assert not page.title().startswith("Fout:")


def test_a_council_member_whose_what_if_is_refused_lands_on_the_summary_htmx_swapped_in(new_page):
    from dashboard.tests.test_scenario_views import _plan

    # given a council member on a computed plan's page
    plan = _plan()
    page = new_page(role=Role.RAADSLID)
    page.goto(reverse("dashboard:plan_detail", kwargs={"plan_id": plan.id}))
    page.locator("h1").evaluate("el => el.setAttribute('data-marker', 'same-page')")
    # when a delay above the maximum is computed (htmx swaps only the section)
    page.fill("#id_uitstel_maanden", "121")
    page.locator("#wat-als button[type=submit]").click()
    page.locator("#wat-als [data-error-summary]").wait_for()
    # then focus is on the swapped-in summary, which links the field
    assert page.locator("h1[data-marker=same-page]").count() == 1
    page.wait_for_function("document.activeElement.hasAttribute('data-error-summary')")
    link = page.locator("#wat-als [data-error-summary] a")
    assert link.count() == 1 and link.get_attribute("href") == "#id_uitstel_maanden"
    link.click()
    assert page.evaluate(FOCUSED_ID) == "id_uitstel_maanden"
    assert_accessible(page, "plan page with a refused what-if")
