"""Browser check of the council overview (issue 10): accessible, and readable at 320 px wide."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import assert_accessible
from core.constants import Role

from .test_overview_views import plannen  # noqa: F401 - the four plans with hand-made snapshots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_overview_is_accessible_and_has_no_horizontal_scroll_at_320_px(new_page, plannen):  # noqa: F811
    # given the four plans and a council member
    page = new_page(role=Role.RAADSLID)
    # when they open the overview on a wide screen
    page.goto(reverse("dashboard:overview"))
    # then each plan has its heading, the plan needing a decision first, saying why
    headings = page.locator("h2").all_inner_texts()
    assert headings == ["Zuidwijk", "Alfa", "Berg", "Aa-wijk"]
    assert page.get_by_text("Besluit nodig: Resultaten uit koers sinds").is_visible()
    # and the trend is read out as a word beside its arrow
    trend = page.locator('section[data-urgentie="decision_needed"] [data-antwoord="resultaten"] [data-cel="trend"]')
    assert trend.inner_text().split() == ["↑", "gestegen", "sinds", "vorige", "maand"]
    assert_accessible(page, "council overview")
    # and on a 320 px wide screen nothing makes the page scroll sideways
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page, "council overview at 320 px")
