"""Reading an uploaded CSV file, the same way for every import (CBS buurten, events).

`csv_read` turns bytes into a header and stripped rows, or into errors that name a line: the
file must be UTF-8 (a BOM is dropped), within a size and a row limit, and without NUL bytes;
the delimiter is `;` or `,` (whichever the first lines use more); any line ending (`\\n`,
`\\r\\n`, a lone `\\r`) works. What the rows mean is the caller's: it reports its own
`RowError`s per row and column.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.utils.translation import gettext

MAX_BYTES = 10 * 1024 * 1024  # the upload limit in settings (DATA_UPLOAD_MAX_MEMORY_SIZE)
MAX_ROWS = 50_000
MAX_CELL = 10_000  # characters in one cell; far above any real column


@dataclass
class RowError:
    row: int  # 1-based line number in the file, header = line 1
    column: str  # "-" when the error concerns the whole row or file
    reason: str

    def __str__(self) -> str:
        return gettext("Line %(row)s, column '%(column)s': %(reason)s") % {
            "row": self.row,
            "column": self.column,
            "reason": self.reason,
        }


@dataclass
class CsvTable:
    header: list[str] = field(default_factory=list)
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)  # (line number, row)

    def missing(self, required: tuple[str, ...] | list[str]) -> list[str]:
        return [column for column in required if column not in self.header]


def _decode(content: bytes | str) -> str | None:
    if isinstance(content, str):
        return content
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def csv_read(
    content: bytes | str,
    *,
    lower_header: bool = False,
    max_bytes: int = MAX_BYTES,
    max_rows: int = MAX_ROWS,
) -> tuple[CsvTable, list[RowError]]:
    """Parse `content` into a table; on a problem with the file itself, return its errors."""
    table = CsvTable()
    size = len(content.encode("utf-8") if isinstance(content, str) else content)
    if size > max_bytes:
        message = gettext("the file is %(size)s MB; at most %(maximum)s MB can be imported at once") % {
            "size": f"{size / 1024 / 1024:.1f}",
            "maximum": f"{max_bytes / 1024 / 1024:g}",
        }
        return table, [RowError(1, "-", message)]
    text = _decode(content)
    if text is None:
        return table, [RowError(1, "-", gettext("the file is not UTF-8 text"))]
    # One line ending for the csv module: a lone CR (old Mac exports) would otherwise fail.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        return table, [RowError(line, "-", gettext("the line contains a NUL byte (this is not a text file)"))]
    sample = text[:2048]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader, [])
        table.header = [h.strip().lower() if lower_header else h.strip() for h in header]
        for raw in reader:
            if not any(cell.strip() for cell in raw):
                continue  # blank line
            line = reader.line_num
            if len(table.rows) >= max_rows:
                message = gettext("the file has more than %(maximum)s rows; split it into smaller files") % {
                    "maximum": f"{max_rows:,}".replace(",", ".")
                }
                return CsvTable(header=table.header), [RowError(line, "-", message)]
            if any(len(cell) > MAX_CELL for cell in raw):
                return CsvTable(header=table.header), [
                    RowError(
                        line, "-", gettext("a value is longer than %(maximum)s characters") % {"maximum": MAX_CELL}
                    )
                ]
            row = {name: (raw[i].strip() if i < len(raw) else "") for i, name in enumerate(table.header) if name}
            table.rows.append((line, row))
    except csv.Error as exc:
        return CsvTable(header=table.header), [
            RowError(reader.line_num or 1, "-", gettext("the file is not valid CSV (%(error)s)") % {"error": exc})
        ]
    return table, []
