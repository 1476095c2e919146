"""Browser journeys of issue 13: the plan is the centre of the civil servant's work.

From the plan list the civil servant opens a plan, walks the plan menu (each tab marked as the
current page), and logs an event from the plan with the plan preselected; a council member's
menu holds only what they may read; the plan pages reflow at 320 px (WCAG 1.4.10).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import assert_accessible
from core.constants import Role
from dashboard import demo
from routekaart.tests.factories import gevuld_plan
from wup.tests.factories import PlanFactory

MENU = "nav[aria-label='Plan']"


def _menu_labels(page) -> list[str]:
    return [t.strip() for t in page.locator(f"{MENU} a").all_inner_texts()]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_civil_servant_walks_the_plan_menu_and_logs_an_event_from_the_plan(new_page):
    # given two plans, so that a preselection is not the only choice
    PlanFactory(titel="Soesterkwartier")
    plan = PlanFactory(titel="Kattenbroek")
    page = new_page(role=Role.AMBTENAAR)

    # when the civil servant opens the plan from the plan list
    page.goto(reverse("wup:plan_list"))
    page.get_by_role("link", name="Kattenbroek").click()
    page.wait_for_url(f"**{reverse('portaal:plan_document', args=[plan.pk])}")

    # then each tab of the plan menu opens its page and is marked as the current page
    tabs = ["Document", "Kaders", "Wgiw", "Routekaart", "Participatie", "Gebeurtenissen", "Dashboard"]
    assert _menu_labels(page) == tabs
    for tab in tabs:
        page.locator(MENU).get_by_role("link", name=tab, exact=True).click()
        page.wait_for_load_state()
        current = page.locator(f"{MENU} [aria-current='page']")
        assert current.count() == 1
        assert current.inner_text().strip() == tab
        assert "Kattenbroek" in page.locator("h1").inner_text()
        assert_accessible(page, f"plan menu: {tab}")

    # when they log an event from the plan's events page
    page.locator(MENU).get_by_role("link", name="Gebeurtenissen", exact=True).click()
    page.locator("main").get_by_role("link", name="Gebeurtenis vastleggen").click()
    page.wait_for_url("**/gebeurtenissen/nieuw/?plan=*")

    # then the plan is preselected
    selected = page.locator("#id_plan option:checked")
    assert selected.get_attribute("value") == str(plan.pk)
    assert_accessible(page, "event form from the plan")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_council_member_sees_only_the_plan_pages_they_may_read(new_page):
    # given a plan
    plan = PlanFactory(titel="Kattenbroek", vastgesteld=True)
    page = new_page(role=Role.RAADSLID)

    # when a council member opens the plan's dashboard page
    page.goto(reverse("dashboard:plan_detail", kwargs={"plan_id": plan.pk}))

    # then the menu leaves out the civil servants' kaders and participation, and every link opens
    assert _menu_labels(page) == ["Document", "Wgiw", "Routekaart", "Gebeurtenissen", "Dashboard"]
    for href in page.locator(f"{MENU} a").evaluate_all("links => links.map(a => a.href)"):
        assert page.request.get(href).status == 200, href


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("role", "url"),
    [
        (Role.AMBTENAAR, lambda plan: reverse("wup:plan_list")),
        (Role.AMBTENAAR, lambda plan: reverse("portaal:plan_document", args=[plan.pk])),
        (Role.RAADSLID, lambda plan: reverse("dashboard:plan_detail", kwargs={"plan_id": plan.pk})),
        (Role.RAADSLID, lambda plan: reverse("portaal:plan_document", args=[plan.pk])),
        (Role.RAADSLID, lambda plan: reverse("dashboard:overview")),
    ],
    ids=["plan list", "plan document", "council plan page", "council plan document", "council overview"],
)
def test_plan_pages_reflow_at_320_px(new_page, role, url):
    # given two plans with a route map and a dashboard history (the demo's events, decisions and
    # steering actions), on a 320 px wide screen (WCAG 1.4.10: no scrolling in two directions)
    PlanFactory(titel="Soesterkwartier")
    plan = PlanFactory(titel="Kattenbroek")
    gevuld_plan(plan, n=2)
    demo.load()
    page = new_page(role=role)
    page.set_viewport_size({"width": 320, "height": 800})

    # when the page opens
    page.goto(url(plan))

    # then the page itself does not scroll sideways
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{page.url} is {width} px wide"
