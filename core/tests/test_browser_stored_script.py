"""A value typed into a form never runs as script where it is shown (issue: bad-input sweep).

Script-like values are stored through the services (as a civil servant would type them) and
every page that shows them is opened in Chromium with a dialog listener; the page guard also
fails on a CSP violation (a blocked inline script) or a JavaScript error.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.constants import Role
from participatie import services as participatie_services
from participatie.tests.factories import BijeenkomstFactory
from wup import services as wup_services
from wup.constants import PlanStatus
from wup.tests.factories import PlanFactory

pytestmark = pytest.mark.browser

PAYLOADS = [
    "<script>alert('titel')</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg onload=alert(2)>",
    "javascript:alert(3)",
]


def test_script_like_values_are_shown_as_text_on_every_page_that_shows_them(new_page, user_for):
    # given a plan, its survey and its meeting whose texts are script-like
    plan = PlanFactory(titel=PAYLOADS[0], samenvatting=" ".join(PAYLOADS))
    door = user_for(Role.AMBTENAAR)
    wup_services.ambitie_create(plan=plan, omschrijving=PAYLOADS[1], partijen=PAYLOADS[2])
    plan = wup_services.plan_transition(plan=plan, naar=PlanStatus.IN_CONSULTATIE, door=door)
    vragenlijst = participatie_services.vragenlijst_create(plan=plan, titel=PAYLOADS[1], intro=PAYLOADS[2])
    BijeenkomstFactory(plan=plan, titel=PAYLOADS[2], plaats=PAYLOADS[3])
    pages = [
        (Role.AMBTENAAR, reverse("wup:plan_list")),
        (Role.AMBTENAAR, reverse("portaal:plan_document", args=[plan.pk])),
        (Role.AMBTENAAR, reverse("wup:plan_kaders", args=[plan.pk])),
        (Role.AMBTENAAR, reverse("participatie:vragenlijst_list", args=[plan.pk])),
        (Role.AMBTENAAR, reverse("participatie:vragenlijst_detail", args=[vragenlijst.pk])),
        (Role.RAADSLID, reverse("dashboard:overview")),
        (Role.RAADSLID, reverse("dashboard:plan_detail", kwargs={"plan_id": plan.pk})),
        (None, reverse("portaal:publiek", args=[plan.pk])),
    ]
    for role, url in pages:
        page = new_page(role=role)
        dialogs: list[str] = []
        page.on("dialog", lambda dialog, seen=dialogs: (seen.append(dialog.message), dialog.dismiss()))
        # when the page is opened
        page.goto(url)
        page.wait_for_load_state("networkidle")
        # then no script ran, and the value is there as text
        assert dialogs == [], (url, dialogs)
        assert page.locator("img[src=x], svg[onload]").count() == 0, url
