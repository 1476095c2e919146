"""Management commands of the `wup` app: cbs_import and geometrie_import."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from wup.models import Buurt, Gemeente, Wijk

pytestmark = pytest.mark.django_db

CSV_HEADER = "buurtcode,wijkcode,gemeentecode,buurtnaam,gemeentenaam,aantal_inwoners,woningvoorraad,pct_koopwoningen\n"
GOOD_CSV = CSV_HEADER + (
    "BU03070100,WK030701,GM0307,Hof,Amersfoort,710,396,26.0\n"
    "BU03070101,WK030701,GM0307,Nieuwstraat,Amersfoort,460,259,\n"
    "BU03070200,WK030702,GM0307,Bergkwartier,Amersfoort,900,400,70.0\n"
    "BU03100000,WK031000,GM0310,Centrum,De Bilt,100,50,50.0\n"
)
BAD_CSV = CSV_HEADER + (
    "BU03070100,WK030701,GM0307,Hof,Amersfoort,710,396,26.0\n"
    "BU0307010X,WK030701,GM0307,Fout,Amersfoort,1,1,140\n"
    "BU03070102,WK030701,GM0307,,Amersfoort,veel,1,1\n"
)


def _run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _counts() -> tuple[int, int, int]:
    return Gemeente.objects.count(), Wijk.objects.count(), Buurt.objects.count()


def test_cbs_import_command_imports_the_gemeente_and_prints_counts(tmp_path):
    # given a good CBS file with three Amersfoort buurten and one of De Bilt
    path = tmp_path / "buurten.csv"
    path.write_text(GOOD_CSV, encoding="utf-8")
    # when it is imported for Amersfoort
    out, err = _run("cbs_import", str(path), "--gemeente", "GM0307")
    # then only Amersfoort's wijken and buurten are saved, with the counts printed
    assert sorted(Buurt.objects.values_list("code", flat=True)) == ["BU03070100", "BU03070101", "BU03070200"]
    assert Wijk.objects.get(code="WK030701").woningvoorraad == 655
    assert "Wijken: 2 nieuw, 0 bijgewerkt" in out
    assert "Buurten: 3 nieuw, 0 bijgewerkt" in out
    assert err == ""


def test_cbs_import_command_twice_creates_nothing_new(tmp_path):
    # given a file that was imported once
    path = tmp_path / "buurten.csv"
    path.write_text(GOOD_CSV, encoding="utf-8")
    _run("cbs_import", str(path))
    before = _counts()
    # when it is imported again
    out, _ = _run("cbs_import", str(path))
    # then nothing is new or changed
    assert "Wijken: 0 nieuw, 0 bijgewerkt" in out
    assert "Buurten: 0 nieuw, 0 bijgewerkt" in out
    assert _counts() == before


def test_cbs_import_command_updates_changed_buurten(tmp_path):
    # given an imported file in which one buurt's homes later change
    path = tmp_path / "buurten.csv"
    path.write_text(GOOD_CSV, encoding="utf-8")
    _run("cbs_import", str(path))
    path.write_text(GOOD_CSV.replace("Hof,Amersfoort,710,396", "Hof,Amersfoort,710,500"), encoding="utf-8")
    # when it is imported again
    out, _ = _run("cbs_import", str(path))
    # then that buurt and its wijk are updated
    assert "Wijken: 0 nieuw, 1 bijgewerkt" in out
    assert "Buurten: 0 nieuw, 1 bijgewerkt" in out
    assert Buurt.objects.get(code="BU03070100").woningvoorraad == 500


def test_cbs_import_command_all_gemeenten(tmp_path):
    path = tmp_path / "buurten.csv"
    path.write_text(GOOD_CSV, encoding="utf-8")
    _run("cbs_import", str(path), "--gemeente", "*")
    assert Buurt.objects.count() == 4
    assert Gemeente.objects.filter(code="GM0310").exists()


def test_cbs_import_command_dry_run_saves_nothing(tmp_path):
    # given a good file
    path = tmp_path / "buurten.csv"
    path.write_text(GOOD_CSV, encoding="utf-8")
    before = _counts()
    # when it is imported with --dry-run
    out, _ = _run("cbs_import", str(path), "--dry-run")
    # then the counts are shown but nothing is saved
    assert "Buurten: 3 nieuw" in out
    assert "niets opgeslagen" in out
    assert _counts() == before


def test_cbs_import_command_bad_file_lists_every_error_and_saves_nothing(tmp_path):
    # given an existing buurt and a file with one good and two bad rows
    good = tmp_path / "goed.csv"
    good.write_text(GOOD_CSV, encoding="utf-8")
    _run("cbs_import", str(good))
    before = _counts()
    hof_before = Buurt.objects.get(code="BU03070100").woningvoorraad
    bad = tmp_path / "fout.csv"
    bad.write_text(BAD_CSV.replace("Hof,Amersfoort,710,396", "Hof,Amersfoort,710,999"), encoding="utf-8")
    err = StringIO()
    # when it is imported
    with pytest.raises(CommandError, match="Niets geïmporteerd: 4 fout"):
        call_command("cbs_import", str(bad), stdout=StringIO(), stderr=err)
    # then every error names its row and column, and nothing changed (not even the good row)
    lines = err.getvalue().splitlines()
    assert "Regel 3, kolom 'buurtcode': 'BU0307010X' is geen buurtcode (BU + 8 cijfers)" in lines
    assert "Regel 3, kolom 'pct_koopwoningen': 140 is groter dan 100" in lines
    assert "Regel 4, kolom 'buurtnaam': naam ontbreekt" in lines
    assert "Regel 4, kolom 'aantal_inwoners': 'veel' is geen getal" in lines
    assert _counts() == before
    assert Buurt.objects.get(code="BU03070100").woningvoorraad == hof_before


def test_cbs_import_command_missing_column_and_missing_file(tmp_path):
    # given a file without the buurtcode column, and a path that does not exist
    path = tmp_path / "kolom.csv"
    path.write_text("wijkcode,gemeentecode\nWK030701,GM0307\n", encoding="utf-8")
    err = StringIO()
    # when they are imported
    with pytest.raises(CommandError):
        call_command("cbs_import", str(path), stdout=StringIO(), stderr=err)
    with pytest.raises(CommandError, match="Kan .* niet lezen"):
        call_command("cbs_import", str(tmp_path / "weg.csv"), stdout=StringIO(), stderr=StringIO())
    # then the missing columns are named and nothing is saved
    assert "verplichte kolom ontbreekt" in err.getvalue()
    assert Buurt.objects.count() == 0


def test_cbs_import_command_refuses_a_bad_gemeente_code(tmp_path):
    path = tmp_path / "buurten.csv"
    path.write_text(GOOD_CSV, encoding="utf-8")
    with pytest.raises(CommandError, match="geen gemeentecode"):
        call_command("cbs_import", str(path), "--gemeente", "Amersfoort", stdout=StringIO(), stderr=StringIO())
    assert Buurt.objects.count() == 0


def test_cbs_import_command_with_the_shared_utrecht_file():
    # given the real CBS file of the province of Utrecht (145 Amersfoort buurten in 33 wijken)
    from pathlib import Path

    path = Path(__file__).resolve().parents[3] / "shared" / "data" / "provincie_utrecht_buurten_cbs.csv"
    if not path.exists():
        pytest.skip("shared/data is not next to the project")
    # when Amersfoort is imported twice
    first, _ = _run("cbs_import", str(path), "--gemeente", "GM0307")
    second, _ = _run("cbs_import", str(path), "--gemeente", "GM0307")
    # then 33 wijken and 145 buurten exist and the second run adds nothing
    assert "Wijken: 33 nieuw" in first and "Buurten: 145 nieuw" in first
    assert "Wijken: 0 nieuw, 0 bijgewerkt. Buurten: 0 nieuw, 0 bijgewerkt" in second
    assert (Wijk.objects.count(), Buurt.objects.count()) == (33, 145)


def test_a_cbs_file_with_cr_only_line_endings_or_a_nul_byte(tmp_path):
    from wup.services import cbs_parse

    # given the good file saved with old-Mac line endings: the same four buurten
    result = cbs_parse(content=GOOD_CSV.replace("\n", "\r").encode())
    assert result.ok
    assert [row["buurtcode"] for row in result.rows] == ["BU03070100", "BU03070101", "BU03070200", "BU03100000"]
    # given a NUL byte on line 3: one error naming that line, no rows
    result = cbs_parse(content=GOOD_CSV.replace("Nieuwstraat", "Nieuw\x00straat").encode())
    assert [(e.row, e.column) for e in result.errors] == [(3, "-")]
    assert result.rows == []
