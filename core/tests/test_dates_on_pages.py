"""Every date on the main pages of each role is in one of the named formats (core/dates.py):
no ISO dates, no abbreviated month names ("1 Mrt 2023", "1 Dec 2026"), no unpadded numeric
dates, no seconds. Attributes and scripts (machine formats) are not read."""

import datetime as dt
import html as html_lib
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from core.constants import Role
from core.tests.factories import UserFactory
from dashboard import services as dashboard_services
from dashboard.tests.factories import GebeurtenisFactory, RaadsbesluitFactory
from participatie.tests.factories import BijeenkomstFactory
from routekaart.tests.factories import gevuld_plan
from wup import services as wup_services
from wup.constants import PlanStatus
from wup.tests.factories import PlanFactory, TussendoelFactory, wgiw_compleet

pytestmark = pytest.mark.django_db

MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
NOT_THE_STYLE = {
    "ISO date": re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    "ISO month": re.compile(r"\b(19|20)\d{2}-(0[1-9]|1[0-2])\b(?!-)"),
    "abbreviated month": re.compile(
        r"\b\d{1,2} (jan|feb|mrt|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec)\b\.? ?\d{0,4}", re.I
    ),
    "unpadded numeric date": re.compile(r"(?<![\d-])(\d-\d{1,2}|\d{1,2}-\d)-\d{4}\b"),
    "seconds": re.compile(r"\b\d{2}:\d{2}:\d{2}\b"),
}
# The one machine format a person reads: the hint of the what-if's month field, typed as
# JJJJ-MM (an <input type="month"> value) - "Als JJJJ-MM, van 2000-01 tot en met 2100-12."
INPUT_HINT = re.compile(r"JJJJ-MM[^.]*\.")
LONG = re.compile(rf"\b\d{{1,2}} ({MONTHS}) \d{{4}}\b")
SHORT = re.compile(r"\b\d{2}-\d{2}-\d{4}\b")


def _text(page: str) -> str:
    """What a person reads: no scripts, styles or attributes (machine formats live there)."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S | re.I)
    return INPUT_HINT.sub(" ", html_lib.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_every_date_on_the_main_pages_of_each_role_is_in_one_style(client_for):
    # given an adopted plan with a route map, a tussendoel, a meeting at 19:30, events, a council
    # decision and computed figures
    plan = PlanFactory()
    wgiw_compleet(plan)
    gevuld_plan(plan)
    TussendoelFactory(plan=plan, deadline=dt.date(2028, 12, 31))
    door = UserFactory(role=Role.AMBTENAAR)
    wup_services.plan_transition(plan=plan, naar=PlanStatus.IN_CONSULTATIE, door=door)
    plan = wup_services.plan_transition(
        plan=plan,
        naar=PlanStatus.VASTGESTELD,
        door=door,
        vastgesteld_op=dt.date(2026, 3, 12),
        raadsbesluit_kenmerk="RB-1",
    )
    BijeenkomstFactory(
        plan=plan,
        datum=timezone.make_aware(dt.datetime.combine(timezone.localdate() + dt.timedelta(days=9), dt.time(19, 30))),
    )
    GebeurtenisFactory(plan=plan, datum=dt.date(2026, 3, 1))
    RaadsbesluitFactory(plan=plan, datum=dt.date(2026, 3, 12))
    dashboard_services.plan_recompute(plan_id=plan.pk)
    pages = {
        Role.AMBTENAAR: [
            reverse("routekaart:routekaart", kwargs={"pk": plan.pk}),
            reverse("participatie:vragenlijst_list", kwargs={"plan_pk": plan.pk}),
            reverse("dashboard:plan_events", kwargs={"plan_id": plan.pk}),
            reverse("wup:plan_history", kwargs={"pk": plan.pk}),
            reverse("wup:plan_kaders", kwargs={"pk": plan.pk}),
        ],
        Role.RAADSLID: [
            reverse("dashboard:overview"),
            reverse("dashboard:plan_detail", kwargs={"plan_id": plan.pk}),
            reverse("portaal:plan_document", kwargs={"pk": plan.pk}),
        ],
        Role.ANONYMOUS: [reverse("portaal:publiek", kwargs={"plan_pk": plan.pk})],
    }
    # when each role opens its main pages
    texts, wrong = {}, []
    for role, urls in pages.items():
        client = client_for(role)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            texts[url] = text = _text(response.content.decode())
            for name, pattern in NOT_THE_STYLE.items():
                wrong += [f"{url}: {name}: {m.group(0)!r}" for m in pattern.finditer(text)]
    # then no date is in another style
    assert wrong == []
    # and the named formats are there: long in sentences, short in tables, times in Amsterdam
    everything = " ".join(texts.values())
    assert LONG.search(everything) and SHORT.search(everything)
    council = texts[reverse("dashboard:plan_detail", kwargs={"plan_id": plan.pk})]
    assert "31-12-2028" in council  # the tussendoel's deadline, read from the figures' JSON
    assert "19:30" in texts[reverse("participatie:vragenlijst_list", kwargs={"plan_pk": plan.pk})]


def test_the_style_check_catches_each_other_style():
    # the test of the test: the four styles of issue 13 and an unpadded date are caught
    for text in ("1 Dec 2026", "1 Jan 2025 – 31 Dec 2030", "1 Mrt 2023", "2027-12-31", "1-3-2023", "19:30:05"):
        assert any(p.search(text) for p in NOT_THE_STYLE.values()), text
    for text in ("31 december 2027", "31-12-2027", "31 december 2027, 19:30", "december 2027", "RB-2026-031"):
        assert not any(p.search(text) for p in NOT_THE_STYLE.values()), text
