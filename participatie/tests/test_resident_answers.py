"""A resident's answers that the final submit refuses: bounds, and the way back to the page."""

import re

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from participatie import services
from participatie.constants import Toegang, VraagType, VragenlijstStatus
from participatie.models import Respons
from participatie.tests.factories import VragenlijstFactory
from participatie.views import bewoner

pytestmark = pytest.mark.django_db


def _number_survey(n_other: int = 4):
    """An open survey: a number question without bounds on page 1, then `n_other` more questions."""
    vragenlijst = VragenlijstFactory(toegang=Toegang.OPEN_LINK)
    getal = services.vraag_create(
        vragenlijst=vragenlijst, type=VraagType.GETAL, tekst="Hoeveel personen?", verplicht=True
    )
    for i in range(n_other):
        services.vraag_create(vragenlijst=vragenlijst, type=VraagType.LIKERT, tekst=f"Stelling {i}", verplicht=True)
    services.vragenlijst_status_set(vragenlijst=vragenlijst, status=VragenlijstStatus.OPEN)
    return vragenlijst, getal


@pytest.mark.parametrize("value", ["2147483648", "999999999999999999999999999999", "-2147483649"])
def test_a_number_outside_the_answer_column_is_refused_on_its_page(value):
    vragenlijst, getal = _number_survey()
    client = Client()
    client.post(reverse("participatie:vragenlijst_start", args=[vragenlijst.slug]))
    page = [v.pk for v in vragenlijst.vragen.order_by("volgorde", "id")][: bewoner.PER_PAGINA]
    data = {f"vraag_{pk}": "3" for pk in page} | {f"vraag_{getal.pk}": value}
    response = client.post(reverse("participatie:vragenlijst_pagina", args=[vragenlijst.slug, 1]), data)
    assert response.status_code == 200
    assert "Vul een getal in tussen -2.147.483.648 en 2.147.483.647." in response.content.decode()
    assert Respons.objects.count() == 0


@override_settings(PARTICIPATIE_MIN_FILL_SECONDS=0)
def test_a_refused_final_submit_sends_the_resident_back_to_the_page_with_that_answer():
    # given a resident who answered 6 on page 1 and reached the last page
    vragenlijst, getal = _number_survey()
    client = Client()
    client.post(reverse("participatie:vragenlijst_start", args=[vragenlijst.slug]))
    vragen = [v.pk for v in vragenlijst.vragen.order_by("volgorde", "id")]
    first, last = vragen[: bewoner.PER_PAGINA], vragen[bewoner.PER_PAGINA :]
    client.post(
        reverse("participatie:vragenlijst_pagina", args=[vragenlijst.slug, 1]),
        {f"vraag_{pk}": "3" for pk in first} | {f"vraag_{getal.pk}": "6"},
    )
    # and the question got a maximum of 5 meanwhile
    services.vraag_update(vraag=getal, type=VraagType.GETAL, tekst=getal.tekst, max_waarde=5)
    # when the last page is sent
    response = client.post(
        reverse("participatie:vragenlijst_pagina", args=[vragenlijst.slug, 2]), {f"vraag_{pk}": "3" for pk in last}
    )
    # then nothing is saved and the resident is back on page 1, the answer and message at the field
    assert Respons.objects.count() == 0
    assert response["Location"] == reverse("participatie:vragenlijst_pagina", args=[vragenlijst.slug, 1])
    html = client.get(response["Location"]).content.decode()
    assert "Vul een getal in van maximaal 5." in html
    assert re.search(rf'name="vraag_{getal.pk}"[^>]*value="6"|value="6"[^>]*name="vraag_{getal.pk}"', html)
    # when corrected there, the survey completes
    client.post(
        reverse("participatie:vragenlijst_pagina", args=[vragenlijst.slug, 1]),
        {f"vraag_{pk}": "3" for pk in first} | {f"vraag_{getal.pk}": "4"},
    )
    response = client.post(
        reverse("participatie:vragenlijst_pagina", args=[vragenlijst.slug, 2]), {f"vraag_{pk}": "3" for pk in last}
    )
    assert response["Location"].endswith("/bedankt/")
    assert Respons.objects.count() == 1
