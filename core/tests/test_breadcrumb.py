"""Breadcrumbs come from one include (templates/includes/breadcrumb.html), not a copied block."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

INCLUDE = Path("templates/includes/breadcrumb.html")


def test_no_template_but_the_include_writes_a_breadcrumb_trail():
    # given every template of the project
    root = Path(settings.BASE_DIR)
    templates = [p for p in root.glob("**/templates/**/*.html") if ".venv" not in p.parts]

    # then only the include holds the trail's markup
    copied = [str(p.relative_to(root)) for p in templates if 'class="breadcrumb"' in p.read_text()]
    assert copied == [str(INCLUDE)]


def test_the_trail_marks_the_current_page_after_its_parents():
    # when the include renders a trail with a section and the current page
    html = render_to_string(
        "includes/breadcrumb.html", {"section_url": "/deelname/", "section_label": "Participatie", "current": "Enquête"}
    )

    # then the parent is a link and the current page is marked, not linked
    assert '<a href="/deelname/">Participatie</a>' in html
    assert '<li class="breadcrumb-item active" aria-current="page">Enquête</li>' in html
