import csv
import io

import pytest
from django.urls import reverse

from core.constants import Role
from participatie import services
from participatie.constants import Toegang, VraagType
from participatie.exports import SafeWriter, csv_safe
from participatie.tests.factories import VragenlijstFactory


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+31 6 12345678", "'+31 6 12345678"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-", "'-"),
        ("-3", "-3"),
        ("+4", "+4"),
        ("-2.5", "-2.5"),
        ("Koopwoning", "Koopwoning"),
        ("a=1", "a=1"),
        ("", ""),
        (-3, -3),
        (7, 7),
        (None, None),
    ],
)
def test_csv_safe_quotes_formula_starts_but_keeps_numbers(cell, written):
    # given a cell / when it is made safe / then only text that starts like a formula is quoted
    assert csv_safe(cell) == written


def test_safe_writer_writes_neutralised_rows():
    # given a writer on a buffer
    buffer = io.StringIO()
    writer = SafeWriter(buffer)
    # when rows with a formula and a negative number are written
    writer.writerow(["kop", "=cmd"])
    writer.writerows([[-1, "-1"], ["@x", "ok"]])
    # then the formula cells are quoted and the numbers stay numbers
    assert list(csv.reader(io.StringIO(buffer.getvalue()))) == [["kop", "'=cmd"], ["-1", "-1"], ["'@x", "ok"]]


@pytest.mark.django_db
def test_answers_csv_neutralises_formulas_and_keeps_negative_numbers(client_for):
    # given a survey whose question text and options start with '=' / '@', and a number question
    vragenlijst = VragenlijstFactory(open=True, toegang=Toegang.OPEN_LINK)
    keuze = services.vraag_create(
        vragenlijst=vragenlijst,
        type=VraagType.ENKELE_KEUZE,
        tekst='=HYPERLINK("http://evil.example","klik")',
        opties=["=1+1", "@SUM(A1)"],
    )
    getal = services.vraag_create(
        vragenlijst=vragenlijst, type=VraagType.GETAL, tekst="Temperatuur thuis", min_waarde=-20, max_waarde=40
    )
    services.respons_submit(vragenlijst=vragenlijst, answers={keuze.pk: str(keuze.opties.first().pk), getal.pk: "-3"})
    # when the civil servant downloads the answers
    response = client_for(Role.AMBTENAAR).get(reverse("participatie:vragenlijst_export", args=[vragenlijst.pk]))
    header, row = list(csv.reader(io.StringIO(response.content.decode())))
    # then no cell starts like a formula, except the number -3, which stays numeric
    for cell in header + row:
        assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
        assert not cell.startswith("-") or cell == "-3", cell
    assert header[2].startswith("v1: =HYPERLINK")
    assert row[2:] == ["'=1+1", "-3"]


@pytest.mark.django_db
def test_codes_csv_cells_are_safe_and_unchanged(client_for):
    # given a code survey
    vragenlijst = VragenlijstFactory(open=True)
    # when codes are downloaded as CSV
    response = client_for(Role.AMBTENAAR).post(
        reverse("participatie:codes_generate", args=[vragenlijst.pk]), {"n": 5, "formaat": "csv"}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))[1:]
    # then no cell starts like a formula and the URL carries the grouped code
    for code, url in rows:
        assert not code.startswith(("=", "+", "-", "@", "'")) and "-" in code
        assert url.startswith("http") and url.endswith(f"/code/#code={code}")
