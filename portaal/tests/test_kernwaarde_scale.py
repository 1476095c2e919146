"""Issue 13: a kernwaarde's position names both poles and sits on a labelled scale, on the
plan page and in the PDF (the PDF showed a lone "25", the label said "linkerpool")."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse

from core.constants import Role
from wup.tests.factories import KernwaardeFactory, PlanFactory

pytestmark = pytest.mark.django_db

SENTENCE = "positie 25 van 100 (0 = Betaalbaarheid, 100 = Snelheid)"


def _plan():
    plan = PlanFactory(vastgesteld=True)
    KernwaardeFactory(plan=plan, pool_links="Betaalbaarheid", pool_rechts="Snelheid", positie=25, waarom="Omdat.")
    return plan


def test_the_plan_page_names_both_poles_and_marks_the_position_between_them(client_for):
    html = client_for(Role.RAADSLID).get(reverse("portaal:plan_document", kwargs={"pk": _plan().pk})).content.decode()
    assert SENTENCE in html and "linkerpool" not in html
    scale = re.search(r'<div class="pole-scale".*?</div>', html, re.S).group(0)
    texts = [t.strip() for t in re.findall(r">([^<]+)<", scale) if t.strip()]
    assert texts == ["Betaalbaarheid", "25", "Snelheid"]
    assert "pole-scale-at-5" in scale  # 25 of 100: the sixth of 21 marks, left: 25%


def test_the_pdf_names_both_poles_around_the_position(client_for):
    from pypdf import PdfReader

    response = client_for(Role.RAADSLID).get(reverse("portaal:plan_pdf", kwargs={"pk": _plan().pk}))
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(response.content)).pages)
    assert SENTENCE in text
    # the scale: the left pole, the position, the right pole, in that order
    assert re.search(r"Betaalbaarheid\s*25\s*Snelheid", text), text
