"""Issue 13, the resident's survey by keyboard: Enter on the last step sends the answers
(it pressed "Vorige"), the title names the step, and the radio and checkbox outlines have
3:1 contrast against white (WCAG 1.4.11)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import assert_accessible
from participatie import services
from participatie.constants import Toegang, VraagType, VragenlijstStatus
from participatie.models import Respons

from .factories import VragenlijstFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The contrast ratio (WCAG 2 relative luminance) of a computed CSS colour against white.
CONTRAST_ON_WHITE = """(el) => {
    const [r, g, b] = getComputedStyle(el).borderTopColor.match(/[\\d.]+/g).map(Number);
    const lin = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    const l = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    return 1.05 / (l + 0.05);
}"""


def _survey():
    """Step 1: four statements (radios); step 2, the last: a choice of several and a text."""
    vragenlijst = VragenlijstFactory(toegang=Toegang.OPEN_LINK, titel="Warmte in Vathorst")
    for i in range(4):
        services.vraag_create(vragenlijst=vragenlijst, type=VraagType.LIKERT, tekst=f"Stelling {i}")
    services.vraag_create(
        vragenlijst=vragenlijst, type=VraagType.MEERKEUZE, tekst="Wat heeft u al?", opties=["Zonnepanelen", "Isolatie"]
    )
    services.vraag_create(vragenlijst=vragenlijst, type=VraagType.KORTE_TEKST, tekst="Nog iets?")
    services.vragenlijst_status_set(vragenlijst=vragenlijst, status=VragenlijstStatus.OPEN)
    return vragenlijst


def test_enter_on_the_last_step_sends_the_answers(new_page, settings):
    settings.PARTICIPATIE_MIN_FILL_SECONDS = 0
    # given a resident on step 1 of 2 of an open survey, after its introduction
    vragenlijst = _survey()
    page = new_page(mobile=True)
    page.goto(reverse("participatie:vragenlijst_start", args=[vragenlijst.slug]))
    page.get_by_role("button", name="Begin met de vragen").click()
    page.wait_for_url("**/vragen/1/")
    # then the title names the step, not a question (four questions are on it)
    assert page.title().startswith("Stap 1 van 2 · Warmte in Vathorst")
    # and the unchecked radios' outlines stand out from white by at least 3:1
    radios = page.locator("input[type=radio]")
    assert min(radios.nth(i).evaluate(CONTRAST_ON_WHITE) for i in range(radios.count())) >= 3
    for group in page.locator("fieldset").all():
        group.locator("input[type=radio]").first.check()
    page.keyboard.press("Enter")  # focus is on a radio: Enter sends the step forward
    page.wait_for_url("**/vragen/2/")
    assert page.title().startswith("Stap 2 van 2")
    assert_accessible(page, "survey, last step")
    boxes = page.locator("input[type=checkbox]")
    assert boxes.count() == 2
    assert min(boxes.nth(i).evaluate(CONTRAST_ON_WHITE) for i in range(boxes.count())) >= 3
    # when they type in the text field of the last step and press Enter
    field = page.get_by_label("Nog iets?")
    field.fill("Graag een avond in de buurt")
    field.press("Enter")
    # then the answers are sent (not "Vorige", which took them back to step 1)
    page.wait_for_url("**/bedankt/**")
    assert Respons.objects.filter(vragenlijst=vragenlijst).count() == 1
