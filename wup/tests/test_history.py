"""History of the plan area: buurten added to or removed from a plan (pghistory M2M events)."""

from __future__ import annotations

import pghistory
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from core.constants import Role
from wup import selectors, services
from wup.models import PlanBuurt

from .factories import BuurtFactory, PlanFactory, WijkFactory

pytestmark = pytest.mark.django_db

PlanBuurtEvent = PlanBuurt.pgh_event_model


@pytest.fixture
def wijk_met_buurten():
    wijk = WijkFactory(code="WK030701")
    return wijk, [
        BuurtFactory(wijk=wijk, code="BU03070100", naam="Hof"),
        BuurtFactory(wijk=wijk, code="BU03070101", naam="Nieuwstraat"),
        BuurtFactory(wijk=wijk, code="BU03070102", naam="Muurhuizen"),
    ]


def test_changing_the_buurten_writes_add_and_remove_events(wijk_met_buurten, ambtenaar):
    # given a plan with Hof and Nieuwstraat
    wijk, (hof, straat, muur) = wijk_met_buurten
    plan = services.plan_create(titel="Binnenstad", wijk=wijk, buurten=[hof, straat])
    # when a civil servant replaces Nieuwstraat by Muurhuizen
    with pghistory.context(user=ambtenaar.pk):
        services.plan_update(plan=plan, buurten=[hof, muur])
    # then the event table has two inserts at creation, then one delete and one insert, with who
    events = list(PlanBuurtEvent.objects.filter(plan_id=plan.pk).order_by("pgh_id"))
    pairs = [(e.pgh_label, e.buurt_id) for e in events]
    # Django adds the buurten of one set() call in no fixed order: compare each step as a set.
    assert sorted(pairs[:2]) == sorted([("insert", hof.pk), ("insert", straat.pk)])
    assert pairs[2:] == [("delete", straat.pk), ("insert", muur.pk)]
    assert events[-1].pgh_context.metadata["user"] == ambtenaar.pk


def test_unchanged_buurten_write_no_event(wijk_met_buurten):
    wijk, (hof, straat, _) = wijk_met_buurten
    plan = services.plan_create(titel="Binnenstad", wijk=wijk, buurten=[hof, straat])
    before = PlanBuurtEvent.objects.filter(plan_id=plan.pk).count()
    services.plan_update(plan=plan, titel="Binnenstad-Oost", buurten=[straat, hof])
    assert PlanBuurtEvent.objects.filter(plan_id=plan.pk).count() == before


def test_refused_buurten_change_writes_no_event(wijk_met_buurten):
    # given a plan in wijk WK030701 and a buurt of another wijk
    wijk, (hof, _, _) = wijk_met_buurten
    plan = services.plan_create(titel="Binnenstad", wijk=wijk, buurten=[hof])
    before = PlanBuurtEvent.objects.count()
    elders = BuurtFactory(wijk=WijkFactory(code="WK030702"), code="BU03070200")
    # when that buurt is added, the service refuses it and nothing is recorded
    with pytest.raises(ValidationError):
        services.plan_update(plan=plan, buurten=[hof, elders])
    assert PlanBuurtEvent.objects.count() == before
    assert list(plan.buurten.all()) == [hof]


def test_history_selector_lists_buurt_lines_with_who(wijk_met_buurten, ambtenaar):
    wijk, (hof, straat, _) = wijk_met_buurten
    plan = services.plan_create(titel="Binnenstad", wijk=wijk, buurten=[hof, straat])
    with pghistory.context(user=ambtenaar.pk):
        services.plan_update(plan=plan, buurten=[hof])
    entries = selectors.plan_history(plan=plan)
    buurt_lines = [(e.actie, e.object_naam) for e in entries if e.actie.startswith("buurt_")]
    # newest first: the removal, then the two additions at creation
    assert buurt_lines[0] == ("buurt_remove", "Nieuwstraat (BU03070101)")
    assert sorted(buurt_lines[1:]) == [("buurt_add", "Hof (BU03070100)"), ("buurt_add", "Nieuwstraat (BU03070101)")]
    removal = next(e for e in entries if e.actie == "buurt_remove")
    assert removal.door == (ambtenaar.get_full_name() or ambtenaar.username)


def test_history_page_shows_buurt_added_and_removed(wijk_met_buurten, client_for):
    # given a plan with Hof, edited through the site to Nieuwstraat
    wijk, (hof, straat, _) = wijk_met_buurten
    plan = PlanFactory(titel="Binnenstad", wijk=wijk)
    client_for(Role.AMBTENAAR).post(
        reverse("wup:plan_update", kwargs={"pk": plan.pk}),
        {"titel": "Binnenstad", "wijk": wijk.pk, "buurten": [hof.pk], "focus": "hoe", "techniekrichting": "open"},
    )
    client_for(Role.AMBTENAAR).post(
        reverse("wup:plan_update", kwargs={"pk": plan.pk}),
        {"titel": "Binnenstad", "wijk": wijk.pk, "buurten": [straat.pk], "focus": "hoe", "techniekrichting": "open"},
    )
    # when a council member opens the history page (served in Dutch)
    response = client_for(Role.RAADSLID).get(reverse("wup:plan_history", kwargs={"pk": plan.pk}))
    content = response.content.decode()
    # then it shows a line per buurt added or removed
    with translation.override("nl"):
        added, removed = gettext("buurt added"), gettext("buurt removed")
    assert "«Hof (BU03070100)»" in content
    assert "«Nieuwstraat (BU03070101)»" in content
    assert content.count(added) == 2
    assert content.count(removed) == 1
    assert [e.actie for e in response.context["entries"] if e.actie.startswith("buurt_")] == [
        "buurt_add",
        "buurt_remove",
        "buurt_add",
    ]


@pytest.mark.parametrize("n", [1, 10])
def test_history_selector_queries_stay_flat(n, django_assert_num_queries, ambtenaar):
    # given a plan whose buurten changed n times
    wijk = WijkFactory(code="WK030701")
    buurten = [BuurtFactory(wijk=wijk, code=f"BU030701{i:02d}") for i in range(n + 1)]
    plan = services.plan_create(titel="Binnenstad", wijk=wijk, buurten=buurten[:1])
    for buurt in buurten[1:]:
        with pghistory.context(user=ambtenaar.pk):
            services.plan_update(plan=plan, buurten=[buurt])
    # then the history is read in a fixed number of queries (13 event tables: 7 plus the 6 Wgiw
    # parts, + buurt events, wijk names, buurt names, users)
    with django_assert_num_queries(17):
        selectors.plan_history(plan=plan)
