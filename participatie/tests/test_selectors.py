import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from participatie import charts, selectors, services
from participatie.constants import Toegang, VraagType
from participatie.forms import AntwoordenForm
from participatie.tests.factories import VragenlijstFactory

from .helpers import submit_many, template_survey

pytestmark = pytest.mark.django_db


def _count_queries(vragenlijst) -> int:
    with CaptureQueriesContext(connection) as ctx:
        selectors.vragenlijst_results(vragenlijst=vragenlijst)
    return len(ctx.captured_queries)


def test_results_use_a_constant_number_of_queries_for_3_and_30_responses(django_assert_num_queries):
    # given two template surveys with 3 and 30 responses
    small, large = template_survey(), template_survey()
    submit_many(small, 3)
    submit_many(large, 30, seed=2)
    # when the results are read, then the number of queries is the same (and fixed)
    with django_assert_num_queries(9):
        selectors.vragenlijst_results(vragenlijst=small)
    with django_assert_num_queries(9):
        selectors.vragenlijst_results(vragenlijst=large)


def test_results_suppress_figures_below_five_responses():
    # given a survey with 4 responses
    vragenlijst = template_survey()
    submit_many(vragenlijst, 4)
    # when the results are read
    res = selectors.vragenlijst_results(vragenlijst=vragenlijst)
    # then no distribution, dimension mean or cross-tab cell is shown
    assert res.n_responsen == 4
    assert all(r.onderdrukt and not r.rijen for r in res.vragen if not r.is_tekst)
    assert all(d.onderdrukt and d.gemiddelde is None for d in res.dimensies)
    assert all(cell[0] is None and cell[2] for u in res.uitsplitsingen for _, row in u.rijen for cell in row)


def test_results_at_five_show_figures_and_small_crosstab_cells_stay_hidden():
    # given 6 responses: 5 from owners, 1 from a tenant
    vragenlijst = template_survey(toegang=Toegang.OPEN_LINK)
    woning = vragenlijst.vragen.get(type=VraagType.ENKELE_KEUZE)
    koop, huur = list(woning.opties.all())[:2]
    from .helpers import answers_for

    for i in range(6):
        answers = answers_for(vragenlijst)
        answers[woning.pk] = str(koop.pk if i < 5 else huur.pk)
        services.respons_submit(vragenlijst=vragenlijst, answers=answers)
    # when the results are read
    res = selectors.vragenlijst_results(vragenlijst=vragenlijst)
    # then distributions and dimension means show, the owners' cells show, the tenant's cells hide
    assert not any(r.onderdrukt for r in res.vragen)
    assert all(d.n == 6 and d.gemiddelde is not None for d in res.dimensies)
    rows = dict(res.uitsplitsingen[0].rijen)
    assert all(not hidden and n == 5 for _, n, hidden in rows[koop.tekst])
    assert all(hidden and gem is None for gem, _, hidden in rows[huur.tekst])


def test_multiple_choice_is_counted_per_option_not_per_combination():
    # given a multiple-choice question answered [A,B], [A], [B,C], [A,C], [A]
    vragenlijst = VragenlijstFactory(open=True, toegang=Toegang.OPEN_LINK)
    vraag = services.vraag_create(vragenlijst=vragenlijst, type=VraagType.MEERKEUZE, tekst="K", opties=["A", "B", "C"])
    a, b, c = (str(o.pk) for o in vraag.opties.all())
    for combo in ([a, b], [a], [b, c], [a, c], [a]):
        services.respons_submit(vragenlijst=vragenlijst, answers={vraag.pk: combo})
    # when the results are read
    [res] = selectors.vragenlijst_results(vragenlijst=vragenlijst).vragen
    # then each option is counted once per respondent who chose it
    assert [(r.label, r.n, r.pct) for r in res.rijen] == [("A", 4, 80.0), ("B", 2, 40.0), ("C", 2, 40.0)]


def test_export_has_no_free_text_and_no_codes():
    # given a code survey with free-text answers
    vragenlijst = template_survey()
    codes = services.codes_generate(vragenlijst=vragenlijst, n=2)
    from .helpers import answers_for

    for code in codes:
        services.respons_submit(
            vragenlijst=vragenlijst, answers=answers_for(vragenlijst, tekst="GEHEIM-123"), code=code
        )
    # when the export rows are built
    header, rows = selectors.antwoorden_export_rows(vragenlijst=vragenlijst)
    flat = str(header) + str(rows)
    # then no free text, no code and no code hash appears
    assert len(rows) == 2
    assert "GEHEIM-123" not in flat
    assert not any(code in flat for code in codes)
    assert "code" not in " ".join(header).lower()


def test_plan_list_query_count_is_flat():
    # given survey lists for plans with 2 and 20 surveys
    from wup.tests.factories import PlanFactory

    small, large = PlanFactory(), PlanFactory()
    for _ in range(2):
        VragenlijstFactory(plan=small)
    for _ in range(20):
        VragenlijstFactory(plan=large)
    # then listing each takes one query
    for plan in (small, large):
        with CaptureQueriesContext(connection) as ctx:
            list(selectors.vragenlijst_list(plan=plan))
        assert len(ctx.captured_queries) == 1


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("en", ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"]),
        ("nl", ["Helemaal mee oneens", "Mee oneens", "Neutraal", "Mee eens", "Helemaal mee eens"]),
    ],
)
def test_likert_labels_are_translated_plain_strings_in_results_and_chart(language, labels):
    # given a survey with enough responses to show the likert distributions
    vragenlijst = template_survey()
    submit_many(vragenlijst, 6)
    # when the results and a chart are built in a language
    with translation.override(language):
        res = selectors.vragenlijst_results(vragenlijst=vragenlijst)
        likert = next(r for r in res.vragen if r.vraag.type == VraagType.LIKERT)
        figure = charts.verdeling_figure(likert)
    # then the row labels are plain str in that language, and the chart data is JSON with them
    assert [r.label for r in likert.rijen] == labels
    assert all(type(r.label) is str for r in likert.rijen)
    assert json.loads(json.dumps(figure))["data"][0]["y"] == labels


def test_likert_form_choices_follow_the_language():
    # given a likert question
    vragenlijst = VragenlijstFactory()
    vraag = services.vraag_create(vragenlijst=vragenlijst, type=VraagType.LIKERT, tekst="Stelling")
    # when the resident form is built in Dutch, then the labels are the Dutch ones
    with translation.override("nl"):
        form = AntwoordenForm(vragen=[vraag], laatste=True, eerste=True)
        choices = [(value, str(label)) for value, label in form.fields[f"vraag_{vraag.pk}"].choices]
    assert choices[0] == ("1", "Helemaal mee oneens") and choices[-1] == ("5", "Helemaal mee eens")
