"""CSV export helpers, free of app imports so other apps can reuse them.

CSV formula injection (OWASP): a spreadsheet treats a cell that starts with '=', '+', '-', '@',
a tab or a carriage return as a formula. Survey answers and option texts come from residents and
civil servants, so every cell written here goes through `csv_safe`, which prefixes such a cell
with a single quote: the spreadsheet then shows the text as text and runs nothing.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# A plain number: optional sign, digits, optional decimal part. Such a cell is left alone, so a
# negative answer (-3) stays numeric in the spreadsheet: a number cannot carry a formula (the
# whole cell must match, so "-3+cmd|..." is not a number and is prefixed).
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def csv_safe(value: Any) -> Any:
    """The cell value to write: numbers as they are, text that starts like a formula quoted."""
    if value is None or isinstance(value, (bool, int, float, Decimal)):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


class SafeWriter:
    """A `csv.writer` that neutralises every cell with `csv_safe`."""

    def __init__(self, f, **kwargs):
        self._writer = csv.writer(f, **kwargs)

    def writerow(self, row: Iterable[Any]):
        return self._writer.writerow([csv_safe(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)
