"""Keyboard-only journeys per role (issue 13): only Tab, Shift+Tab, Enter, Space, arrows and
typing. After a failed submit the focus is on the error summary, its links lead to the field,
and Enter in a field submits forward. The resident, on a phone, types a 12-character code in
lower case without dashes and sees the introduction; the council member's pages show every
date in the one style."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.module_loading import import_string
from playwright.sync_api import expect

from conftest import assert_accessible
from core.constants import Role
from participatie import services as participatie_services
from participatie.constants import Toegang, VraagType
from participatie.models import Respons
from participatie.tests.factories import VragenlijstFactory
from wup.models import Plan

from .test_dates_on_pages import NOT_THE_STYLE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What a person reads in <main>: its text without the charts' SVG (plotly's axis ticks, whose
# data table beside the chart carries the same months in words).
GELEZEN = """() => {
    const main = document.querySelector('main').cloneNode(true);
    main.querySelectorAll('svg, script').forEach((e) => e.remove());
    return main.innerText;
}"""
OP_SAMENVATTING = "() => document.activeElement && document.activeElement.hasAttribute('data-error-summary')"


def _tab_naar(page, selector: str, *, terug: bool = False, max_stappen: int = 60) -> None:
    """Press Tab (or Shift+Tab) until the element matching `selector` has the focus."""
    for _ in range(max_stappen):
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Shift+Tab" if terug else "Tab")
    raise AssertionError(f"{selector} not reached by keyboard in {max_stappen} steps")


def test_resident_on_a_phone_types_a_short_code_reads_the_introduction_and_answers(new_page):
    # given a code survey with a required scale question and a text question, and one letter
    vragenlijst = VragenlijstFactory(open=True, toegang=Toegang.CODES, titel="Peiling warmte")
    participatie_services.vraag_create(
        vragenlijst=vragenlijst, type=VraagType.LIKERT, tekst="Ik vertrouw de gemeente.", verplicht=True
    )
    participatie_services.vraag_create(vragenlijst=vragenlijst, type=VraagType.KORTE_TEKST, tekst="Wat wilt u kwijt?")
    [code] = participatie_services.codes_generate(vragenlijst=vragenlijst, n=1)
    assert len(code.replace("-", "")) == 12
    page = new_page(mobile=True)
    page.goto(reverse("participatie:vragenlijst_code", args=[vragenlijst.slug]))
    # when the resident types the code in lower case without dashes and presses Enter
    _tab_naar(page, "#id_code")
    page.keyboard.type(code.replace("-", "").lower())
    page.keyboard.press("Enter")
    # then the introduction comes first, and Enter on its button starts the questions
    page.locator("#intro").wait_for()
    assert "Hoe lang duurt het?" in page.locator("#intro").inner_text()
    assert_accessible(page, "introduction on a phone")
    _tab_naar(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/vragen/1/")
    # when they press Enter in the text field with the required question unanswered
    _tab_naar(page, "main textarea, main input[type=text]")
    page.keyboard.type("Meer uitleg graag")
    if page.evaluate("document.activeElement.tagName") == "TEXTAREA":
        _tab_naar(page, "main form button.btn-primary")
    page.keyboard.press("Enter")
    # then the focus is on the error summary, which links to the question
    page.wait_for_function(OP_SAMENVATTING)
    assert page.title().startswith("Fout:")
    assert_accessible(page, "survey page with errors")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('[data-error-summary]') !== null")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.type") == "radio"
    # and they answer with the arrow keys and send with Enter from the text field
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Space")
    _tab_naar(page, "main textarea, main input[type=text]")
    if page.evaluate("document.activeElement.tagName") == "TEXTAREA":
        _tab_naar(page, "main form button.btn-primary")
    page.keyboard.press("Enter")
    page.wait_for_url("**/bedankt/")
    assert Respons.objects.filter(vragenlijst=vragenlijst).count() == 1


def test_civil_servant_fixes_a_plan_form_by_keyboard(new_page):
    page = new_page(role=Role.AMBTENAAR)
    page.goto(reverse("wup:plan_create"))
    # when the civil servant sends the new plan with a target year before its start
    _tab_naar(page, "#id_titel")
    page.keyboard.type("Toetsenbordwijk")
    _tab_naar(page, "#id_startdatum")
    page.keyboard.type("01012030")
    _tab_naar(page, "#id_doeljaar_aardgasvrij")
    page.keyboard.type("2025")
    page.keyboard.press("Enter")
    # then the error summary has the focus and its link leads to the field
    page.wait_for_function(OP_SAMENVATTING)
    assert page.title().startswith("Fout:")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    veld = page.evaluate("document.activeElement.id")
    assert veld in ("id_doeljaar_aardgasvrij", "id_startdatum"), veld
    # and after fixing it, Enter saves the plan
    _tab_naar(page, "#id_doeljaar_aardgasvrij")
    page.keyboard.press("Control+A")
    page.keyboard.type("2040")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/plannen/\d+/$"))
    assert not page.title().startswith("Fout:")
    assert Plan.objects.filter(titel="Toetsenbordwijk", doeljaar_aardgasvrij=2040).exists()


def test_council_member_walks_the_dashboard_by_keyboard_and_reads_one_date_style(new_page):
    for loader in settings.DEMO_LOADERS:
        import_string(loader)()
    page = new_page(role=Role.RAADSLID)
    page.goto(reverse("dashboard:overview"))
    teksten = [page.evaluate(GELEZEN)]
    # when the council member tabs to the first plan and opens it with Enter
    _tab_naar(page, "main section h2 a")
    page.keyboard.press("Enter")
    page.wait_for_url("**/dashboard/plan/*/")
    teksten.append(page.evaluate(GELEZEN))
    # and tries a what-if with a delay out of range, sent with Enter
    _tab_naar(page, "#id_uitstel_maanden")
    page.keyboard.type("999")
    page.keyboard.press("Enter")
    # then the focus is on the error summary
    page.wait_for_function(OP_SAMENVATTING)
    expect(page.locator("[data-error-summary]")).to_contain_text("120")
    assert_accessible(page, "what-if with an error")
    # and every date the council member read is in the one style
    plan = Plan.objects.order_by("pk").first()
    page.goto(reverse("portaal:plan_document", kwargs={"pk": plan.pk}))
    teksten.append(page.evaluate(GELEZEN))
    gelezen = "\n".join(teksten)
    for naam, patroon in NOT_THE_STYLE.items():
        fout = [m.group(0) for m in patroon.finditer(gelezen) if "JJJJ-MM" not in gelezen[m.start() - 40 : m.end()]]
        assert not fout, (naam, fout[:5])
    assert re.search(
        r"\b\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}\b",
        gelezen,
    )
