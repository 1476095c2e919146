"""participatie -> dashboard: the payload participatie's respons_submit writes is the one the
dashboard's aggregate reads (payload["dimensies"]["vertrouwen"]["gemiddelde"])."""

from __future__ import annotations

import pytest
from django.utils import timezone

from dashboard import services
from dashboard.models import IndicatorSnapshot
from participatie import services as participatie_services
from participatie.constants import Dimensie, VraagType
from participatie.tests.factories import VragenlijstFactory


def _vertrouwen(plan_id):
    periode = timezone.localdate().replace(day=1)
    return IndicatorSnapshot.objects.get(plan_id=plan_id, indicator="vertrouwen", periode=periode)


@pytest.mark.django_db
def test_trust_from_real_survey_responses_is_suppressed_below_ten_and_shown_with_n_from_ten():
    # given an open survey with two trust items and one other dimension on a plan
    vragenlijst = VragenlijstFactory(open=True, open_link=True)
    trust = [
        participatie_services.vraag_create(
            vragenlijst=vragenlijst, type=VraagType.LIKERT, tekst=tekst, dimensie=Dimensie.VERTROUWEN
        )
        for tekst in ("Ik vertrouw de gemeente", "De gemeente doet wat ze zegt")
    ]
    other = participatie_services.vraag_create(
        vragenlijst=vragenlijst, type=VraagType.LIKERT, tekst="Ik doe mee", dimensie=Dimensie.BETROKKENHEID
    )

    def submit(a, b):
        participatie_services.respons_submit(
            vragenlijst=vragenlijst, answers={trust[0].pk: str(a), trust[1].pk: str(b), other.pk: "1"}
        )

    # when 9 residents answered (trust means 4.5 and 3.5, alternating) and the plan is recomputed
    for i in range(9):
        submit(5, 4) if i % 2 else submit(4, 3)
    services.plan_recompute(plan_id=vragenlijst.plan_id)
    # then the council sees no trust figure yet (fewer than 10 responses)
    snap = _vertrouwen(vragenlijst.plan_id)
    assert (snap.waarde, snap.n, snap.details.get("onderdrukt")) == (None, 0, True)

    # when the 10th resident answers
    submit(5, 4)
    services.plan_recompute(plan_id=vragenlijst.plan_id)
    # then trust is the mean of the per-response trust means, with n = 10 (other dimensions ignored)
    snap = _vertrouwen(vragenlijst.plan_id)
    assert (snap.waarde, snap.n) == (4.0, 10)
