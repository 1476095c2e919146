"""The council overview read in one minute (issue 10): phrases, arrows, what changed, order."""

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from core.constants import Role
from dashboard.models import IndicatorSnapshot

from .factories import PlanFactory, RaadsbesluitFactory

pytestmark = pytest.mark.django_db

NOV, DEC = dt.date(2026, 11, 1), dt.date(2026, 12, 1)
WONINGEN = {"woningen": 1000, "reden": {"code": "projectie", "jaar": 2041, "doel": 2035}}


def _snap(plan, indicator, periode, waarde, status, **details):
    return IndicatorSnapshot.objects.create(
        plan=plan,
        indicator=indicator,
        periode=periode,
        waarde=waarde,
        status=status,
        n=10,
        details=details,
        computed_at=timezone.now(),
    )


def _answer(section: str, indicator: str) -> str:
    """The answer to one question: its figure, trend, status and reason."""
    start = section.index(f'data-antwoord="{indicator}"')
    return section[start : section.index("</dd>", start)]


def _section(html: str, plan) -> str:
    start = html.index(f'data-plan="{plan.id}"')
    end = html.find("<section", start)
    return html[start : end if end != -1 else len(html)]


@pytest.fixture
def plannen():
    """Four plans with hand-made snapshots of November and December 2026."""
    # Zuidwijk: results off track since October, no council decision at all
    zuid = PlanFactory(titel="Zuidwijk")
    _snap(zuid, "resultaten", dt.date(2026, 9, 1), 30, "op_koers", **WONINGEN, pct_aardgasvrij=3.0)
    _snap(zuid, "resultaten", dt.date(2026, 10, 1), 35, "uit_koers", **WONINGEN, pct_aardgasvrij=3.5)
    _snap(zuid, "resultaten", NOV, 40, "uit_koers", **WONINGEN, pct_aardgasvrij=4.0)
    _snap(zuid, "resultaten", DEC, 50, "uit_koers", **WONINGEN, pct_aardgasvrij=5.0)
    _snap(zuid, "vertrouwen", NOV, 3.8, "op_koers")
    _snap(zuid, "vertrouwen", DEC, 3.8, "op_koers")
    # Berg: schedule fell from on track to attention; a decision in June on older figures
    berg = PlanFactory(titel="Berg")
    _snap(berg, "schema", NOV, 90, "op_koers", op_tijd=9)
    _snap(berg, "schema", DEC, 70, "aandacht", op_tijd=7)
    _snap(berg, "resultaten", DEC, 12, "op_koers", **WONINGEN, pct_aardgasvrij=1.2)  # new: no November
    RaadsbesluitFactory(
        plan=berg,
        datum=dt.date(2026, 6, 1),
        besluit="bijsturen",
        snapshot={
            "schema": {"periode": "2026-06-01", "waarde": 95.0, "status": "op_koers", "n": 8, "computed_at": "x"},
            "resultaten": {"periode": "2026-06-01", "waarde": 5.0, "status": "aandacht", "n": 5, "computed_at": "x"},
        },
    )
    # Alfa: trust off track since November, and the council decided on 20 November
    alfa = PlanFactory(titel="Alfa")
    _snap(alfa, "vertrouwen", dt.date(2026, 10, 1), 3.6, "op_koers")
    _snap(alfa, "vertrouwen", NOV, 2.9, "uit_koers")
    _snap(alfa, "vertrouwen", DEC, 2.7, "uit_koers")
    RaadsbesluitFactory(plan=alfa, datum=dt.date(2026, 11, 20), besluit="doorgaan", snapshot={})
    # Aa-wijk: all well, the first title but the last plan
    aa = PlanFactory(titel="Aa-wijk")
    _snap(aa, "beweging", NOV, 80, "op_koers", venster="30_dagen", dagen=30)
    _snap(aa, "beweging", DEC, 85, "op_koers", venster="30_dagen", dagen=30)
    return zuid, berg, alfa, aa


def test_the_overview_puts_the_plan_needing_a_decision_first_and_says_why(client_for, plannen):
    from routekaart.tests.factories import mijlpaal

    zuid, berg, alfa, aa = plannen
    mijlpaal(berg, naam="Besluit: ontwerp gedragen", basisdatum=dt.date(2027, 3, 1), besluitmoment=True)
    mijlpaal(berg, naam="Besluit: uitvoering", basisdatum=dt.date(2027, 9, 1), besluitmoment=True)
    mijlpaal(berg, naam="Geen besluit", basisdatum=dt.date(2027, 1, 1))
    # when a council member opens the overview in December 2026
    with time_machine.travel(dt.datetime(2026, 12, 10, 12, tzinfo=dt.UTC), tick=False):
        response = client_for(Role.RAADSLID).get(reverse("dashboard:overview"))
    html = response.content.decode()
    # then the plan needing a decision comes first, then those needing attention, then the rest
    assert [row["plan"].titel for row in response.context["rows"]] == ["Zuidwijk", "Alfa", "Berg", "Aa-wijk"]
    titels = re.findall(r'<h2 class="h4 card-title" id="plan-\d+">\s*<a [^>]*>([^<]+)</a>', html)
    assert titels == ["Zuidwijk", "Alfa", "Berg", "Aa-wijk"]
    # and each says why it is at the top
    z = _section(html, zuid)
    assert "Besluit nodig: Resultaten uit koers sinds oktober 2026, geen raadsbesluit sindsdien" in z
    assert "Aandacht nodig: Vertrouwen uit koers sinds november 2026 (raadsbesluit van 20 november 2026)" in (
        _section(html, alfa)
    )
    assert "Aandacht nodig: Planning" in _section(html, berg)
    assert 'data-overzicht="urgentie"' not in _section(html, aa)
    assert "{#" not in html and "#}" not in html  # no template comment leaks into the page

    # the answers are short phrases with their unit, a trend arrow with its word, status and reason
    resultaten = _answer(z, "resultaten")
    assert 'data-indicator="resultaten">Welke resultaten zijn er behaald?</dt>' in z
    assert "50 van 1.000 woningen (5,0 %)" in resultaten
    assert '<span aria-hidden="true" title="gestegen sinds vorige maand">↑</span>' in resultaten
    assert '<span class="visually-hidden">gestegen sinds vorige maand</span>' in resultaten
    assert "Uit koers" in resultaten and "uit koers: in dit tempo aardgasvrij in 2041, doel 2035" in resultaten
    vertrouwen = _answer(z, "vertrouwen")
    assert "3,8 van 5" in vertrouwen and ">gelijk gebleven sinds vorige maand</span>" in vertrouwen
    b = _section(html, berg)
    schema = _answer(b, "schema")
    assert "70 % op tijd" in schema and '<span class="visually-hidden">gedaald sinds vorige maand</span>' in schema
    nieuw = _answer(b, "resultaten")
    assert '<span class="visually-hidden">geen cijfer van vorige maand om mee te vergelijken</span>' in nieuw
    # no figure, no judgement: an indicator without a snapshot has no status
    koers = _answer(b, "koers")
    assert "geen cijfer" in koers and "Geen oordeel" in koers and "status-" not in koers
    assert 'data-cel="trend"' not in koers

    # what changed since last month and since the last council decision
    assert "<li>Planning: van op koers naar aandacht nodig</li>" in b.split('data-veranderd="besluit"')[0]
    sinds_besluit = b[b.index('data-veranderd="besluit"') : b.index("</ul>", b.index('data-veranderd="besluit"'))]
    assert "Sinds het laatste raadsbesluit (1 juni 2026):" in b
    assert "<li>Resultaten: van aandacht nodig naar op koers</li>" in sinds_besluit
    assert "<li>Planning: van op koers naar aandacht nodig</li>" in sinds_besluit
    assert "<li>Resultaten: van op koers naar uit koers</li>" not in z  # off track since October already
    assert "geen oordeel veranderd" in z
    assert "bij dit besluit zijn geen cijfers vastgelegd" in _section(html, alfa)

    # the last decision with its kind, the next decision milestone with its forecast
    assert re.search(r'data-overzicht="besluit">\s*1 juni 2026 \(bijsturen\)', b)
    assert "Besluit: ontwerp gedragen, verwacht 1 maart 2027" in b and "Besluit: uitvoering" not in b
    assert re.search(r'data-overzicht="besluit">\s*nog geen raadsbesluit', z)
    assert "Op de routekaart staat geen beslismoment meer gepland." in z
