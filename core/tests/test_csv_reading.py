"""The one CSV reader of every import: encodings, delimiters, line endings and limits."""

from __future__ import annotations

import pytest

from core.csv_reading import MAX_CELL, csv_read


def test_reads_a_bom_semicolon_file_with_stripped_cells_and_physical_line_numbers():
    content = "\ufeffcode ; naam\nBU1 ; Hof \n\n" + 'BU2;"Twee\nregels"\nBU3;Drie\n'
    table, errors = csv_read(content.encode("utf-8"))
    assert errors == []
    assert table.header == ["code", "naam"]
    assert table.rows == [
        (2, {"code": "BU1", "naam": "Hof"}),
        (5, {"code": "BU2", "naam": "Twee\nregels"}),
        (6, {"code": "BU3", "naam": "Drie"}),
    ]


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_every_line_ending_gives_the_same_rows(ending):
    table, errors = csv_read(ending.join(["Type,Datum", "a,1", "b,2"]).encode(), lower_header=True)
    assert errors == []
    assert table.header == ["type", "datum"]
    assert [row for _, row in table.rows] == [{"type": "a", "datum": "1"}, {"type": "b", "datum": "2"}]


def test_short_and_long_rows_fill_missing_cells_and_drop_extra_ones():
    table, _ = csv_read("a,b\n1\n1,2,3\n")
    assert [row for _, row in table.rows] == [{"a": "1", "b": ""}, {"a": "1", "b": "2"}]


@pytest.mark.parametrize(
    ("content", "line", "fragment"),
    [
        (b"a,b\n\xff\xfe,1\n", 1, "UTF-8"),
        (b"a,b\n1,2\nx\x00y,3\n", 3, "NUL"),
        ("a,b\n1," + "x" * (MAX_CELL + 1) + "\n", 2, "langer dan"),
        ('a,b\n1,"' + "x" * 200_000 + '"\n', 2, "geen geldige CSV"),
    ],
)
def test_a_file_that_is_not_usable_text_gives_one_error_with_its_line(content, line, fragment):
    table, errors = csv_read(content)
    assert [(e.row, e.column) for e in errors] == [(line, "-")]
    assert fragment in errors[0].reason
    assert table.rows == []


def test_size_and_row_limits_are_refused_before_any_row_is_used():
    _, errors = csv_read(b"a\n" + b"1\n" * 10, max_bytes=10)
    assert "maximaal" in errors[0].reason
    table, errors = csv_read("a\n" + "1\n" * 4, max_rows=3)
    assert [(e.row, e.column) for e in errors] == [(5, "-")]
    assert "meer dan 3 regels" in errors[0].reason
    assert table.rows == []
