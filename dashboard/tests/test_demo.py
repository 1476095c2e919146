"""The demo data tells one story on the dashboard and in the routekaart."""

import datetime as dt

import pytest

from dashboard.models import IndicatorSnapshot, Raadsbesluit
from logboek.constants import GebeurtenisType
from logboek.models import Gebeurtenis

from .factories import KernwaardeFactory, PlanFactory, TussendoelFactory


@pytest.mark.django_db
def test_demo_load_is_idempotent_and_computes_every_plan():
    from dashboard import demo

    assert demo.load().startswith("no plans")
    good, trouble = PlanFactory(titel="A"), PlanFactory(titel="B")
    first = demo.load()
    count, besluiten = Gebeurtenis.objects.count(), Raadsbesluit.objects.count()
    second = demo.load()
    assert count > 100 and Gebeurtenis.objects.count() == count
    assert Raadsbesluit.objects.count() == besluiten
    assert first.startswith(f"{count} events") and second.startswith("0 events")
    assert "0 council decisions" in second
    latest = {(s.plan_id, s.indicator): s.status for s in IndicatorSnapshot.objects.order_by("periode")}
    assert latest[(trouble.id, "vertrouwen")] == "uit_koers"
    assert latest[(good.id, "vertrouwen")] == "op_koers"


@pytest.mark.django_db
def test_demo_overview_tells_one_story_of_one_plan_in_trouble():
    from dashboard import demo, selectors

    # given plans with goals, as the wup demo makes them
    plans = []
    for titel in ("Binnenstad", "Kattenbroek", "Liendert", "Schothorst"):
        plan = PlanFactory(titel=titel, startdatum=dt.date(2025, 1, 1), doeljaar_aardgasvrij=2038)
        kw = KernwaardeFactory(plan=plan)
        TussendoelFactory(
            plan=plan, kernwaarde=kw, metriek="woningen_geisoleerd", streefwaarde=300, deadline=dt.date(2029, 12, 31)
        )
        plans.append(plan)
    # when
    demo.load()
    # then exactly one plan has a majority of red lights, every other plan at most one
    rood = {
        row["plan"].titel: sum(c["status"] == "uit_koers" for c in row["cellen"])
        for row in selectors.dashboard_overview()
    }
    in_trouble = [titel for titel, n in rood.items() if n > 3]
    assert in_trouble == ["Schothorst"], rood
    assert all(n <= 1 for titel, n in rood.items() if titel != "Schothorst"), rood
    # and the council answered: bijsturen for the plan in trouble, doorgaan otherwise
    besluiten = set(Raadsbesluit.objects.values_list("plan__titel", "besluit"))
    assert ("Schothorst", "bijsturen") in besluiten
    assert {b for titel, b in besluiten if titel != "Schothorst"} <= {"doorgaan"}


@pytest.mark.django_db
def test_demo_routekaarten_tell_the_same_story_as_the_dashboard():
    from django.utils import timezone

    from dashboard import demo, selectors
    from routekaart import selectors as routekaart_selectors
    from routekaart.constants import PlanningStatus
    from wup import demo as wup_demo
    from wup import selectors as wup_selectors

    # given the whole demo (plans with their parties, then routekaarten, events, decisions)
    wup_demo.load()
    first = demo.load()
    vandaag = timezone.localdate()
    plans = list(wup_selectors.plan_list())
    trouble = plans[-1]
    # then the plan in trouble is behind schedule, from its routekaart
    schema = selectors.latest_snapshots(plan_ids=[p.id for p in plans], indicator="schema")
    assert schema[trouble.id]["schema"].status in ("aandacht", "uit_koers")
    assert schema[trouble.id]["schema"].details["over_tijd"] >= 2
    # its grid reinforcement (the netbeheerder's) is late: forecast moved with a reason, overdue
    mijlpalen = routekaart_selectors.mijlpalen_list(plan=trouble, vandaag=vandaag)
    net = next(m for m in mijlpalen if m.verantwoordelijke and m.verantwoordelijke.soort == "netbeheerder")
    assert net.verantwoordelijke.naam == "Stedin" and net.planning == PlanningStatus.OVER_TIJD
    assert net.prognose > net.basisdatum and net.verschuivingen.get().reden.startswith("Levering transformator")
    # and an open agreement that depends on it is overdue, first in the matrix
    matrix = routekaart_selectors.afspraken_matrix(plan=trouble, vandaag=vandaag)
    assert matrix[0].planning == PlanningStatus.OVER_TIJD and matrix[0].status == "open"
    assert any(a.afhankelijk_van.exists() and a.planning == PlanningStatus.OVER_TIJD for a in matrix)
    # and its road works close before the grid is expected: a warning beside the milestone
    assert any(k.waarschuwingen for k in routekaart_selectors.koppelkansen_list(plan=trouble, vandaag=vandaag))
    # the other plans are on schedule, with coupling opportunities and their permits
    for plan in plans[:-1]:
        assert schema[plan.id]["schema"].status == "op_koers", plan.titel
        assert schema[plan.id]["schema"].details["over_tijd"] == 0, plan.titel
        assert routekaart_selectors.koppelkansen_list(plan=plan, vandaag=vandaag)[0].vergunningen.exists()
    # every milestone/agreement event came from the routekaart, none typed in by the demo
    routekaart_types = [t for t in GebeurtenisType.values if t.startswith(("mijlpaal_", "afspraak_"))]
    assert set(Gebeurtenis.objects.filter(type__in=routekaart_types).values_list("bron", flat=True)) == {"routekaart"}
    # and the overview shows one plan in trouble (most lights red), the others at most one red
    rood = {r["plan"].id: sum(c["status"] == "uit_koers" for c in r["cellen"]) for r in selectors.dashboard_overview()}
    assert rood[trouble.id] > 3 and all(rood[p.id] <= 1 for p in plans[:-1]), rood
    # and a second load adds nothing
    assert "4 route maps" in first
    second = demo.load()
    assert second.startswith("0 events") and "0 route maps" in second
