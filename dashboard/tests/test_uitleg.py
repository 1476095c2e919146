"""The sentences beside a figure: units, definitions and reasons, numbers in the reader's locale."""

import datetime as dt

import pytest
from django.utils import translation

from dashboard import uitleg


def test_numbers_are_grouped_and_use_the_decimal_comma_in_dutch_and_not_in_english():
    with translation.override("nl"):
        assert (uitleg.getal(1640), uitleg.getal(3.62, 1), uitleg.getal(1234567)) == ("1.640", "3,6", "1.234.567")
    with translation.override("en"):
        assert (uitleg.getal(1640), uitleg.getal(3.62, 1)) == ("1,640", "3.6")


def test_figures_and_reasons_in_dutch():
    with translation.override("nl"):
        # schedule: 6 of 8 on time, 2 overdue
        details = {"op_tijd": 6, "reden": {"code": "schema", "norm": 80, "op_tijd": 6, "over_tijd": 2, "pct": 75.0}}
        assert uitleg.figuur("schema", waarde=75.0, n=8, details=details) == (
            "75 % op tijd (6 van 8 mijlpalen en afspraken)"
        )
        assert uitleg.reden("schema", status="aandacht", details=details) == (
            "aandacht: 2 mijlpalen en afspraken over tijd (norm 80 % op tijd)"
        )
        # results off track on the projection
        details = {"reden": {"code": "projectie", "jaar": 2041, "doel": 2035, "gehaald": 73, "nodig": 120}}
        assert uitleg.reden("resultaten", status="uit_koers", details=details) == (
            "uit koers: in dit tempo aardgasvrij in 2041, doel 2035; "
            "73 van de 120 die volgens een rechte lijn nu aardgasvrij moesten zijn"
        )
        # movement of a completed month names the month; of today, the last 30 days
        assert uitleg.figuur("beweging", waarde=405.0, n=900, details={"venster": "30_dagen", "dagen": 30}) == (
            "405 deelnames en acties in de laatste 30 dagen"
        )
        assert uitleg.figuur(
            "beweging", waarde=1405.0, n=900, details={"venster": "maand"}, periode=dt.date(2025, 11, 1)
        ) == ("1.405 deelnames en acties in november 2025")
        # no figure: the badge judges nothing
        assert uitleg.badge_label("onbekend") == "Geen oordeel"
        assert uitleg.reden("vertrouwen", status="onbekend", details={"reden": {"code": "geen_reacties"}}) == (
            "geen oordeel: nog geen reacties op een vragenlijst"
        )
        # a snapshot from before reasons were stored has none
        assert uitleg.reden("koers", status="op_koers", details={}) == ""


TE_WEINIG = "Pulsmeting ambtenaren: nog te weinig antwoorden om te tonen (minder dan 10)"


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, TE_WEINIG),
        (9, TE_WEINIG),
        (10, "Pulsmeting ambtenaren: 3,7 op een schaal van 1 tot 5 (n = 10 antwoorden)"),
        (11, "Pulsmeting ambtenaren: 3,7 op een schaal van 1 tot 5 (n = 11 antwoorden)"),
    ],
)
def test_the_pulse_sentence_shows_mean_and_n_only_from_ten_answers(n, expected):
    from dashboard import indicators

    # given the governance details as the indicator stores them for n answers with mean 3.67
    details = indicators.puls_publiceerbaar(3.6666 if n else None, n)
    with translation.override("nl"):
        assert uitleg.puls_zin(details) == expected
        # and a snapshot that (wrongly) held a pulse under the minimum still never shows it
        assert uitleg.puls_zin({"puls": 2.0, "puls_n": 9}) == TE_WEINIG
        assert uitleg.puls_zin(None) == TE_WEINIG


@pytest.mark.parametrize(
    ("value", "decimalen", "tekst"),
    [(3.67, 1, "3,7"), (2.99, 1, "3,0"), (2.25, 1, "2,3"), (1639.5, 0, "1.640"), (4.5, 1, "4,5"), (0.04, 1, "0,0")],
)
def test_numbers_are_rounded_half_up_not_cut_off(value, decimalen, tekst):
    from django.utils import translation

    with translation.override("nl"):
        assert uitleg.getal(value, decimalen) == tekst
