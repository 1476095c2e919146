"""The civil servants' pulse on the council's plan page, end to end from a pulse round."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from core.constants import Role
from dashboard import services
from dashboard.constants import MIN_RESPONSES
from dashboard.models import IndicatorSnapshot
from participatie import services as participatie_services

from .factories import PlanFactory

TE_WEINIG = "Pulsmeting ambtenaren: nog te weinig antwoorden om te tonen (minder dan 10)"


def _pulse_round_answered(plan, n: int, scores=("4", "4", "3", "5")):
    """A pulse round of the plan answered by n civil servants (by default 4, 4, 3, 5 each: mean 4.0)."""
    with time_machine.travel(dt.datetime(2025, 5, 14, 10, tzinfo=dt.UTC), tick=False):
        vragenlijst, codes = participatie_services.pulsronde_create(plan=plan, n_codes=max(n, 1))
        _answer(vragenlijst, codes[:n], scores)
    services.plan_recompute(plan_id=plan.id, vandaag=dt.date(2025, 5, 14))
    return vragenlijst


def _answer(vragenlijst, codes, scores):
    vragen = list(vragenlijst.vragen.order_by("volgorde"))
    for code in codes:
        answers = {v.pk: s for v, s in zip(vragen, scores, strict=True)}
        participatie_services.respons_submit(vragenlijst=vragenlijst, answers=answers, code=code)


def _sturing_html(client, plan) -> str:
    response = client.get(reverse("dashboard:plan_detail", kwargs={"plan_id": plan.id}))
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index('id="kop-sturing"') : html.index('id="kop-doelen"')]


@pytest.mark.django_db
def test_the_council_sees_the_pulse_from_ten_answers(client_for):
    # given a plan whose pulse round ten civil servants answered
    plan = PlanFactory()
    _pulse_round_answered(plan, MIN_RESPONSES)
    # when a council member opens the plan page
    html = _sturing_html(client_for(Role.RAADSLID), plan)
    # then "Sturen we goed bij?" shows the pulse's mean and n
    assert "Sturen we goed bij?" in html
    assert '<p data-sturing="puls">Pulsmeting ambtenaren: 4,0 op een schaal van 1 tot 5 (n = 10 antwoorden)</p>' in html
    assert TE_WEINIG not in html


@pytest.mark.django_db
def test_the_council_sees_too_few_answers_at_nine_and_never_the_number(client_for):
    # given a plan whose pulse round nine civil servants answered
    plan = PlanFactory()
    _pulse_round_answered(plan, MIN_RESPONSES - 1)
    # when a council member opens the plan page
    html = _sturing_html(client_for(Role.RAADSLID), plan)
    # then only the "too few" sentence, neither the mean nor how many answered
    assert f'<p data-sturing="puls">{TE_WEINIG}</p>' in html
    assert "4,0" not in html and "n = 9" not in html
    # and the trust figure counts no civil servant as a resident
    trust = IndicatorSnapshot.objects.get(plan=plan, indicator="vertrouwen", periode=dt.date(2025, 5, 1))
    assert (trust.waarde, trust.n) == (None, 0)
    assert trust.details["reden"]["code"] == "geen_reacties"


@pytest.mark.django_db
def test_a_plan_without_pulse_round_says_too_few(client_for):
    plan = PlanFactory()
    services.plan_recompute(plan_id=plan.id, vandaag=dt.date(2025, 5, 14))
    assert f'<p data-sturing="puls">{TE_WEINIG}</p>' in _sturing_html(client_for(Role.RAADSLID), plan)


@pytest.mark.django_db
def test_an_eleventh_answer_does_not_move_the_published_pulse(client_for):
    # given the pulse published at ten answers (mean 4,0)
    plan = PlanFactory()
    vragenlijst = _pulse_round_answered(plan, MIN_RESPONSES)
    # when an eleventh colleague answers 1, 1, 1, 1 and the plan is recomputed
    with time_machine.travel(dt.datetime(2025, 5, 15, 10, tzinfo=dt.UTC), tick=False):
        codes = participatie_services.codes_generate(vragenlijst=vragenlijst, n=1)
        _answer(vragenlijst, codes, ("1", "1", "1", "1"))
    services.plan_recompute(plan_id=plan.id, vandaag=dt.date(2025, 5, 15))
    # then the page still shows the figure of the first ten: that one answer cannot be read off
    html = _sturing_html(client_for(Role.RAADSLID), plan)
    assert "Pulsmeting ambtenaren: 4,0 op een schaal van 1 tot 5 (n = 10 antwoorden)" in html
