"""Issue 13: a number question says its range in its hint, before any error."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from participatie import services
from participatie.constants import Toegang, VraagType, VragenlijstStatus
from participatie.tests.factories import VragenlijstFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("minimum", "maximum", "hint"),
    [
        (0, 10, "Een heel getal van 0 tot en met 10."),
        (1, None, "Een heel getal van minstens 1."),
        (None, 99, "Een heel getal van hoogstens 99."),
        (None, None, "Een heel getal, bijvoorbeeld 3."),
    ],
)
def test_the_number_question_states_its_range_in_its_hint(minimum, maximum, hint):
    # given an open survey whose number question has a help text and a range
    vragenlijst = VragenlijstFactory(toegang=Toegang.OPEN_LINK)
    getal = services.vraag_create(
        vragenlijst=vragenlijst,
        type=VraagType.GETAL,
        tekst="Hoeveel personen?",
        helptekst="Tel <uzelf> mee.",
        min_waarde=minimum,
        max_waarde=maximum,
    )
    services.vragenlijst_status_set(vragenlijst=vragenlijst, status=VragenlijstStatus.OPEN)
    client = Client()
    client.post(reverse("participatie:vragenlijst_start", args=[vragenlijst.slug]))
    # when the resident opens the page, before sending anything
    html = client.get(reverse("participatie:vragenlijst_pagina", args=[vragenlijst.slug, 1])).content.decode()
    # then the field's hint, which the input points at, says its help text and its range
    field = f"id_vraag_{getal.pk}"
    input_tag = re.search(rf'<input[^>]*id="{field}"[^>]*>', html).group(0)
    assert f'aria-describedby="{field}_helptext"' in input_tag
    helptext = re.search(rf'id="{field}_helptext"[^>]*>(.*?)</', html, re.S).group(1).strip()
    assert helptext == f"Tel &lt;uzelf&gt; mee. {hint}"
