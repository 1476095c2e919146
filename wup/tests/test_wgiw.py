"""The Wgiw rules (wup/wgiw.py) on hand-made inputs: no database."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest
from django.utils import translation

from wup.constants import WaarborgSoort
from wup.wgiw import Alternatief, WgiwInvoer, plus_jaren, wgiw_check

VANDAAG = dt.date(2026, 3, 1)
ACHT_JAAR = (
    "Wgiw: ten minste acht jaar tussen vaststelling van de regel in het omgevingsplan en het einde van de gaslevering"
)


@pytest.fixture(autouse=True)
def _dutch():
    with translation.override("nl"):
        yield


def _compleet(**changes) -> WgiwInvoer:
    invoer = WgiwInvoer(
        gas_einddatum=dt.date(2036, 1, 1),
        aanwijsbevoegdheid=False,
        vastgesteld_op=dt.date(2026, 6, 1),
        alternatieven=(
            Alternatief("Warmtenet", Decimal("200"), "euro_per_ton_co2", gekozen=True),
            Alternatief("All-electric", Decimal("300"), "euro_per_ton_co2"),
        ),
        maatregelen=2,
        investeringen=1,
        keuzeruimte="Eigenaren kiezen het moment.",
        gelijkwaardige_alternatieven=1,
        waarborgen=frozenset(WaarborgSoort.values),
        participatie_verantwoording="Drie avonden.",
    )
    return replace(invoer, **changes)


def test_a_complete_plan_can_be_adopted():
    check = wgiw_check(_compleet(), vandaag=VANDAAG)
    assert check.compleet and check.vaststelbaar
    assert check.ontbreekt == [] and check.fouten == []


def test_an_empty_plan_lists_every_missing_part_in_dutch():
    # given a plan with no Wgiw content at all
    check = wgiw_check(WgiwInvoer(), vandaag=VANDAAG)
    # then each part is named, in plain Dutch, and adoption is refused
    assert not check.vaststelbaar
    tekst = "\n".join(check.ontbreekt)
    for deel in (
        "Einde gaslevering",
        "Gekozen alternatief",
        "Maatregelen",
        "Investeringen",
        "Keuzeruimte",
        "Gelijkwaardig alternatief",
        "Overwogen alternatieven",
        "Participatie",
    ):
        assert deel in tekst, deel
    # and all five safeguards, each on its own line
    assert sum("Waarborg" in regel for regel in check.ontbreekt) == 5
    assert "Motivering" not in tekst  # nothing is chosen, so nothing to motivate


def test_a_gas_end_date_per_buurt_for_every_buurt_is_enough():
    invoer = _compleet(
        gas_einddatum=None,
        buurten=("Noord", "Zuid"),
        buurt_einddata=(("Noord", dt.date(2036, 1, 1)), ("Zuid", dt.date(2038, 1, 1))),
    )
    assert wgiw_check(invoer, vandaag=VANDAAG).compleet
    half = replace(invoer, buurt_einddata=(("Noord", dt.date(2036, 1, 1)),))
    assert any("Einde gaslevering" in r for r in wgiw_check(half, vandaag=VANDAAG).ontbreekt)


def test_a_chosen_alternative_that_is_not_the_cheapest_needs_a_motivation():
    # given the chosen alternative costs more than another in the same unit
    duur = (
        Alternatief("Warmtenet", Decimal("450"), "euro_per_ton_co2", gekozen=True),
        Alternatief("All-electric", Decimal("300"), "euro_per_ton_co2"),
    )
    # when there is no motivation, then that is missing
    check = wgiw_check(_compleet(alternatieven=duur), vandaag=VANDAAG)
    assert check.ontbreekt == [
        "Motivering: het gekozen alternatief heeft niet de laagste nationale kosten; "
        "leg uit hoe de keuze is gemaakt en waarom."
    ]
    # and with one, the plan is complete
    assert wgiw_check(_compleet(alternatieven=duur, keuze_motivatie="Minder overlast."), vandaag=VANDAAG).compleet


def test_costs_in_another_unit_are_not_compared():
    alternatieven = (
        Alternatief("Warmtenet", Decimal("450"), "euro_per_ton_co2", gekozen=True),
        Alternatief("All-electric", Decimal("30"), "euro_per_woning"),
    )
    assert wgiw_check(_compleet(alternatieven=alternatieven), vandaag=VANDAAG).compleet


def test_with_the_power_less_than_eight_years_is_an_error_citing_the_rule():
    # given the aanwijsbevoegdheid, a rule adopted 1-6-2026 and gas ending one day before 8 years
    invoer = _compleet(
        aanwijsbevoegdheid=True, omgevingsplanregel_op=dt.date(2026, 6, 1), gas_einddatum=dt.date(2034, 5, 31)
    )
    check = wgiw_check(invoer, vandaag=VANDAAG)
    # then adoption is refused with the Wgiw rule in the message
    assert not check.vaststelbaar
    assert len(check.fouten) == 1 and ACHT_JAAR in check.fouten[0]
    assert "31-05-2034" in check.fouten[0] and "01-06-2026" in check.fouten[0]
    # and exactly eight years is allowed
    assert wgiw_check(replace(invoer, gas_einddatum=dt.date(2034, 6, 1)), vandaag=VANDAAG).vaststelbaar


def test_with_the_power_the_rule_defaults_to_the_adoption_date():
    invoer = _compleet(aanwijsbevoegdheid=True, vastgesteld_op=dt.date(2030, 1, 1), gas_einddatum=dt.date(2036, 1, 1))
    check = wgiw_check(invoer, vandaag=VANDAAG)
    assert check.fouten and "01-01-2030" in check.fouten[0]


def test_without_the_power_the_same_terms_are_warnings_only():
    invoer = _compleet(aanwijsbevoegdheid=False, vastgesteld_op=dt.date(2026, 6, 1), gas_einddatum=dt.date(2030, 1, 1))
    check = wgiw_check(invoer, vandaag=VANDAAG)
    assert check.vaststelbaar
    assert check.fouten == []
    assert len(check.waarschuwingen) == 1 and ACHT_JAAR in check.waarschuwingen[0]


@pytest.mark.parametrize(("macht", "vaststelbaar"), [(True, False), (False, True)])
def test_a_gas_end_date_after_2049(macht, vaststelbaar):
    # given a gas end date one day after 31-12-2049 (also on a buurt)
    invoer = _compleet(
        aanwijsbevoegdheid=macht,
        omgevingsplanregel_op=dt.date(2026, 1, 1),
        gas_einddatum=dt.date(2049, 12, 31),
        buurt_einddata=(("Zuid", dt.date(2050, 1, 1)),),
    )
    check = wgiw_check(invoer, vandaag=VANDAAG)
    # then it is an error with the power, a warning without
    assert check.vaststelbaar is vaststelbaar
    meldingen = check.fouten if macht else check.waarschuwingen
    assert meldingen == [
        "De gaslevering eindigt op 01-01-2050 (Zuid), na 31-12-2049, de laatste datum die de Wgiw toestaat."
    ]


def test_with_the_power_and_no_rule_date_yet_today_is_used_and_said():
    invoer = _compleet(aanwijsbevoegdheid=True, vastgesteld_op=None, gas_einddatum=dt.date(2033, 1, 1))
    check = wgiw_check(invoer, vandaag=dt.date(2026, 3, 1))
    assert check.fouten and "01-03-2026" in check.fouten[0]
    assert any("vandaag" in w for w in check.waarschuwingen)


def test_plus_jaren_on_a_leap_day():
    assert plus_jaren(dt.date(2028, 2, 29), 8) == dt.date(2036, 2, 29)
    assert plus_jaren(dt.date(2028, 2, 29), 1) == dt.date(2029, 2, 28)
